import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary, FieldErrors } from '#app/components/forms.tsx'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/resources.schema.ts'
import { REVIEW_MESSAGES, getResourceForReview, reviewResource } from '#app/modules/resources/review.server.ts'
import { REVIEW_DECISIONS, REVIEW_DECISION_LABELS, REVIEW_EVENT_LABELS, type ReviewDecision } from '#app/modules/resources/review.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'

// The decision on a newcomer's pending resource (issue 14): the resource as it reads, its author, its review history,
// and three decisions. A note is required to ask for changes or to refuse. 404 for anyone who may not decide on it.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Relecture : ${data.resource.title} — Modération — Essaim` : 'Relecture introuvable — Essaim' },
  { name: 'robots', content: 'noindex' },
]

async function load(request: Request, id: string | undefined) {
  const viewer = await requirePerson(request)
  const found = id ? await getResourceForReview(id, viewer) : null
  if (!found) notFound()
  return { viewer, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params.id)
  const r = found.resource
  return {
    resource: {
      id: r.id,
      title: r.title,
      summary: r.summary,
      bodyHtml: r.bodyHtml,
      typeLabel: RESOURCE_TYPE_LABELS[r.type],
      territoryName: r.territoryName,
      authorName: r.authorName,
    },
    steps: found.steps.map((s) => ({ ...s, label: REVIEW_EVENT_LABELS[s.event], date: formatDateTimeFr(new Date(s.createdAt)) })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, found } = await load(request, params.id)
  const form = await request.formData()
  const note = String(form.get('note') ?? '')
  const raw = String(form.get('decision') ?? '')
  if (!(REVIEW_DECISIONS as readonly string[]).includes(raw)) {
    return data({ note, errors: { decision: 'Choisissez une décision.' } as { decision?: string; note?: string } }, { status: 400 })
  }
  const result = await reviewResource({ id: found.resource.id, decision: raw as ReviewDecision, note, actor: viewer })
  if (result.ok) return redirectWithFlash('/moderation', 'review-decided')
  if (result.reason === 'not-found') notFound()
  const message = REVIEW_MESSAGES[result.reason]
  const onNote = result.reason === 'note-required' || result.reason === 'note-too-long'
  return data({ note, errors: (onNote ? { note: message } : { decision: message }) as { decision?: string; note?: string } }, { status: 400 })
}

export default function ReviewDecisionPage() {
  const { resource, steps } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? {}
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Accueil', to: '/' }, { label: 'Modération', to: '/moderation' }, { label: 'Relecture' }]} />
      <h1>{`Relecture : ${resource.title}`}</h1>
      <p>
        {`${resource.typeLabel} · ${resource.territoryName} · proposée par ${resource.authorName ?? 'un compte supprimé'}`}
      </p>
      <section aria-labelledby="ressource">
        <h2 id="ressource">La ressource telle qu’elle se lira</h2>
        <p>{resource.summary}</p>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: HTML derived once at write time from validated JSON by the rich-text pipeline; never client HTML */}
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: resource.bodyHtml }} />
      </section>
      <section aria-labelledby="historique">
        <h2 id="historique">Historique de la relecture</h2>
        <ul>
          {steps.map((s) => (
            <li key={`${s.createdAt}-${s.event}`}>
              <strong>{s.label}</strong>
              {`, le ${s.date}${s.actorName ? ` par ${s.actorName}` : ''}${s.note ? ` : « ${s.note} »` : ''}`}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="decision">
        <h2 id="decision">Décision</h2>
        <p>L’auteur ou l’autrice est informé de votre décision et de votre message par courriel.</p>
        <Form method="post" noValidate className="stack">
          <ErrorSummary
            formErrors={errors.decision ? [errors.decision] : undefined}
            fields={[{ id: 'note', label: 'Message à l’auteur ou à l’autrice', errors: errors.note ? [errors.note] : undefined }]}
          />
          <div className="field">
            <label htmlFor="note">Message à l’auteur ou à l’autrice</label>
            <p className="hint" id="note-aide">
              {`Obligatoire pour « ${REVIEW_DECISION_LABELS['request-changes']} » et « ${REVIEW_DECISION_LABELS.refuse} ». 2 000 caractères au plus.`}
            </p>
            <textarea
              id="note"
              name="note"
              rows={5}
              defaultValue={actionData?.note ?? ''}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={errors.note ? 'note-aide note-erreur' : 'note-aide'}
            />
            <FieldErrors id="note-erreur" errors={errors.note ? [errors.note] : undefined} />
          </div>
          <p className="inline-links">
            {REVIEW_DECISIONS.map((d, i) => (
              <span key={d}>
                <button type="submit" name="decision" value={d} className={i === 0 ? 'button' : 'button secondary'}>
                  {REVIEW_DECISION_LABELS[d]}
                </button>{' '}
              </span>
            ))}
          </p>
        </Form>
      </section>
    </div>
  )
}
