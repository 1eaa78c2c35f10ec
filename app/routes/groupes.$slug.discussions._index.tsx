import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { threadsListLoader } from '#app/modules/discussions/discussion-pages.server.ts'
import { ThreadListPage } from '#app/modules/discussions/ui/discussion-pages.tsx'
import type { GroupPageHandle } from './groupes.$slug.tsx'

export const handle: GroupPageHandle = { breadcrumb: 'Discussions' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Discussions — ${data.group.name} — Groupes — Essaim` : 'Groupe introuvable — Essaim' }]

export const loader = ({ request, params }: LoaderFunctionArgs) => threadsListLoader('thematic', request, params.slug)

export default ThreadListPage
