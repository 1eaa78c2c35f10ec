import { db } from '#db/client.server.ts'
import type { Role, User } from '#db/schema.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { newId } from '#app/utils/ids.server.ts'

let counter = 0
let cachedHash: { password: string; hash: string } | undefined

export const DEFAULT_TEST_PASSWORD = 'un mot de passe solide 2026'

/** Inserts a user straight into the database (verified unless told otherwise). */
export async function createTestUser(
  overrides: Partial<Omit<User, 'passwordHash'>> & { password?: string; role?: Role } = {},
): Promise<User & { password: string }> {
  counter++
  const password = overrides.password ?? DEFAULT_TEST_PASSWORD
  if (cachedHash?.password !== password) cachedHash = { password, hash: await hashPassword(password) }
  const now = new Date().toISOString()
  const { password: _p, ...rest } = overrides
  const user: User = {
    id: newId(),
    email: `personne-${counter}-${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
    name: `Personne ${counter}`,
    passwordHash: cachedHash.hash,
    role: 'member',
    emailVerifiedAt: now,
    charterAcceptedAt: now,
    territoryId: null,
    createdAt: now,
    updatedAt: now,
    ...rest,
  }
  await db.insertInto('users').values(user).execute()
  return { ...user, password }
}
