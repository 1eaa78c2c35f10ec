import { redirect } from '@remix-run/node'
import { type Executor, db } from '#db/client.server.ts'
import { getSessionFromRequest } from './session.server.ts'
import { ANONYMOUS, type PersonViewer, type Viewer, personViewer } from './viewer.ts'

// The one way loaders and actions learn who is looking (DESIGN.md §9): memoised per Request, so root and route
// loaders share one session lookup and one membership query.

const requestCache = new WeakMap<Request, Promise<Viewer>>()

export function getViewer(request: Request): Promise<Viewer> {
  let cached = requestCache.get(request)
  if (!cached) {
    cached = getSessionFromRequest(request).then(({ user }): Promise<Viewer> | Viewer => (user ? viewerForUser(user) : ANONYMOUS))
    requestCache.set(request, cached)
  }
  return cached
}

/** The logged-in viewer, or a redirect to the log-in page (then back here). */
export async function requirePerson(request: Request): Promise<PersonViewer> {
  const viewer = await getViewer(request)
  if (viewer.kind === 'person') return viewer
  const url = new URL(request.url)
  throw redirect(`/connexion?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`)
}

/**
 * The viewer of a given person, with memberships read now — for senders that re-check at the last moment (an email,
 * a digest line is built for its recipient at send time) and for tests.
 */
export async function viewerForUser(
  user: { id: string; role: 'member' | 'admin'; emailVerifiedAt?: string | null },
  trx: Executor = db,
): Promise<PersonViewer> {
  const structures = await trx
    .selectFrom('structureMembers')
    .select(['structureId', 'role'])
    .where('userId', '=', user.id)
    .execute()
  // One query gives both the groups (by id, with the role) and the territories coordinated (coordinator of a
  // territory group): read at each request, so leaving a group ends its access on the next one.
  const groups = await trx
    .selectFrom('groupMemberships')
    .innerJoin('groups', 'groups.id', 'groupMemberships.groupId')
    .select(['groupMemberships.groupId', 'groupMemberships.role', 'groups.territorySlug'])
    .where('groupMemberships.userId', '=', user.id)
    .execute()
  return personViewer(user, {
    structures: structures.map((m) => [m.structureId, m.role] as const),
    groups: groups.map((m) => [m.groupId, m.role] as const),
    coordinates: groups.flatMap((m) => (m.role === 'coordinator' && m.territorySlug ? [m.territorySlug] : [])),
  })
}

/** The viewer of a person by id (null when the account no longer exists). */
export async function viewerById(userId: string, trx: Executor = db): Promise<PersonViewer | null> {
  const user = await trx.selectFrom('users').select(['id', 'role', 'emailVerifiedAt']).where('id', '=', userId).executeTakeFirst()
  return user ? viewerForUser(user, trx) : null
}
