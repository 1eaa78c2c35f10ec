import { type FieldMetadata, type FormMetadata, type SubmissionResult, getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { JSONContent } from '@tiptap/core'
import { Form, Link } from '@remix-run/react'
import { useCallback } from 'react'
import { LazyRichTextEditor } from '#app/components/editor/lazy-editor.tsx'
import { ErrorSummary, Field, FieldErrors, SelectField, TextareaField } from '#app/components/forms.tsx'
import {
  FUNDING_OPTIONS,
  FUNDING_OPTION_LABELS,
  LEGAL_FORMS,
  LEGAL_FORM_LABELS,
  PROGRAMMES,
  RESOURCE_TYPE_LABELS,
  type ResourceTypeValue,
  SUMMARY_MAX,
  TERRITORY_DEPARTEMENT,
  TRAINING_FORMATS,
  TRAINING_FORMAT_LABELS,
  VISIBILITIES,
  VISIBILITY_LABELS,
  resourceSchema,
  structuresLabel,
} from '../resources.schema.ts'

// The form of every kind of resource: the common fields, the kind's own fields and the editor. Used by
// /ressources/nouvelle and /ressources/:slug/modifier. Works without JavaScript except the editor itself.

type Str = string | undefined
export type ResourceFormShape = {
  type: Str
  title: Str
  summary: Str
  body: Str
  territory: Str
  themes: string[]
  visibility: Str
  structures: string[]
  groups: string[]
  programme: Str
  managingBody: Str
  openingDate: Str
  deadline: Str
  amountMin: Str
  amountMax: Str
  cofinancingRate: Str
  eligibleLegalForms: string[]
  officialUrl: Str
  startDate: Str
  partners: Str
  audience: Str
  results: Str
  contact: Str
  context: Str
  problem: Str
  steps: Str
  conditions: Str
  pitfalls: Str
  provider: Str
  format: Str
  sessions: { startsOn: Str; endsOn: Str; commune: Str }[]
  duration: Str
  cost: Str
  fundingOptions: string[]
  registrationUrl: Str
  note: Str
}

export type ResourceFormDefaults = Partial<Record<keyof ResourceFormShape, unknown>>

type Option = { value: string; label: string }

/** A group of checkboxes (themes, legal forms, funding options) in a fieldset with its legend and errors. */
function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  required,
}: {
  meta: FieldMetadata<string[] | undefined>
  legend: string
  hint?: string
  options: readonly Option[]
  required?: boolean
}) {
  const initial = new Set(
    Array.isArray(meta.initialValue) ? meta.initialValue.map(String) : meta.initialValue ? [String(meta.initialValue)] : [],
  )
  const hintId = `${meta.id}-hint`
  const invalid = Boolean(meta.errors?.length)
  return (
    <fieldset
      className="field"
      id={meta.id}
      aria-describedby={[hint ? hintId : null, invalid ? meta.errorId : null].filter(Boolean).join(' ') || undefined}
      tabIndex={-1}
    >
      <legend>
        {legend}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className="checkbox-group">
        {options.map((option) => (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={`${meta.id}-${option.value}`}
              name={meta.name}
              value={option.value}
              defaultChecked={initial.has(option.value)}
              aria-invalid={invalid || undefined}
            />
            <label htmlFor={`${meta.id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  )
}

const FIELD_LABELS: Partial<Record<keyof ResourceFormShape, string>> = {
  title: 'Titre',
  summary: 'Résumé',
  body: 'Contenu',
  territory: 'Territoire',
  themes: 'Thématiques',
  visibility: 'Visibilité',
  groups: 'Groupes',
  structures: 'Structures',
  programme: 'Programme',
  managingBody: 'Organisme gestionnaire ou intermédiaire',
  openingDate: 'Date d’ouverture',
  deadline: 'Date limite de dépôt',
  amountMin: 'Montant minimal',
  amountMax: 'Montant maximal',
  cofinancingRate: 'Taux de cofinancement',
  eligibleLegalForms: 'Structures éligibles',
  officialUrl: 'Lien officiel',
  startDate: 'Date de lancement',
  partners: 'Partenaires',
  audience: 'Public',
  results: 'Résultats',
  contact: 'Contact',
  context: 'Contexte',
  problem: 'Problème traité',
  steps: 'Étapes',
  conditions: 'Conditions de transfert',
  pitfalls: 'Pièges à éviter',
  provider: 'Organisme de formation',
  format: 'Format',
  duration: 'Durée',
  cost: 'Coût',
  fundingOptions: 'Financements possibles',
  registrationUrl: 'Lien d’inscription',
}

export function ResourceForm({
  id,
  type,
  lastResult,
  defaultValue,
  bodyDefault,
  territories,
  themes,
  structures,
  groups = [],
  action,
  formRef,
  onBodyChange,
  onBodyBlur,
  onFieldChange,
  uploadImage,
  hiddenFields,
  actions,
  showNote,
}: {
  id: string
  type: ResourceTypeValue
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: ResourceFormDefaults
  bodyDefault: JSONContent | null
  territories: readonly { slug: string; name: string }[]
  themes: readonly { slug: string; name: string }[]
  /** The structures the person may link the resource to (theirs, and those it already belongs to). */
  structures: readonly { slug: string; name: string }[]
  /** The groups the person may make the resource for (theirs, and those it is already for). */
  groups?: readonly { slug: string; name: string }[]
  action?: string
  formRef?: React.Ref<HTMLFormElement>
  onBodyChange?: (doc: JSONContent) => void
  onBodyBlur?: () => void
  onFieldChange?: () => void
  uploadImage?: (file: File) => Promise<{ src: string; alt?: string } | null>
  hiddenFields?: React.ReactNode
  actions: React.ReactNode
  showNote?: boolean
}) {
  const [form, fields] = useForm<ResourceFormShape>({
    id,
    lastResult,
    defaultValue: { ...defaultValue, type } as never,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resourceSchema }) as never,
  })
  const summaryFields = (Object.keys(FIELD_LABELS) as (keyof ResourceFormShape)[])
    .filter((name) => fields[name].errors?.length)
    .map((name) => ({ id: fields[name].id, label: FIELD_LABELS[name] ?? name, errors: fields[name].errors }))
  const sessionErrors = Object.entries(form.allErrors)
    .filter(([name]) => name.startsWith('sessions['))
    .map(([name, errors]) => ({ id: `${form.id}-${name}`, label: sessionErrorLabel(name), errors }))
  const onChange = useCallback(() => onFieldChange?.(), [onFieldChange])

  return (
    <Form
      method="post"
      {...getFormProps(form)}
      action={action}
      ref={formRef}
      className="form resource-form"
      onChange={onChange}
    >
      <ErrorSummary formErrors={form.errors} fields={[...summaryFields, ...sessionErrors]} />
      <input type="hidden" name="type" value={type} />
      {hiddenFields}
      <Field meta={fields.title} label="Titre" required />
      <TextareaField
        meta={fields.summary}
        label="Résumé"
        hint={`${SUMMARY_MAX} caractères au plus : il apparaît dans les listes et les aperçus de partage.`}
        rows={3}
        maxLength={SUMMARY_MAX}
        required
      />
      <LazyRichTextEditor
        name="body"
        label="Contenu"
        defaultValue={bodyDefault}
        onChange={onBodyChange}
        onBlur={onBodyBlur}
        errors={fields.body.errors}
        errorId={fields.body.errorId}
        uploadImage={uploadImage}
      />
      <KindFields type={type} fields={fields} form={form} />
      <SelectField
        meta={fields.territory}
        label="Territoire"
        required
        placeholder="Choisissez un territoire"
        options={[{ value: TERRITORY_DEPARTEMENT, label: 'Tout le Pas-de-Calais' }, ...territories.map((t) => ({ value: t.slug, label: t.name }))]}
      />
      <CheckboxGroup
        meta={fields.themes}
        legend="Thématiques"
        hint="Une à cinq thématiques."
        options={themes.map((t) => ({ value: t.slug, label: t.name }))}
        required
      />
      {structures.length ? (
        <CheckboxGroup
          meta={fields.structures}
          legend={structuresLabel(type, structures.length)}
          hint="Facultatif. La ressource apparaît sur la page de ces structures, et leurs membres peuvent aussi la modifier."
          options={structures.map((s) => ({ value: s.slug, label: s.name }))}
        />
      ) : (
        <p className="hint">
          {structuresLabel(type, 0)} : vous ne faites partie d’aucune structure pour l’instant. Pour rattacher une ressource à
          une structure, rejoignez-la depuis l’<Link to="/structures">annuaire des structures</Link>.
        </p>
      )}
      <SelectField
        meta={fields.visibility}
        label="Qui peut lire cette ressource ?"
        hint="Un brouillon n’est visible que par vous (et les administrateurs) tant qu’il n’est pas publié."
        options={VISIBILITIES.filter((v) => v !== 'group' || groups.length > 0).map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))}
      />
      {groups.length ? (
        <CheckboxGroup
          meta={fields.groups}
          legend="Groupes dont les membres pourront la lire"
          hint="Seulement si vous avez choisi « Membres des groupes choisis » ci-dessus : ni les autres personnes connectées ni les moteurs de recherche ne la verront."
          options={groups.map((g) => ({ value: g.slug, label: g.name }))}
        />
      ) : null}
      {showNote ? (
        <Field
          meta={fields.note}
          label="Note de modification (facultative)"
          hint="Elle apparaît dans l’historique, par exemple « Date limite prolongée »."
        />
      ) : null}
      <div className="form-actions">{actions}</div>
    </Form>
  )
}

type Fields = ReturnType<typeof useForm<ResourceFormShape>>[1]

function KindFields({
  type,
  fields,
  form,
}: { type: ResourceTypeValue; fields: Fields; form: FormMetadata<ResourceFormShape, string[]> }) {
  switch (type) {
    case 'financement-europeen':
      return (
        <fieldset className="form">
          <legend className="visually-hidden">{RESOURCE_TYPE_LABELS[type]}</legend>
          <SelectField
            meta={fields.programme}
            label="Programme"
            required
            placeholder="Choisissez le programme"
            options={PROGRAMMES.map((p) => ({ value: p, label: p }))}
          />
          <Field meta={fields.managingBody} label="Organisme gestionnaire ou intermédiaire" required hint="Par exemple : Région Hauts-de-France, Département du Pas-de-Calais, GAL…" />
          <Field meta={fields.openingDate} label="Date d’ouverture" type="datetime-local" hint="Heure de Paris. Laissez vide si l’appel est déjà ouvert." />
          <Field meta={fields.deadline} label="Date limite de dépôt" type="datetime-local" required hint="Heure de Paris." />
          <Field meta={fields.amountMin} label="Montant minimal (en euros)" type="number" inputProps={{ min: 0, step: 1, inputMode: 'numeric' }} />
          <Field meta={fields.amountMax} label="Montant maximal (en euros)" type="number" inputProps={{ min: 0, step: 1, inputMode: 'numeric' }} />
          <Field meta={fields.cofinancingRate} label="Taux de cofinancement (en %)" type="number" inputProps={{ min: 1, max: 100, step: 1 }} />
          <CheckboxGroup
            meta={fields.eligibleLegalForms}
            legend="Structures éligibles"
            options={LEGAL_FORMS.map((f) => ({ value: f, label: LEGAL_FORM_LABELS[f] }))}
          />
          <Field meta={fields.officialUrl} label="Lien officiel de l’appel" type="url" required hint="Adresse complète, commençant par https://" />
        </fieldset>
      )
    case 'initiative':
      return (
        <fieldset className="form">
          <legend className="visually-hidden">{RESOURCE_TYPE_LABELS[type]}</legend>
          <Field meta={fields.startDate} label="Date de lancement" type="date" />
          <TextareaField meta={fields.partners} label="Partenaires" rows={3} />
          <TextareaField meta={fields.audience} label="Public concerné" rows={3} />
          <TextareaField meta={fields.results} label="Résultats et impact" rows={4} />
          <Field meta={fields.contact} label="Contact" hint="Une adresse électronique ou un téléphone, pour qu’on puisse vous joindre." />
        </fieldset>
      )
    case 'bonne-pratique':
      return (
        <fieldset className="form">
          <legend className="visually-hidden">{RESOURCE_TYPE_LABELS[type]}</legend>
          <TextareaField meta={fields.context} label="Contexte" rows={4} required />
          <TextareaField meta={fields.problem} label="Problème traité" rows={3} required />
          <TextareaField meta={fields.steps} label="Étapes" rows={5} required hint="Une étape par ligne." />
          <TextareaField meta={fields.results} label="Résultats" rows={3} />
          <TextareaField meta={fields.conditions} label="Conditions de transfert" rows={3} />
          <TextareaField meta={fields.pitfalls} label="Pièges à éviter" rows={3} />
        </fieldset>
      )
    case 'formation':
      return (
        <fieldset className="form">
          <legend className="visually-hidden">{RESOURCE_TYPE_LABELS[type]}</legend>
          <Field meta={fields.provider} label="Organisme de formation" required />
          <SelectField
            meta={fields.format}
            label="Format"
            required
            placeholder="Choisissez le format"
            options={TRAINING_FORMATS.map((f) => ({ value: f, label: TRAINING_FORMAT_LABELS[f] }))}
          />
          <SessionRows form={form} fields={fields} />
          <Field meta={fields.duration} label="Durée" hint="Par exemple : 2 jours (14 heures)." />
          <Field meta={fields.cost} label="Coût" />
          <CheckboxGroup
            meta={fields.fundingOptions}
            legend="Financements possibles"
            options={FUNDING_OPTIONS.map((f) => ({ value: f, label: FUNDING_OPTION_LABELS[f] }))}
          />
          <TextareaField meta={fields.audience} label="Public" rows={3} />
          <Field meta={fields.registrationUrl} label="Lien d’inscription" type="url" />
        </fieldset>
      )
  }
}

const SESSION_FIELD_LABELS: Record<string, string> = { startsOn: 'début', endsOn: 'fin', commune: 'commune' }

/** « Session 2 », « Session 2, début » for the error summary: says which session (and which field) to fix. */
export function sessionErrorLabel(name: string): string {
  const match = /^sessions\[(\d+)\](?:\.(\w+))?/.exec(name)
  if (!match) return 'Sessions'
  const field = match[2] ? SESSION_FIELD_LABELS[match[2]] : undefined
  return field ? `Session ${Number(match[1]) + 1}, ${field}` : `Session ${Number(match[1]) + 1}`
}

/** The sessions already entered plus two blank rows (rows left blank are ignored), so it works without JavaScript. */
function SessionRows({ form, fields }: { form: FormMetadata<ResourceFormShape, string[]>; fields: Fields }) {
  const initial = (Array.isArray(fields.sessions.initialValue) ? fields.sessions.initialValue : []) as {
    startsOn?: string
    endsOn?: string
    commune?: string
  }[]
  const count = Math.min(20, initial.length + 2)
  return (
    <div className="field">
      <p className="hint">Sessions : date de début, date de fin et commune (laissez la commune vide pour une session à distance ou un lieu pas encore connu).</p>
      {Array.from({ length: count }, (_, index) => {
        const row = initial[index] ?? {}
        const name = (key: string) => `sessions[${index}].${key}`
        const id = (key: string) => `${form.id}-${name(key)}`
        const errorsOf = (key: string) => form.allErrors[name(key)]
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
          <fieldset className="session-row" key={index}>
            <legend>Session {index + 1}</legend>
            {(['startsOn', 'endsOn', 'commune'] as const).map((key) => {
              const errors = errorsOf(key)
              return (
                <div className="field" key={key}>
                  <label htmlFor={id(key)}>{key === 'startsOn' ? 'Début' : key === 'endsOn' ? 'Fin' : 'Commune'}</label>
                  <input
                    id={id(key)}
                    name={name(key)}
                    type={key === 'commune' ? 'text' : 'date'}
                    defaultValue={row[key] ?? ''}
                    aria-invalid={errors?.length ? true : undefined}
                    aria-describedby={errors?.length ? `${id(key)}-error` : undefined}
                  />
                  <FieldErrors id={`${id(key)}-error`} errors={errors} />
                </div>
              )
            })}
          </fieldset>
        )
      })}
    </div>
  )
}
