import { type SubmissionResult, getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { CommuneCombobox } from '#app/components/commune-combobox.tsx'
import { CheckboxField, ErrorSummary, Field, FieldErrors, SelectField, TextareaField } from '#app/components/forms.tsx'
import { DESCRIPTION_MAX, LEGAL_FORMS, PRESENTATION_MAX, SIZE_BRACKETS, StructureSchema } from './structures.schema.ts'

// The structure form, shared by /structures/nouvelle and /structures/:slug/modifier.

export type StructureFormDefaults = {
  name: string
  legalForm: string
  siret: string
  rna: string
  commune: string
  communeLabel: string
  address: string
  websiteUrl: string
  contactEmail: string
  contactPhone: string
  showContact: boolean
  presentation: string
  description: string
  themes: string[]
  employeesBracket: string
  volunteersBracket: string
}

type Reply = SubmissionResult<string[]> | null | undefined

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return typeof value === 'string' ? [value] : []
}

export function StructureForm({
  id,
  lastResult,
  defaultValue,
  themes,
  submitLabel,
  version,
}: {
  id: string
  lastResult: Reply
  defaultValue?: StructureFormDefaults
  themes: { slug: string; name: string }[]
  submitLabel: string
  /** Editing: the version the form was loaded from, sent back so a concurrent save is detected (not overwritten). */
  version?: number
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: defaultValue ? { ...defaultValue, showContact: defaultValue.showContact ? 'on' : '' } : undefined,
    constraint: getZodConstraint(StructureSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StructureSchema }),
  })
  const chosenThemes = new Set(asList(fields.themes.initialValue))
  const communeInsee = typeof fields.commune.initialValue === 'string' ? fields.commune.initialValue : ''
  const communeLabel = typeof fields.communeLabel.initialValue === 'string' ? fields.communeLabel.initialValue : ''
  const labels: [keyof typeof fields, string][] = [
    ['name', 'Nom'],
    ['legalForm', 'Forme juridique'],
    ['siret', 'SIRET'],
    ['rna', 'RNA'],
    ['commune', 'Commune'],
    ['address', 'Adresse'],
    ['websiteUrl', 'Site web'],
    ['contactEmail', 'Adresse électronique de contact'],
    ['contactPhone', 'Téléphone'],
    ['showContact', 'Coordonnées'],
    ['presentation', 'Présentation courte'],
    ['description', 'Description'],
    ['themes', 'Thématiques'],
    ['employeesBracket', 'Salariés'],
    ['volunteersBracket', 'Bénévoles'],
  ]
  return (
    <Form method="post" {...getFormProps(form)} className="form">
      {version === undefined ? null : <input type="hidden" name="expectedVersion" value={version} />}
      <ErrorSummary
        formErrors={form.errors}
        fields={labels.map(([key, label]) => ({
          id: key === 'commune' ? fields.communeLabel.id : fields[key].id,
          label,
          errors: fields[key].errors,
        }))}
      />
      <p>Les champs marqués d’un astérisque (*) sont obligatoires.</p>
      <fieldset>
        <legend>Identité</legend>
        <Field meta={fields.name} label="Nom de la structure" autoComplete="organization" required />
        <SelectField meta={fields.legalForm} label="Forme juridique" options={LEGAL_FORMS} placeholder="Choisissez…" required />
        <Field
          meta={fields.siret}
          label="Numéro SIRET"
          hint="Facultatif. 14 chiffres, sur l’avis de situation INSEE (les espaces sont acceptés)."
          inputProps={{ inputMode: 'numeric' }}
        />
        <Field meta={fields.rna} label="Numéro RNA" hint="Facultatif, pour les associations : W suivi de 9 chiffres." />
      </fieldset>
      <fieldset>
        <legend>Où la trouver</legend>
        <CommuneCombobox
          name="commune"
          id={fields.communeLabel.id}
          label="Commune du siège"
          hint="Commune du Pas-de-Calais : le territoire en est déduit."
          defaultValue={communeInsee || communeLabel ? { insee: communeInsee, name: communeLabel } : null}
          errors={fields.commune.errors}
          errorId={fields.commune.errorId}
          required
        />
        <Field meta={fields.address} label="Adresse" autoComplete="street-address" hint="Facultatif. Numéro et rue." />
        <Field meta={fields.websiteUrl} label="Site web" type="url" hint="Facultatif. Commence par https:// ou http://." />
        <Field meta={fields.contactEmail} label="Adresse électronique de contact" type="email" hint="Facultatif." />
        <Field meta={fields.contactPhone} label="Téléphone" type="tel" hint="Facultatif. Par exemple 03 21 00 00 00." />
        <CheckboxField
          meta={fields.showContact}
          label="Afficher l’adresse électronique et le téléphone de contact sur la page publique"
          hint="Sans cette case, ils restent connus des seuls responsables de la structure."
        />
      </fieldset>
      <fieldset>
        <legend>Présentation</legend>
        <TextareaField
          meta={fields.presentation}
          label="Présentation courte"
          hint={`En une ou deux phrases, ${PRESENTATION_MAX} caractères au plus : elle apparaît dans l’annuaire.`}
          rows={3}
          maxLength={PRESENTATION_MAX}
          required
        />
        <TextareaField
          meta={fields.description}
          label="Description"
          hint="Facultatif. Activités, publics, projets… (texte simple)."
          rows={8}
          maxLength={DESCRIPTION_MAX}
        />
        <fieldset
          aria-describedby={fields.themes.errors?.length ? fields.themes.errorId : undefined}
          className="checkbox-group"
        >
          <legend>Thématiques (5 au plus)</legend>
          {themes.map((theme) => (
            <div className="checkbox" key={theme.slug}>
              <input
                type="checkbox"
                id={`${id}-theme-${theme.slug}`}
                name="themes"
                value={theme.slug}
                defaultChecked={chosenThemes.has(theme.slug)}
              />
              <label htmlFor={`${id}-theme-${theme.slug}`}>{theme.name}</label>
            </div>
          ))}
          <FieldErrors id={fields.themes.errorId} errors={fields.themes.errors} />
        </fieldset>
        <SelectField meta={fields.employeesBracket} label="Nombre de salariés" options={SIZE_BRACKETS} placeholder="Non précisé" />
        <SelectField meta={fields.volunteersBracket} label="Nombre de bénévoles" options={SIZE_BRACKETS} placeholder="Non précisé" />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}
