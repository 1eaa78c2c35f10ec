import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { threadAction, threadLoader } from '#app/modules/discussions/discussion-pages.server.ts'
import { ThreadPage } from '#app/modules/discussions/ui/discussion-pages.tsx'
import type { TerritoryPageHandle } from './territoires.$slug.tsx'

export const handle: TerritoryPageHandle = {
  breadcrumb: (data) => (data as { thread?: { title: string } } | undefined)?.thread?.title ?? 'Discussion',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.thread.title} — Discussions — Territoire ${data.group.name} — Essaim` : 'Discussion introuvable — Essaim' },
]

export const loader = ({ request, params }: LoaderFunctionArgs) => threadLoader('territory', request, params)

export const action = ({ request, params }: ActionFunctionArgs) => threadAction('territory', request, params)

export default ThreadPage
