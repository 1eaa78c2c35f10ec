import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/modules/auth/session.server.ts'
import { buildPersonalDataExport } from '#app/modules/privacy/sections.server.ts'

// GET /compte/export: a JSON file of everything Essaim holds about the logged-in person (RGPD, right of access and
// portability). Never cached.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const now = new Date()
  const body = JSON.stringify(await buildPersonalDataExport(user.id, { now }), null, 2)
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="essaim-mes-donnees-${now.toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
