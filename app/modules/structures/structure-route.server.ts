import type { User } from '#db/schema.ts'
import { getOptionalUser, requireUser } from '#app/modules/auth/session.server.ts'
import type { PersonViewer, Viewer } from '#app/modules/auth/viewer.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { notFound } from '#app/utils/http.server.ts'
import { type StructureAction, can, membershipOf } from './structures.policy.ts'
import { getStructureBySlug } from './structures.server.ts'

/**
 * The structure of a URL, who is looking and what they may do there; 404 when it does not exist. `viewer` is the
 * request's viewer (the policy's input, and the actor of module writes); `user` the account, for names and emails.
 * Both come from one session lookup, memoised per request.
 */
export async function loadStructureForViewer(request: Request, slug: string | undefined) {
  const [viewer, user] = await Promise.all([getViewer(request), getOptionalUser(request)])
  const structure = slug ? await getStructureBySlug(slug) : null
  if (!structure) notFound()
  const role = membershipOf(viewer, structure)
  const may = (action: StructureAction) => can(viewer, action, structure)
  return { viewer: viewer as Viewer, user, structure, role, may }
}

/** Like `loadStructureForViewer`, but a viewer who may not do `action` gets a 404 (or the log-in page if anonymous). */
export async function requireStructureAction(request: Request, slug: string | undefined, action: StructureAction) {
  const context = await loadStructureForViewer(request, slug)
  if (context.viewer.kind !== 'person' || !context.user) {
    await requireUser(request)
    notFound()
  }
  if (!context.may(action)) notFound()
  return { ...context, viewer: context.viewer as PersonViewer, user: context.user as User }
}
