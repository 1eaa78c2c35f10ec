import { type SubmissionResult, getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { CheckboxField, ErrorSummary, Field, FieldErrors, TextareaField } from '#app/components/forms.tsx'
import {
  GROUP_DESCRIPTION_MAX,
  GROUP_NAME_MAX,
  GroupDescriptionSchema,
  GroupSettingsSchema,
  JOIN_POLICY_OPTIONS,
  PAGE_VISIBILITY_OPTIONS,
} from './group-form.schema.ts'

// The group settings form, shared by /groupes/nouveau and /groupes/:slug/parametres. Admins see every field; a
// coordinator who is not an admin sees the description only (`descriptionOnly`). Works without JavaScript: the
// server answers 400 with the same French messages and what was typed.

export type GroupFormDefaults = {
  name: string
  description: string
  joinPolicy: string
  pageVisibility: string
  hidden: boolean
}

type Reply = SubmissionResult<string[]> | null | undefined

function RadioGroup({
  name,
  legend,
  options,
  meta,
}: {
  name: string
  legend: string
  options: readonly { value: string; label: string; hint?: string }[]
  meta: { id: string; key?: string; errorId: string; errors?: string[]; initialValue?: unknown }
}) {
  const current = typeof meta.initialValue === 'string' ? meta.initialValue : ''
  const invalid = Boolean(meta.errors?.length)
  return (
    <fieldset className="radio-group" id={meta.id} tabIndex={-1} aria-describedby={invalid ? meta.errorId : undefined}>
      <legend>
        {legend}
        <span aria-hidden="true"> *</span>
      </legend>
      {options.map((option) => {
        const id = `${meta.id}-${option.value}`
        return (
          <div className="checkbox" key={`${meta.key ?? ''}-${option.value}`}>
            <input
              type="radio"
              id={id}
              name={name}
              value={option.value}
              defaultChecked={current === option.value}
              required
              aria-invalid={invalid || undefined}
            />
            <label htmlFor={id}>
              {option.label}
              {option.hint ? ` : ${option.hint}` : null}
            </label>
          </div>
        )
      })}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  )
}

export function GroupForm({
  id,
  action,
  lastResult,
  defaultValue,
  submitLabel,
  version,
  descriptionOnly = false,
  fixedName = false,
}: {
  id: string
  action?: string
  lastResult: Reply
  defaultValue?: GroupFormDefaults
  submitLabel: string
  /** Editing: the version the form was loaded from, sent back so a concurrent save is detected (not overwritten). */
  version?: number
  /** A coordinator who is not an admin: the description only. */
  descriptionOnly?: boolean
  /** A territory group: its name comes with the territory (shown, not editable). */
  fixedName?: boolean
}) {
  const schema = descriptionOnly ? GroupDescriptionSchema : GroupSettingsSchema
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: defaultValue ? { ...defaultValue, hidden: defaultValue.hidden ? 'on' : '' } : { joinPolicy: 'open', pageVisibility: 'public' },
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const labels: [keyof typeof fields, string][] = descriptionOnly
    ? [['description', 'Description']]
    : [
        ['name', 'Nom'],
        ['description', 'Description'],
        ['joinPolicy', 'Adhésion'],
        ['pageVisibility', 'Lecture de la page'],
        ['hidden', 'Groupe masqué'],
      ]
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="form">
      <input type="hidden" name="intent" value="save" />
      {version === undefined ? null : <input type="hidden" name="expectedVersion" value={version} />}
      <ErrorSummary
        formErrors={form.errors}
        fields={labels.map(([key, label]) => ({ id: fields[key].id, label, errors: fields[key].errors }))}
      />
      {descriptionOnly ? null : <p>Les champs marqués d’un astérisque (*) sont obligatoires.</p>}
      {descriptionOnly ? null : fixedName ? (
        <>
          <input type="hidden" name="name" value={defaultValue?.name ?? ''} />
          <p>
            <strong>Nom du groupe :</strong> {defaultValue?.name}
          </p>
        </>
      ) : (
        <Field
          meta={fields.name}
          label="Nom du groupe"
          hint={`${GROUP_NAME_MAX} caractères au plus. L’adresse de la page en est tirée à la création et ne change plus ensuite.`}
          required
          inputProps={{ maxLength: GROUP_NAME_MAX }}
        />
      )}
      <TextareaField
        meta={fields.description}
        label="Description"
        hint="Facultatif. Ce que le groupe rassemble et ce qu’on y fait, en texte simple, 2 000 caractères au plus."
        rows={6}
        maxLength={GROUP_DESCRIPTION_MAX}
      />
      {descriptionOnly ? null : (
        <>
          <RadioGroup name="joinPolicy" legend="Comment rejoindre le groupe" options={JOIN_POLICY_OPTIONS} meta={fields.joinPolicy} />
          <RadioGroup name="pageVisibility" legend="Qui peut lire la page du groupe" options={PAGE_VISIBILITY_OPTIONS} meta={fields.pageVisibility} />
          <CheckboxField
            meta={fields.hidden}
            label="Masquer le groupe"
            hint="Un groupe masqué n’apparaît qu’à ses membres et aux administrateurs ; on ne peut alors le rejoindre que sur invitation (choisissez « Sur invitation » ci-dessus)."
          />
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}
