import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { newThreadAction, newThreadLoader } from '#app/modules/discussions/discussion-pages.server.ts'
import { NewThreadPage } from '#app/modules/discussions/ui/discussion-pages.tsx'
import type { TerritoryPageHandle } from './territoires.$slug.tsx'

export const handle: TerritoryPageHandle = { breadcrumb: 'Nouvelle discussion' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Nouvelle discussion — Territoire ${data.group.name} — Essaim` : 'Territoire introuvable — Essaim' }]

export const loader = ({ request, params }: LoaderFunctionArgs) => newThreadLoader('territory', request, params.slug)

export const action = ({ request, params }: ActionFunctionArgs) => newThreadAction('territory', request, params.slug)

export default NewThreadPage
