import { type SubmissionResult, getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { JSONContent } from '@tiptap/core'
import { Form, Link } from '@remix-run/react'
import { CommuneCombobox } from '#app/components/commune-combobox.tsx'
import { LazyRichTextEditor } from '#app/components/editor/lazy-editor.tsx'
import { ErrorSummary, Field, SelectField } from '#app/components/forms.tsx'
import { EVENT_KINDS } from '#db/schema/events.ts'
import { EVENT_ADDRESS_MAX, EVENT_TITLE_MAX, EventFormSchema } from '../events.schema.ts'
import { EVENT_KIND_LABELS } from '../labels.ts'

// The event form, shared by /agenda/nouveau and /agenda/:id/modifier. Works without JavaScript (the description is
// then a plain text area); the server answers 400 with the same French messages and every value typed.

type Reply = SubmissionResult<string[]> | null | undefined

export const EVENT_VISIBILITY_LABELS = {
  public: 'Tout le monde (événement public)',
  members: 'Les membres connectés d’Essaim',
  group: 'Les membres du groupe organisateur seulement',
} as const

const LABELS = {
  organiser: 'Organisateur',
  title: 'Titre',
  kind: 'Type d’événement',
  description: 'Présentation',
  startDate: 'Date de début',
  startTime: 'Heure de début',
  endDate: 'Date de fin',
  endTime: 'Heure de fin',
  communeLabel: 'Commune',
  address: 'Adresse',
  onlineUrl: 'Lien pour participer en ligne',
  territory: 'Territoire',
  capacity: 'Nombre de places',
  deadlineDate: 'Date limite d’inscription',
  deadlineTime: 'Heure limite d’inscription',
  visibility: 'À qui s’adresse l’événement',
} as const

function parseDoc(value: unknown): JSONContent | null {
  if (typeof value !== 'string' || !value.trim()) return null
  try {
    const doc: unknown = JSON.parse(value)
    return doc && typeof doc === 'object' ? (doc as JSONContent) : null
  } catch {
    return null
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

export function EventForm({
  id,
  lastResult,
  defaultValue,
  organisers,
  organiserName,
  territories,
  submitLabel,
  cancelHref,
  version,
}: {
  id: string
  lastResult: Reply
  defaultValue: Record<string, string>
  /** Creating: the organisers to choose from. Editing: null (the organiser does not change), `organiserName` shown. */
  organisers: { value: string; label: string; kind: 'group' | 'structure' }[] | null
  organiserName?: string | null
  territories: { slug: string; name: string }[]
  submitLabel: string
  cancelHref: string
  /** Editing: the version the form was loaded from (a concurrent save is refused, not overwritten). */
  version?: number
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(EventFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventFormSchema }),
  })
  const communeInsee = text(fields.commune.initialValue)
  const communeLabel = text(fields.communeLabel.initialValue)
  const groupOrganised = organisers ? organisers.some((o) => o.kind === 'group') : text(defaultValue.organiser).startsWith('group:')
  const visibilities = (['public', 'members', 'group'] as const).filter((v) => v !== 'group' || groupOrganised)
  return (
    <Form method="post" {...getFormProps(form)} className="form event-form">
      {version === undefined ? null : <input type="hidden" name="expectedVersion" value={version} />}
      <ErrorSummary
        formErrors={form.errors}
        fields={(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((key) => ({ id: fields[key].id, label: LABELS[key], errors: fields[key].errors }))}
      />
      <p>Les champs marqués d’un astérisque (*) sont obligatoires. Les dates et heures sont celles de Paris.</p>
      <fieldset>
        <legend>L’événement</legend>
        {organisers ? (
          <SelectField
            meta={fields.organiser}
            label={LABELS.organiser}
            hint="Un groupe que vous coordonnez ou une structure dont vous êtes membre."
            options={organisers.map((o) => ({ value: o.value, label: `${o.label} (${o.kind === 'group' ? 'groupe' : 'structure'})` }))}
            placeholder={organisers.length > 1 ? 'Choisissez…' : undefined}
            required
          />
        ) : (
          <p>
            Organisé par <strong>{organiserName ?? 'un organisateur supprimé'}</strong>
            <input type="hidden" name="organiser" value={text(defaultValue.organiser)} />
          </p>
        )}
        <Field meta={fields.title} label={LABELS.title} required inputProps={{ maxLength: EVENT_TITLE_MAX }} />
        <SelectField
          meta={fields.kind}
          label={LABELS.kind}
          options={EVENT_KINDS.map((kind) => ({ value: kind, label: EVENT_KIND_LABELS[kind] }))}
          placeholder="Choisissez…"
          required
        />
        <LazyRichTextEditor
          name="description"
          label={`${LABELS.description} *`}
          features="discussion"
          defaultValue={parseDoc(fields.description.initialValue)}
          errors={fields.description.errors}
          errorId={fields.description.errorId}
          textFallback={{ name: 'descriptionText', defaultValue: text(fields.descriptionText.initialValue) }}
        />
      </fieldset>
      <fieldset>
        <legend>Quand (heure de Paris)</legend>
        <div className="field-row">
          <Field meta={fields.startDate} label={LABELS.startDate} type="date" required />
          <Field meta={fields.startTime} label={LABELS.startTime} required inputProps={{ type: 'time' }} />
        </div>
        <div className="field-row">
          <Field meta={fields.endDate} label={LABELS.endDate} type="date" required />
          <Field meta={fields.endTime} label={LABELS.endTime} required inputProps={{ type: 'time' }} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Où</legend>
        <p className="hint">Un lieu, un lien pour participer en ligne, ou les deux.</p>
        <CommuneCombobox
          name="commune"
          id={fields.communeLabel.id}
          label={LABELS.communeLabel}
          hint="Commune du Pas-de-Calais : le territoire en est déduit."
          defaultValue={communeInsee || communeLabel ? { insee: communeInsee, name: communeLabel } : null}
          errors={fields.communeLabel.errors}
          errorId={fields.communeLabel.errorId}
        />
        <Field
          meta={fields.address}
          label={LABELS.address}
          hint="Facultatif. Salle, numéro et rue."
          autoComplete="street-address"
          inputProps={{ maxLength: EVENT_ADDRESS_MAX }}
        />
        <Field meta={fields.onlineUrl} label={LABELS.onlineUrl} type="url" hint="Facultatif. Une adresse commençant par https://." />
        <SelectField
          meta={fields.territory}
          label={LABELS.territory}
          hint="Facultatif quand une commune est indiquée : son territoire est alors retenu."
          options={territories.map((t) => ({ value: t.slug, label: t.name }))}
          placeholder="Celui de la commune"
        />
      </fieldset>
      <fieldset>
        <legend>Inscriptions</legend>
        <Field
          meta={fields.capacity}
          label={LABELS.capacity}
          type="number"
          hint="Facultatif. Au-delà, les inscriptions vont sur une liste d’attente. Laissez vide pour ne pas limiter."
          inputProps={{ min: 1, step: 1, inputMode: 'numeric' }}
        />
        <div className="field-row">
          <Field meta={fields.deadlineDate} label={LABELS.deadlineDate} type="date" hint="Facultatif. Avant le début." />
          <Field meta={fields.deadlineTime} label={LABELS.deadlineTime} hint="Avec la date limite." inputProps={{ type: 'time' }} />
        </div>
        <SelectField
          meta={fields.visibility}
          label={LABELS.visibility}
          options={visibilities.map((v) => ({ value: v, label: EVENT_VISIBILITY_LABELS[v] }))}
          required
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelHref}>Revenir sans enregistrer</Link>
      </div>
    </Form>
  )
}
