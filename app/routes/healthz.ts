import { checkHealth } from '#app/modules/site/health.server.ts'

// GET /healthz — for the deployer's monitoring: 200 {"status":"ok",...} or 503 {"status":"error",...}. Never cached.

export async function loader() {
  const { httpStatus, report, error } = await checkHealth()
  if (error) console.error('[healthz] database check failed:', error instanceof Error ? error.message : error)
  return Response.json(report, { status: httpStatus, headers: { 'Cache-Control': 'no-store' } })
}
