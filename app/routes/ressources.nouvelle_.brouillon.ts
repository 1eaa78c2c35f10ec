import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs } from '@remix-run/node'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { canCreate } from '#app/modules/resources/resources.policy.ts'
import { resourceSchema } from '#app/modules/resources/resources.schema.ts'
import { createDraftOnce } from '#app/modules/resources/draft-keys.server.ts'
import { getResourceForEditor, updateResource } from '#app/modules/resources/resources.server.ts'
import { postOnlyLoader } from '#app/utils/http.server.ts'

// POST /ressources/nouvelle/brouillon — the creation page's first autosave: creates the draft, then the page saves
// through /ressources/:slug/brouillon like the editing page. JSON answers:
// - { status: 'saved', slug, version, savedAt } — the draft exists (created now, or by an earlier request of the
//   same page: one draft per `draftKey`, so a retry or a double submission never makes a second one);
// - { status: 'incomplete', message } — required fields are still empty: nothing is written yet (a 200: the normal
//   state while the person fills the form, not an error);
// - { status: 'forbidden', message } — an address not confirmed yet (as on the page itself).

export const INCOMPLETE_MESSAGE =
  'Brouillon pas encore enregistré : il le sera automatiquement dès que les champs obligatoires (*) seront remplis.'

const DRAFT_KEY = /^[A-Za-z0-9-]{16,64}$/

/** GET and HEAD: 405 (this address only receives POSTs). */
export const loader = postOnlyLoader

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  if (request.method !== 'POST') return Response.json({ status: 'error', message: 'Méthode non permise.' }, { status: 405 })
  if (!canCreate(viewer)) {
    return Response.json(
      { status: 'forbidden', message: 'Brouillon non enregistré : confirmez d’abord votre adresse électronique.' },
      { status: 403 },
    )
  }
  const formData = await request.formData()
  const draftKey = String(formData.get('draftKey') ?? '')
  if (!DRAFT_KEY.test(draftKey)) {
    return Response.json({ status: 'error', message: 'Brouillon non enregistré : rechargez la page puis réessayez.' }, { status: 400 })
  }
  const submission = parseWithZod(formData, { schema: resourceSchema })
  if (submission.status !== 'success') return Response.json({ status: 'incomplete', message: INCOMPLETE_MESSAGE })
  const input = submission.value

  const once = await createDraftOnce({ actor: viewer, draftKey, input })
  if (once.status === 'incomplete') return Response.json({ status: 'incomplete', message: INCOMPLETE_MESSAGE })
  if (once.status === 'created') {
    const draft = await getResourceForEditor(once.slug, viewer)
    return Response.json({ status: 'saved', slug: once.slug, version: draft?.version ?? 1, savedAt: draft?.updatedAt })
  }
  // The same page again (an answer lost on the way, a double submission): its draft takes this content.
  const draft = once.status === 'existing' ? await getResourceForEditor(once.slug, viewer) : null
  if (!draft) return Response.json({ status: 'error', message: 'Brouillon introuvable : rechargez la page.' }, { status: 404 })
  if (draft.status !== 'draft') return Response.json({ status: 'unchanged', slug: draft.slug, version: draft.version })
  const result = await updateResource({ id: draft.id, input, actor: viewer, expectedVersion: draft.version, autosave: true })
  if (result.status === 'forbidden') return Response.json({ status: 'forbidden', message: result.message }, { status: 403 })
  if (result.status === 'invalid') return Response.json({ status: 'incomplete', message: INCOMPLETE_MESSAGE })
  if (result.status === 'conflict') {
    return Response.json({ status: 'conflict', message: result.message, editorName: result.current.editorName }, { status: 409 })
  }
  return Response.json({ status: 'saved', slug: result.resource.slug, version: result.resource.version, savedAt: result.resource.updatedAt })
}
