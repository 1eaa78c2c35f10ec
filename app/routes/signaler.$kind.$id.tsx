import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import {
  DUPLICATE_REPORT_MESSAGE,
  getReportableTarget,
  type ReportKind,
  reportItem,
  resourceIdBySlug,
  URL_KINDS,
} from '#app/modules/reports/reports.server.ts'
import { type ReportFormErrors, ReportForm } from '#app/modules/reports/ui/report-form.tsx'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'

// « Signaler » (issue 14, item 2): /signaler/ressource/<slug> and /signaler/message/<id>. A logged-in person reports
// what they can see (404 otherwise) with a reason from the list and a text; once is enough (a second time says so).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Signaler un contenu — ${data.target.title} — Essaim` : 'Contenu introuvable — Essaim' },
  { name: 'robots', content: 'noindex' },
]

const NOT_FOR_YOU = {
  own: 'Vous ne pouvez pas signaler un contenu que vous avez publié.',
  unverified: 'Confirmez d’abord votre adresse électronique pour signaler un contenu.',
}

async function load(request: Request, params: { kind?: string; id?: string }) {
  const viewer = await requirePerson(request)
  const kind: ReportKind | undefined = params.kind ? URL_KINDS[params.kind] : undefined
  if (!kind || !params.id) notFound()
  const targetId = kind === 'resource' ? await resourceIdBySlug(params.id) : params.id
  const found = targetId ? await getReportableTarget(viewer, kind, targetId) : null
  if (!found) notFound()
  return { viewer, kind, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, found } = await load(request, params)
  return {
    target: { title: found.target.title, href: found.target.href, kind: found.target.kind },
    notice: found.alreadyReported
      ? DUPLICATE_REPORT_MESSAGE
      : !found.mayReport
        ? viewer.verified
          ? NOT_FOR_YOU.own
          : NOT_FOR_YOU.unverified
        : null,
    formAction: new URL(request.url).pathname,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, kind, found } = await load(request, params)
  const form = await request.formData()
  const values = { reason: String(form.get('reason') ?? ''), details: String(form.get('details') ?? '') }
  const result = await reportItem({ actor: viewer, kind, targetId: found.target.id, reason: values.reason, details: values.details })
  if (result.ok) return redirectWithFlash(found.target.href, 'report-sent')
  if (result.reason === 'not-found') notFound()
  const errors: ReportFormErrors =
    result.reason === 'invalid'
      ? result.errors
      : { form: result.reason === 'duplicate' ? DUPLICATE_REPORT_MESSAGE : viewer.verified ? NOT_FOR_YOU.own : NOT_FOR_YOU.unverified }
  return data({ values, errors }, { status: result.reason === 'forbidden' ? 403 : 400 })
}

export default function ReportPage() {
  const { target, notice, formAction } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Accueil', to: '/' }, { label: target.title, to: target.href }, { label: 'Signaler' }]} />
      <h1>Signaler un contenu</h1>
      <p className="lead">
        {target.kind === 'resource' ? 'Ressource : ' : ''}
        <a href={target.href}>{target.title}</a>
      </p>
      <p>
        Un signalement prévient la coordination, qui examine le contenu. Après plusieurs signalements de personnes différentes, il est
        masqué en attente de sa décision.
      </p>
      {notice && !actionData ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : (
        <ReportForm action={formAction} values={actionData?.values ?? { reason: '', details: '' }} errors={actionData?.errors ?? {}} />
      )}
      <p>
        <a href={target.href}>Revenir au contenu</a>
      </p>
    </div>
  )
}
