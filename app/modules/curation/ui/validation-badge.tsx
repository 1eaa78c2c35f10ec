import { Form } from '@remix-run/react'
import { formatDateFr } from '#app/utils/dates-fr.ts'

// « Validé par le réseau » on a resource: who validated it and when; « À revérifier » once its review-by date passed
// (the badge never vanishes). Coordinators who may decide get the buttons (a plain form: works without JavaScript).

export type ValidationView = {
  validatedAt: string
  reviewBy: string
  validatorName: string | null
  state: 'valid' | 'due' | 'stale'
  substanceEditedAt: string | null
}

export function ValidationBadge({ validation }: { validation: ValidationView }) {
  const stale = validation.state === 'stale'
  return (
    <p className={`validation-badge${stale ? ' validation-stale' : ''}`}>
      <span className="badge">{stale ? 'À revérifier' : 'Validé par le réseau'}</span>{' '}
      {stale ? 'Validée par le réseau' : 'Validée'}
      {validation.validatorName ? ` par ${validation.validatorName}` : ''} le{' '}
      <time dateTime={validation.validatedAt}>{formatDateFr(validation.validatedAt)}</time>
      {stale ? (
        <>
          {' '}
          ; sa validation a expiré le <time dateTime={validation.reviewBy}>{formatDateFr(validation.reviewBy)}</time>.
        </>
      ) : (
        '.'
      )}
    </p>
  )
}

export function ValidationActions({ slug, validated, fromResource = false }: { slug: string; validated: boolean; fromResource?: boolean }) {
  return (
    <Form method="post" action={`/moderation/revalidation/${slug}`} className="form-actions no-print">
      {fromResource ? <input type="hidden" name="from" value="resource" /> : null}
      <button type="submit" name="intent" value="validate" className="button">
        {validated ? 'Confirmer la validation' : 'Valider'}
      </button>
      {validated ? (
        <button type="submit" name="intent" value="withdraw">
          Retirer la validation
        </button>
      ) : null}
    </Form>
  )
}
