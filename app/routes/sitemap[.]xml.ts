import { getSitemapXml } from '#app/modules/site/sitemap.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /sitemap.xml: the public pages only (static pages, territories, published public resources, structures), with
// absolute addresses from PUBLIC_URL. Built at most every five minutes, and cached as long by clients.
export async function loader() {
  const xml = await getSitemapXml(getEnv().publicUrl.origin)
  return new Response(xml, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  })
}
