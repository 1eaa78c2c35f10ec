import fs from 'node:fs'
import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { type LogoSize, isLogoSize } from '#app/modules/structures/logo.ts'
import { getStructureLogoFile } from '#app/modules/structures/logo.server.ts'
import { notFound } from '#app/utils/http.server.ts'

// GET /structures/:slug/logo/:key/:size — a structure's logo (WebP, square). Logos are public like the profiles.
// The key changes with every upload, so an address always names the same bytes: cached for a year, immutable.

export async function loader({ params }: LoaderFunctionArgs) {
  const size = params.size
  if (!isLogoSize(size)) notFound()
  const filePath = await getStructureLogoFile(params.slug ?? '', params.key ?? '', Number(size) as LogoSize)
  if (!filePath) notFound()
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(filePath)
  } catch {
    notFound()
  }
  const stream = Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>
  return new Response(stream, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(stat.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  })
}
