import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { newThreadAction, newThreadLoader } from '#app/modules/discussions/discussion-pages.server.ts'
import { NewThreadPage } from '#app/modules/discussions/ui/discussion-pages.tsx'
import type { GroupPageHandle } from './groupes.$slug.tsx'

export const handle: GroupPageHandle = { breadcrumb: 'Nouvelle discussion' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Nouvelle discussion — ${data.group.name} — Groupes — Essaim` : 'Groupe introuvable — Essaim' }]

export const loader = ({ request, params }: LoaderFunctionArgs) => newThreadLoader('thematic', request, params.slug)

export const action = ({ request, params }: ActionFunctionArgs) => newThreadAction('thematic', request, params.slug)

export default NewThreadPage
