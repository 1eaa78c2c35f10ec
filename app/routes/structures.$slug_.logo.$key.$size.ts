import type { LoaderFunctionArgs } from '@remix-run/node'
import { type LogoSize, isLogoSize } from '#app/modules/structures/logo.ts'
import { getStructureLogoFile } from '#app/modules/structures/logo.server.ts'
import { imageFileResponse } from '#app/modules/uploads/images.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// GET /structures/:slug/logo/:key/:size — a structure's logo (WebP, square). Logos are public like the profiles.
// The key changes with every upload, so an address always names the same bytes: cached for a year, immutable.

export async function loader({ params }: LoaderFunctionArgs) {
  const size = params.size
  if (!isLogoSize(size)) notFound()
  const filePath = await getStructureLogoFile(params.slug ?? '', params.key ?? '', Number(size) as LogoSize)
  if (!filePath) notFound()
  return (await imageFileResponse(filePath)) ?? notFound()
}
