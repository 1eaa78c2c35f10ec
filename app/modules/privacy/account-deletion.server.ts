import { db } from '#db/client.server.ts'
import { verifyPassword } from '#app/modules/auth/password.server.ts'
import { listSoleOwnerships } from '#app/modules/structures/memberships.server.ts'
import { PRIVACY_SECTIONS } from './sections.server.ts'

// Deleting one's account: after the password is checked, every domain erases its personal data (PRIVACY_SECTIONS),
// then the `users` row goes; its foreign keys cascade (sessions, tokens, memberships, profile, join requests) or are
// set to null (authorship kept for a structure's content, shown as « Ancien membre »). A sole owner of a structure
// must hand it over or delete it first.

export type AccountDeletionResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-password' }
  | { ok: false; reason: 'sole-owner'; structures: { slug: string; name: string }[] }

/** Defined in labels.ts so that pages can show it too. */
export { FORMER_MEMBER_LABEL } from './labels.ts'

export async function deleteAccount(
  user: { id: string; email: string; name: string; passwordHash: string },
  password: string,
): Promise<AccountDeletionResult> {
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: 'wrong-password' }
  return db.transaction().execute(async (trx) => {
    const sole = await listSoleOwnerships(user.id, trx)
    if (sole.length) {
      return { ok: false, reason: 'sole-owner', structures: sole.map((s) => ({ slug: s.slug, name: s.name })) } as const
    }
    for (const section of PRIVACY_SECTIONS) await section.erase?.(user, trx)
    await trx.deleteFrom('users').where('id', '=', user.id).execute()
    return { ok: true } as const
  })
}

/** The structures a person must hand over (or delete) before they can delete their account. */
export { listSoleOwnerships }
