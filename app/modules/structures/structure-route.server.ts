import { getOptionalUser, requireUser } from '#app/modules/auth/session.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import { type StructureAction, canOnStructure } from './structure-access.ts'
import { getMembershipRole, getStructureBySlug } from './structures.server.ts'

/** The structure of a URL, the viewer and what they may do there; 404 when it does not exist. */
export async function loadStructureForViewer(request: Request, slug: string | undefined) {
  const viewer = await getOptionalUser(request)
  const structure = slug ? await getStructureBySlug(slug) : null
  if (!structure) notFound()
  const role = await getMembershipRole(structure.id, viewer?.id)
  const may = (action: StructureAction) => canOnStructure(viewer, role, action)
  return { viewer, structure, role, may }
}

/** Like `loadStructureForViewer`, but a viewer who may not do `action` gets a 404 (or the log-in page if anonymous). */
export async function requireStructureAction(request: Request, slug: string | undefined, action: StructureAction) {
  const context = await loadStructureForViewer(request, slug)
  if (!context.may(action)) {
    if (!context.viewer) await requireUser(request)
    notFound()
  }
  return context
}
