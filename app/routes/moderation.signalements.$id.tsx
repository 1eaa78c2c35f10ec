import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ErrorSummary, FieldErrors } from '#app/components/forms.tsx'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { reasonLabel } from '#app/modules/reports/reports.policy.ts'
import { decideReports, getReportCase } from '#app/modules/reports/reports.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { countFr } from '#app/utils/plural.ts'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'

// The decision on a reported item (issue 14, item 3): /moderation/signalements/<ressource|message>-<id>, for the
// coordinators of its territory (a resource) or group (a post) and admins — a 404 for anyone else, and once decided.
// « Rétablir » dismisses the reports and shows the item again; « Retirer » withdraws it. Reporters are not named.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Signalement : ${data.case.target.title} — Modération — Essaim` : 'Signalement introuvable — Essaim' },
  { name: 'robots', content: 'noindex' },
]

async function load(request: Request, id: string | undefined) {
  const viewer = await requirePerson(request)
  const found = id ? await getReportCase(viewer, id) : null
  if (!found) notFound()
  return { viewer, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await load(request, params.id)
  return {
    case: {
      ...found,
      reports: found.reports.map((r) => ({ ...r, reasonLabel: reasonLabel(r.reason), date: formatDateTimeFr(new Date(r.createdAt)) })),
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, found } = await load(request, params.id)
  const form = await request.formData()
  const note = String(form.get('note') ?? '')
  const result = await decideReports({ actor: viewer, id: found.id, decision: form.get('decision'), note })
  if (result.ok) return redirectWithFlash('/moderation', 'report-decided')
  if (result.reason === 'not-found') notFound()
  return data({ note, errors: result.errors }, { status: 400 })
}

export default function ReportDecisionPage() {
  const { case: reported } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? {}
  const { target } = reported
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Accueil', to: '/' }, { label: 'Modération', to: '/moderation' }, { label: 'Signalement' }]} />
      <h1>{target.kind === 'resource' ? `Ressource signalée : ${target.title}` : target.kind === 'comment' ? 'Commentaire signalé' : 'Message signalé'}</h1>
      <section aria-labelledby="contenu-signale">
        <h2 id="contenu-signale">Le contenu</h2>
        {target.kind !== 'resource' ? <p>{target.title}</p> : null}
        <blockquote>
          <p>{target.excerpt || 'Sans résumé.'}</p>
        </blockquote>
        <p>
          <a href={target.href}>Ouvrir le contenu</a>
          {target.hidden ? ' — masqué en attente de modération' : ' — toujours visible'}
        </p>
      </section>
      <section aria-labelledby="signalements">
        <h2 id="signalements">{`${countFr(reported.reports.length, 'signalement', 'signalements')} de ${countFr(reported.reporters, 'personne', 'personnes')}`}</h2>
        <ul>
          {reported.reports.map((r) => (
            <li key={`${r.createdAt}-${r.reason}-${r.details}`}>
              <strong>{r.reasonLabel}</strong>
              {`, le ${r.date}${r.details ? ` : « ${r.details} »` : ''}`}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="decision">
        <h2 id="decision">Décision</h2>
        <p>La personne qui a publié le contenu est informée de votre décision et de votre note par courriel, sans le nom des personnes qui l’ont signalé.</p>
        <Form method="post" noValidate className="stack">
          <ErrorSummary
            formErrors={errors.decision ? [errors.decision] : undefined}
            fields={[{ id: 'note', label: 'Note', errors: errors.note ? [errors.note] : undefined }]}
          />
          <div className="field">
            <label htmlFor="note">Note (facultative)</label>
            <p className="hint" id="note-aide">
              1 000 caractères au plus.
            </p>
            <textarea
              id="note"
              name="note"
              rows={4}
              defaultValue={actionData?.note ?? ''}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={errors.note ? 'note-aide note-erreur' : 'note-aide'}
            />
            <FieldErrors id="note-erreur" errors={errors.note ? [errors.note] : undefined} />
          </div>
          <p className="inline-links">
            <button type="submit" name="decision" value="restore" className="button">
              Rétablir
            </button>{' '}
            <button type="submit" name="decision" value="remove" className="button secondary">
              Retirer
            </button>
          </p>
          <p className="hint">
            {target.kind === 'resource'
              ? '« Rétablir » classe les signalements et montre de nouveau la ressource ; « Retirer » l’archive et la laisse masquée.'
              : target.kind === 'comment'
                ? '« Rétablir » classe les signalements et montre de nouveau le commentaire ; « Retirer » le laisse masqué par la coordination.'
                : '« Rétablir » classe les signalements et montre de nouveau le message ; « Retirer » le laisse masqué par la coordination.'}
          </p>
        </Form>
      </section>
    </div>
  )
}
