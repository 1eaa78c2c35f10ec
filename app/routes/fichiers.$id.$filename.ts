import fs from 'node:fs'
import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { contentDisposition, fileContentSecurityPolicy, getAttachmentForViewer } from '#app/modules/uploads/uploads.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// GET /fichiers/:id/:filename — an uploaded file, with its resource's permissions (404 if the viewer cannot see it).
// The name in the URL is cosmetic; the id decides.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const served = await getAttachmentForViewer(params.id ?? '', viewer)
  if (!served) notFound()
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(served.filePath)
  } catch {
    notFound()
  }
  const stream = Readable.toWeb(fs.createReadStream(served.filePath)) as ReadableStream<Uint8Array>
  return new Response(stream, {
    headers: {
      'Content-Type': served.attachment.mime,
      'Content-Length': String(stat.size),
      'Content-Disposition': contentDisposition(served.inline ? 'inline' : 'attachment', served.name),
      // These two replace the site's own headers for this response (server.ts sends each header once).
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': fileContentSecurityPolicy(served.attachment.mime),
      // A file of a resource that is not public must not stay readable from the cache after logout or after the
      // resource turns private; a public one may be kept a few minutes.
      'Cache-Control': served.isPublic ? 'private, max-age=300' : 'private, no-store',
    },
  })
}
