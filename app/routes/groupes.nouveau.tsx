import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { isAdmin } from '#app/modules/auth/viewer.ts'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { GroupSettingsSchema } from '#app/modules/groups/group-form.schema.ts'
import { GroupForm } from '#app/modules/groups/group-form.tsx'
import { createGroup } from '#app/modules/groups/groups.server.ts'
import { groupPath } from '#app/modules/groups/pages.server.ts'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'

// /groupes/nouveau — an administrator creates a thematic group (territory groups come with the territories). For
// anybody else the page does not exist (404); anonymous visitors are sent to log in first.

export const meta: MetaFunction = () => [{ title: 'Créer un groupe thématique — Essaim' }]

async function requireAdmin(request: Request) {
  const viewer = await requirePerson(request)
  if (!isAdmin(viewer)) notFound()
  return viewer
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request)
  const submission = parseWithZod(await request.formData(), { schema: GroupSettingsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createGroup({ actor: viewer, input: submission.value })
  if (!result.ok) {
    if (result.reason === 'forbidden') notFound()
    return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
  }
  return redirectWithFlash(groupPath(result.group), 'group-created')
}

export default function NewGroupPage() {
  const lastResult = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Groupes', to: '/groupes' }, { label: 'Créer un groupe thématique' }]} />
      <h1>Créer un groupe thématique</h1>
      <p>
        Un groupe thématique réunit des membres de tous les territoires autour d’un sujet : fonds européens, tiers-lieux,
        alimentation durable… Vous pourrez ensuite y inviter des personnes et nommer sa coordination.
      </p>
      <GroupForm id="nouveau-groupe" lastResult={lastResult} submitLabel="Créer le groupe" />
    </div>
  )
}
