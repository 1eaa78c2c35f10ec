import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { threadAction, threadLoader } from '#app/modules/discussions/discussion-pages.server.ts'
import { ThreadPage } from '#app/modules/discussions/ui/discussion-pages.tsx'
import type { GroupPageHandle } from './groupes.$slug.tsx'

export const handle: GroupPageHandle = {
  breadcrumb: (data) => (data as { thread?: { title: string } } | undefined)?.thread?.title ?? 'Discussion',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.thread.title} — Discussions — ${data.group.name} — Groupes — Essaim` : 'Discussion introuvable — Essaim' },
]

export const loader = ({ request, params }: LoaderFunctionArgs) => threadLoader('thematic', request, params)

export const action = ({ request, params }: ActionFunctionArgs) => threadAction('thematic', request, params)

export default ThreadPage
