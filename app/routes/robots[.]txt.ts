import { buildRobotsTxt } from '#app/modules/site/sitemap.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

// GET /robots.txt: public pages allowed, account, admin, API, development and editing pages disallowed, and the
// absolute address of the sitemap (from PUBLIC_URL).
export async function loader() {
  return new Response(buildRobotsTxt(getEnv().publicUrl.origin), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
}
