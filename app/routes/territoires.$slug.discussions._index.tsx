import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { threadsListLoader } from '#app/modules/discussions/discussion-pages.server.ts'
import { ThreadListPage } from '#app/modules/discussions/ui/discussion-pages.tsx'
import type { TerritoryPageHandle } from './territoires.$slug.tsx'

export const handle: TerritoryPageHandle = { breadcrumb: 'Discussions' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Discussions — Territoire ${data.group.name} — Essaim` : 'Territoire introuvable — Essaim' }]

export const loader = ({ request, params }: LoaderFunctionArgs) => threadsListLoader('territory', request, params.slug)

export default ThreadListPage
