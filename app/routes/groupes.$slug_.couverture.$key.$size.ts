import type { LoaderFunctionArgs } from '@remix-run/node'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { type CoverWidth, isCoverWidth } from '#app/modules/groups/cover.ts'
import { getGroupCoverFile } from '#app/modules/groups/settings.server.ts'
import { imageFileResponse } from '#app/modules/uploads/images.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// GET /groupes/:slug/couverture/:key/:width — a group's cover (WebP, 3 : 1), for territory and thematic groups alike
// (the slug is the group's). As private as the group's page: a 404 to whoever may not see it. The key changes with
// every upload, so an address always names the same bytes: cached for a year, immutable (`private` unless the page
// is public, so no shared cache keeps a members-only cover).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const width = params.size
  if (!isCoverWidth(width)) notFound()
  const viewer = await getViewer(request)
  const file = await getGroupCoverFile(params.slug ?? '', params.key ?? '', Number(width) as CoverWidth, viewer)
  if (!file) notFound()
  return (await imageFileResponse(file.filePath, { shared: file.shared })) ?? notFound()
}
