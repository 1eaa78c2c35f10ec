import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { mayValidate } from '#app/modules/curation/curation.policy.ts'
import { ValidationActions, ValidationBadge } from '#app/modules/curation/ui/validation-badge.tsx'
import { getCurationTarget, getValidation, validateResource, withdrawValidation } from '#app/modules/curation/validations.server.ts'
import { getResourceRowBySlug } from '#app/modules/resources/resources.server.ts'
import { formatDateFr } from '#app/utils/dates-fr.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Validation de « ${data.resource.title} » — Modération — Essaim` : 'Page introuvable — Essaim' },
]

/** The resource, if this person may decide on its validation (otherwise a 404: its existence is not confirmed). */
async function decidable(request: Request, slug: string) {
  const viewer = await requirePerson(request)
  const row = await getResourceRowBySlug(slug)
  const target = row ? await getCurationTarget(row.id) : null
  if (!target || !mayValidate(viewer, target)) notFound()
  return { viewer, target }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await decidable(request, params.slug ?? '')
  const validation = await getValidation(target.id)
  return { resource: { slug: target.slug, title: target.title }, validation }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, target } = await decidable(request, params.slug ?? '')
  const form = await request.formData()
  const intent = form.get('intent')
  const back = form.get('from') === 'resource' ? `/ressources/${target.slug}` : `/moderation/revalidation/${target.slug}`
  if (intent === 'validate') {
    const result = await validateResource({ resourceId: target.id, actor: viewer })
    if (!result.ok) notFound()
    return redirectWithFlash(back, 'resource-validated')
  }
  if (intent === 'withdraw') {
    await withdrawValidation({ resourceId: target.id, actor: viewer })
    return redirectWithFlash(back, 'validation-withdrawn')
  }
  badRequest()
}

export default function RevalidationPage() {
  const { resource, validation } = useLoaderData<typeof loader>()
  return (
    <div className="container">
      <p>
        <Link to="/moderation">← File de modération</Link>
      </p>
      <h1>Validation de « {resource.title} »</h1>
      {validation ? (
        <>
          <ValidationBadge validation={validation} />
          <p>
            À revérifier avant le <time dateTime={validation.reviewBy}>{formatDateFr(validation.reviewBy)}</time>.
          </p>
          {validation.substanceEditedAt ? (
            <p className="status-banner">
              Le contenu (texte, dates ou montants) a été modifié le{' '}
              <time dateTime={validation.substanceEditedAt}>{formatDateFr(validation.substanceEditedAt)}</time> depuis la validation :
              relisez-le avant de la confirmer.
            </p>
          ) : null}
        </>
      ) : (
        <p>Cette ressource n’est pas validée par le réseau.</p>
      )}
      <p>
        <Link to={`/ressources/${resource.slug}`}>Lire la ressource</Link> (dans son état actuel), puis décidez :
        confirmer la validation lui donne une nouvelle date de revérification ; la retirer enlève le badge.
      </p>
      <ValidationActions slug={resource.slug} validated={validation !== null} />
    </div>
  )
}
