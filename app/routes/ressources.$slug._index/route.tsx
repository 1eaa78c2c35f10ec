import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import richTextStyles from '#app/components/editor/rich-text.css?url'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { followState } from '#app/modules/follows/follows.server.ts'
import { canReport } from '#app/modules/reports/reports.policy.ts'
import { linkGlossaryTerms } from '#app/modules/glossary/glossary-links.server.ts'
import { RESOURCE_TYPE_LABELS } from '#app/modules/resources/labels.ts'
import { getResourceForViewer } from '#app/modules/resources/resources.server.ts'
import resourcesStyles from '#app/modules/resources/ui/resources.css?url'
import { formatFileSize } from '#app/modules/uploads/uploads.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import { mayValidate } from '#app/modules/curation/curation.policy.ts'
import { getCurationTarget, getValidation } from '#app/modules/curation/validations.server.ts'
import { commentsSection, handleCommentIntent, isCommentIntent, reactionsSection } from '#app/modules/comments/comments-route.server.ts'
import { CommentsSection, isCommentAnswer, ReactionsSection } from '#app/modules/comments/ui/comments-section.tsx'
import { getResourceAccess, getResourceRowBySlug } from '#app/modules/resources/resources.server.ts'
import { can as canResource } from '#app/modules/resources/resources.policy.ts'
import { badRequest } from '#app/utils/http.server.ts'
import { countFundingCallView } from '#app/modules/indicators/view-stats.server.ts'
import { ResourceView, type ResourceViewData, structuredData } from './resource-view.tsx'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: richTextStyles },
  { rel: 'stylesheet', href: resourcesStyles },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Ressource introuvable — Essaim' }]
  const { resource, url } = data
  const title = `${resource.title} — Essaim`
  return [
    { title },
    { name: 'description', content: resource.summary },
    { tagName: 'link', rel: 'canonical', href: url },
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: 'Essaim' },
    { property: 'og:locale', content: 'fr_FR' },
    { property: 'og:title', content: resource.title },
    { property: 'og:description', content: resource.summary },
    { property: 'og:url', content: url },
    { name: 'twitter:card', content: 'summary' },
    ...(resource.publishedAt ? [{ property: 'article:published_time', content: resource.publishedAt }] : []),
    { property: 'article:section', content: RESOURCE_TYPE_LABELS[resource.type] },
    // Drafts and members-only pages stay out of search engines.
    ...(resource.status !== 'published' || resource.visibility !== 'public' ? [{ name: 'robots', content: 'noindex' }] : []),
  ]
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const resource = await getResourceForViewer(params.slug ?? '', viewer)
  if (!resource) notFound()
  const url = new URL(`/ressources/${resource.slug}`, getEnv().publicUrl).href
  const { bodyJson: _json, bodyText: _text, detailsJson: _details, canEdit, ...rest } = resource
  const view: ResourceViewData = {
    ...rest,
    // The glossary's terms linked where they first appear (server-side: no layout shift).
    bodyHtml: linkGlossaryTerms(rest.bodyHtml),
    attachments: resource.attachments.map((a) => ({ ...a, sizeLabel: formatFileSize(a.size) })),
  }
  const target = await getCurationTarget(resource.id)
  // Statistics for /indicateurs: one more read of this funding call today (no person, no IP).
  await countFundingCallView(resource)
  return {
    resource: view,
    url,
    canEdit,
    // A « Signaler » link for logged-in people other than its author, while it is shown (issue 14).
    canReport: canReport(viewer, resource) && !resource.hiddenAt && (resource.status === 'published' || resource.status === 'archived'),
    validation: await getValidation(resource.id),
    mayValidate: target !== null && mayValidate(viewer, target),
    jsonLd: structuredData(view, url),
    // Issue 17: reactions and comments, exactly as private as the resource (this page is a 404 otherwise).
    reactions: await reactionsSection(resource.id, viewer),
    comments: await commentsSection(request, viewer, { kind: 'resource', id: resource.id }),
    follow: await followState(viewer, { kind: 'resource', key: resource.id }),
  }
}

/** Comments (intent comment, comment-edit, comment-delete, comment-hide, comment-unhide) and reactions (react). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await getViewer(request)
  const slug = params.slug ?? ''
  const row = await getResourceRowBySlug(slug)
  const access = row ? await getResourceAccess(row.id) : null
  if (!access || !canResource(viewer, 'read', access)) notFound()
  const form = await request.formData()
  const intent = form.get('intent')
  if (!isCommentIntent(intent)) badRequest()
  return handleCommentIntent({ viewer, target: { kind: 'resource', id: access.id }, intent, form, page: `/ressources/${slug}` })
}

export default function ResourcePage() {
  const { reactions, comments, ...data } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const answer = isCommentAnswer(actionData) ? actionData : undefined
  const page = `/ressources/${data.resource.slug}`
  return (
    <>
      <ResourceView {...data} />
      {reactions || comments ? (
        <div className="container">
          {reactions ? <ReactionsSection reactions={reactions} answer={answer} /> : null}
          {comments ? <CommentsSection section={comments} answer={answer} page={page} /> : null}
        </div>
      ) : null}
    </>
  )
}
