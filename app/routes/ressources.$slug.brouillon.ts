import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs } from '@remix-run/node'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { resourceSchema } from '#app/modules/resources/resources.schema.ts'
import { CONFLICT_MESSAGE, getLastEditorName, getResourceForEditor, updateResource } from '#app/modules/resources/resources.server.ts'
import { postOnlyLoader } from '#app/utils/http.server.ts'

// POST /ressources/:slug/brouillon — the editing page's autosave (a few seconds after typing stops, and on leaving
// a field). JSON answers:
// - { status: 'saved', version, savedAt } — a draft saved (revisions of the same person are merged);
// - { status: 'conflict', message, editorName } — someone else saved since this page was loaded, nothing written;
// - { status: 'invalid', message } — the form has errors: the draft waits for them to be fixed;
// - { status: 'unchanged', version } — a published resource: autosave only checks for conflicts, the person saves.

/** GET and HEAD: 405 (this address only receives POSTs). */
export const loader = postOnlyLoader

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const resource = await getResourceForEditor(params.slug ?? '', viewer)
  if (!resource) return Response.json({ status: 'not-found' }, { status: 404 })
  const formData = await request.formData()
  const expectedVersion = Number(formData.get('version'))
  if (expectedVersion !== resource.version) {
    return Response.json(
      { status: 'conflict', message: CONFLICT_MESSAGE, version: resource.version, editorName: await getLastEditorName(resource.id) },
      { status: 409 },
    )
  }
  if (resource.status !== 'draft') return Response.json({ status: 'unchanged', version: resource.version })
  const submission = parseWithZod(formData, { schema: resourceSchema })
  if (submission.status !== 'success') {
    return Response.json(
      { status: 'invalid', message: 'Brouillon non enregistré : des champs sont à compléter ou à corriger.' },
      { status: 400 },
    )
  }
  const result = await updateResource({
    id: resource.id,
    input: submission.value,
    actor: viewer,
    expectedVersion,
    autosave: true,
  })
  if (result.status === 'conflict') {
    return Response.json({ status: 'conflict', message: result.message, version: result.current.version, editorName: result.current.editorName }, { status: 409 })
  }
  if (result.status === 'invalid') {
    return Response.json(
      { status: 'invalid', message: 'Brouillon non enregistré : des champs sont à compléter ou à corriger.' },
      { status: 400 },
    )
  }
  if (result.status === 'forbidden') return Response.json({ status: 'forbidden', message: result.message }, { status: 403 })
  return Response.json({ status: 'saved', version: result.resource.version, savedAt: result.resource.updatedAt })
}
