import type { ActionFunctionArgs } from '@remix-run/node'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { canCreate } from '#app/modules/resources/resources.policy.ts'
import { getResourceForEditor } from '#app/modules/resources/resources.server.ts'
import { handleUpload } from '#app/modules/uploads/upload-request.server.ts'
import { postOnlyLoader } from '#app/utils/http.server.ts'

// POST /api/uploads?ressource=<slug>[&usage=image] — the upload endpoint of the editor (images) and of the
// attachment form when JavaScript runs (progress bar). Answers JSON: { ok, id, url, name, mime, size } or
// { ok: false, error } with status 400. Without a resource, only images for a resource being written (claimed when
// it is saved). Without JavaScript, the attachment form posts to the editing page itself.

/** GET and HEAD: 405 (this address only receives POSTs). */
export const loader = postOnlyLoader

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return Response.json({ ok: false, error: 'Méthode non permise.' }, { status: 405 })
  const viewer = await requirePerson(request)
  const url = new URL(request.url)
  const slug = url.searchParams.get('ressource')
  const imageOnly = url.searchParams.get('usage') === 'image' || !slug
  let resourceId: string | null = null
  if (slug) {
    const resource = await getResourceForEditor(slug, viewer)
    if (!resource) return Response.json({ ok: false, error: 'Ressource introuvable.' }, { status: 404 })
    resourceId = resource.id
  } else if (!canCreate(viewer)) {
    return Response.json({ ok: false, error: 'Confirmez votre adresse électronique pour envoyer des fichiers.' }, { status: 403 })
  }
  const result = await handleUpload(request, { uploaderId: viewer.id, resourceId, imagesOnly: imageOnly })
  if (!result.ok) return Response.json({ ok: false, error: result.error }, { status: 'status' in result ? (result.status ?? 400) : 400 })
  const { attachment } = result
  return Response.json({
    ok: true,
    id: attachment.id,
    url: result.url,
    name: attachment.originalName,
    mime: attachment.mime,
    size: attachment.size,
  })
}
