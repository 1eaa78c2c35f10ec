import type { MetaFunction } from '@remix-run/node'
import { getEnv } from '#app/utils/env.server.ts'

// An empty page rendered inside the application's root (layout, session lookup, headers): the reference of
// `npm run bench:pages`, which starts the server with BENCH_EMPTY_ROUTE=true. Otherwise it does not exist (404).

export const meta: MetaFunction = () => [{ title: 'Banc d’essai — Essaim' }, { name: 'robots', content: 'noindex' }]

export function loader() {
  if (!getEnv().benchEmptyRoute) throw new Response(null, { status: 404 })
  return null
}

export default function BenchEmptyPage() {
  return (
    <div className="container">
      <h1>Banc d’essai</h1>
    </div>
  )
}
