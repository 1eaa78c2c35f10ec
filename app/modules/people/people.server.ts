import { type Executor, db } from '#db/client.server.ts'
import type { ProfileVisibility } from '#db/schema/structures.ts'
import { slugify } from '#app/utils/slug.ts'
import type { Viewer } from '#app/modules/auth/viewer.ts'
import { canSeeProfile } from './people.policy.ts'

// People's public profiles (/membres/:slug). A profile row is created the first time it is needed (joining a
// structure, editing one's profile); until then a person has no public page. Visibility: public (everyone),
// members (logged-in people only), hidden (nobody but themselves).

export const DEFAULT_VISIBILITY: ProfileVisibility = 'members'

/** The first of `base`, `base-2`, `base-3`… not taken in `table`. */
export async function uniqueSlug(
  table: 'profiles' | 'structures',
  base: string,
  trx: Executor,
  except?: { column: 'userId' | 'id'; value: string },
): Promise<string> {
  const rows = await trx
    .selectFrom(table as 'profiles')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute()
  const taken = new Set(rows.map((r) => r.slug))
  if (except) {
    const own = await trx
      .selectFrom(table as 'profiles')
      .select('slug')
      .where(except.column as 'userId', '=', except.value)
      .executeTakeFirst()
    if (own) taken.delete(own.slug)
  }
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export async function ensureProfile(user: { id: string; name: string }, trx: Executor = db) {
  const existing = await trx.selectFrom('profiles').selectAll().where('userId', '=', user.id).executeTakeFirst()
  if (existing) return existing
  const slug = await uniqueSlug('profiles', slugify(user.name, 'membre'), trx)
  const profile = { userId: user.id, slug, bio: '', visibility: DEFAULT_VISIBILITY, updatedAt: new Date().toISOString() }
  await trx.insertInto('profiles').values(profile).execute()
  return profile
}

/** One's own profile as it is stored, or undefined before it exists (reading never creates it: a GET writes nothing). */
export async function findOwnProfile(userId: string, trx: Executor = db) {
  return trx.selectFrom('profiles').selectAll().where('userId', '=', userId).executeTakeFirst()
}

/** A person's public page, or null when it does not exist or the viewer may not see it (both are a 404). */
export async function getPublicProfile(slug: string, viewer: Viewer) {
  const row = await db
    .selectFrom('profiles')
    .innerJoin('users', 'users.id', 'profiles.userId')
    .leftJoin('territories', 'territories.id', 'users.territoryId')
    .select([
      'profiles.userId',
      'profiles.slug',
      'profiles.bio',
      'profiles.visibility',
      'users.name',
      'users.createdAt',
      'territories.name as territoryName',
      'territories.slug as territorySlug',
    ])
    .where('profiles.slug', '=', slug)
    .executeTakeFirst()
  if (!row || !canSeeProfile(viewer, row)) return null
  const structures = await db
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structures.slug', 'structures.name', 'structureMembers.role'])
    .where('structureMembers.userId', '=', row.userId)
    .orderBy('structures.searchName')
    .execute()
  return { ...row, structures }
}

export async function updateProfile(
  user: { id: string },
  input: { name: string; bio: string; visibility: ProfileVisibility; territoryId: string | null },
) {
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString()
    await ensureProfile({ id: user.id, name: input.name }, trx)
    await trx
      .updateTable('users')
      .set({ name: input.name, territoryId: input.territoryId, updatedAt: now })
      .where('id', '=', user.id)
      .execute()
    await trx
      .updateTable('profiles')
      .set({ bio: input.bio, visibility: input.visibility, updatedAt: now })
      .where('userId', '=', user.id)
      .execute()
  })
}
