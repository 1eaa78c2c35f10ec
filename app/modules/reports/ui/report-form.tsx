import { Form } from '@remix-run/react'
import { ErrorSummary, FieldErrors } from '#app/components/forms.tsx'
import { REPORT_REASONS } from '#app/modules/reports/reports.policy.ts'

// The « Signaler » form: a reason from the list and a text (required for « Autre »). Plain HTML, works without
// JavaScript; the server answers 400 with French messages and keeps what was typed.

export type ReportFormErrors = Partial<Record<'reason' | 'details' | 'form', string>>

export function ReportForm({
  action,
  values,
  errors,
}: {
  action: string
  values: { reason: string; details: string }
  errors: ReportFormErrors
}) {
  return (
    <Form method="post" action={action} noValidate className="stack">
      <ErrorSummary
        formErrors={errors.form ? [errors.form] : undefined}
        fields={[
          { id: 'motif-spam', label: 'Motif', errors: errors.reason ? [errors.reason] : undefined },
          { id: 'details', label: 'Précisions', errors: errors.details ? [errors.details] : undefined },
        ]}
      />
      <fieldset
        className="field"
        aria-invalid={errors.reason ? true : undefined}
        aria-describedby={errors.reason ? 'motif-erreur' : undefined}
      >
        <legend>
          Motif du signalement<span aria-hidden="true"> *</span>
        </legend>
        {REPORT_REASONS.map((r) => (
          <div className="checkbox" key={r.value}>
            <input type="radio" id={`motif-${r.value}`} name="reason" value={r.value} defaultChecked={values.reason === r.value} required />
            <label htmlFor={`motif-${r.value}`}>{r.label}</label>
          </div>
        ))}
        <FieldErrors id="motif-erreur" errors={errors.reason ? [errors.reason] : undefined} />
      </fieldset>
      <div className="field">
        <label htmlFor="details">Précisions</label>
        <p className="hint" id="details-aide">
          {`Obligatoires pour « Autre ». 1 000 caractères au plus. La personne qui a publié le contenu ne saura pas qui l’a signalé.`}
        </p>
        <textarea
          id="details"
          name="details"
          rows={5}
          defaultValue={values.details}
          aria-invalid={errors.details ? true : undefined}
          aria-describedby={errors.details ? 'details-aide details-erreur' : 'details-aide'}
        />
        <FieldErrors id="details-erreur" errors={errors.details ? [errors.details] : undefined} />
      </div>
      <p>
        <button type="submit" className="button">
          Envoyer le signalement
        </button>
      </p>
    </Form>
  )
}
