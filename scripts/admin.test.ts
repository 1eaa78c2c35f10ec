import { Readable } from 'node:stream'
import { describe, expect, test, vi } from 'vitest'
import { db } from '#db/client.server.ts'
import { verifyPassword } from '#app/modules/auth/password.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { AdminError, createUser, groupMember, main, parseArgs, readFirstLine, validateCreateUser } from './admin.ts'

const PASSWORD = 'une phrase de passe assez longue'

describe('admin create-user', () => {
  test('parses --key value and --key=value', () => {
    expect(parseArgs(['create-user', '--email', 'a@exemple.fr', '--name=Anne Dupont', '--role', 'admin'])).toEqual({
      command: 'create-user',
      options: { email: 'a@exemple.fr', name: 'Anne Dupont', role: 'admin' },
    })
    expect(() => parseArgs(['create-user', '--email'])).toThrow(AdminError)
    expect(() => parseArgs(['create-user', 'orphan'])).toThrow(/inattendu/)
  })

  test.each([
    [{ email: 'pas-une-adresse', name: 'Anne', role: 'admin', password: PASSWORD }, /--email/],
    [{ name: 'Anne', role: 'admin', password: PASSWORD }, /--email est obligatoire/],
    [{ email: 'a@exemple.fr', name: '  ', role: 'admin', password: PASSWORD }, /--name/],
    [{ email: 'a@exemple.fr', name: 'Anne', role: 'superuser', password: PASSWORD }, /--role doit valoir admin ou member/],
    [{ email: 'a@exemple.fr', name: 'Anne', role: 'member', password: 'court' }, /au moins 12 caractères/],
    [{ email: 'a@exemple.fr', name: 'Anne', role: 'member', password: '123456789012' }, /plus utilisés/],
  ])('refuses %o', (raw, message) => {
    const result = validateCreateUser(raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message)
  })

  test('normalises the address and creates a verified user with the charter accepted', async () => {
    const checked = validateCreateUser({ email: '  Admin.Un@Exemple.FR ', name: ' Anne Admin ', role: 'admin', password: PASSWORD })
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    const user = await createUser(checked.input)
    const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ email: 'admin.un@exemple.fr', name: 'Anne Admin', role: 'admin' })
    expect(row.emailVerifiedAt).not.toBeNull()
    expect(row.charterAcceptedAt).not.toBeNull()
    expect(row.passwordHash).not.toContain(PASSWORD)
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true)
  })

  test('refuses an address already used', async () => {
    const input = { email: 'deja@exemple.fr', name: 'Première', role: 'member' as const, password: PASSWORD }
    await createUser(input)
    await expect(createUser({ ...input, name: 'Seconde' })).rejects.toThrow(/existe déjà/)
    const rows = await db.selectFrom('users').select('name').where('email', '=', 'deja@exemple.fr').execute()
    expect(rows).toEqual([{ name: 'Première' }])
  })

  test('reads the password from the first line of a pipe', async () => {
    expect(await readFirstLine(Readable.from(['mot de passe ', 'très long\nligne suivante\n']))).toBe('mot de passe très long')
    expect(await readFirstLine(Readable.from(['sans retour à la ligne']))).toBe('sans retour à la ligne')
  })

  test('the command prints a French confirmation, and exits 1 with a message on bad input', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const code = await main(['create-user', '--email', 'cli@exemple.fr', '--name', 'Claire', '--role', 'member', '--password', PASSWORD])
    expect(code).toBe(0)
    expect(log.mock.calls.flat().join(' ')).toMatch(/Compte créé : Claire <cli@exemple.fr>, rôle membre/)
    log.mockRestore()

    const errors: string[] = []
    vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
      errors.push(args.join(' '))
    })
    expect(await main(['create-user', '--email', 'cli@exemple.fr', '--name', 'Claire', '--role', 'member', '--password', PASSWORD])).toBe(1)
    expect(await main(['create-user', '--email', 'x@exemple.fr', '--name', 'X', '--role', 'chef', '--password', PASSWORD])).toBe(1)
    expect(await main(['delete-everything'])).toBe(1)
    expect(errors[0]).toMatch(/existe déjà/)
    expect(errors[1]).toMatch(/--role/)
    expect(errors[2]).toMatch(/Commande inconnue/)
  })
})

describe('admin group-member', () => {
  async function calaisis() {
    return db.selectFrom('groups').select(['id', 'name']).where('slug', '=', 'calaisis').executeTakeFirstOrThrow()
  }

  test('makes an account a coordinator of a territory group, in French, audited as the system', async () => {
    const user = await createTestUser({ name: 'Karim Coordinateur' })
    const group = await calaisis()
    expect(await groupMember({ group: 'calaisis', email: user.email.toUpperCase(), role: 'coordinator' })).toBe(
      `Karim Coordinateur <${user.email}> fait désormais partie du groupe « Calaisis » (calaisis), rôle coordinateur ou coordinatrice.`,
    )
    const row = await db.selectFrom('groupMemberships').select('role').where('groupId', '=', group.id).where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(row.role).toBe('coordinator')
    const audit = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('targetId', '=', group.id)
      .where('action', '=', 'group.member-added')
      .where('dataJson', 'like', `%${user.id}%`)
      .executeTakeFirstOrThrow()
    expect(audit.actorId).toBeNull()
    expect(JSON.parse(audit.dataJson)).toEqual({ userId: user.id, role: 'coordinator', system: 'commande admin' })

    expect(await groupMember({ group: 'calaisis', email: user.email, role: 'coordinator' })).toMatch(/était déjà coordinateur ou coordinatrice .* rien n’a changé/)
    expect(await groupMember({ group: 'calaisis', email: user.email, role: 'member' })).toMatch(/est désormais membre du groupe « Calaisis »/)
  })

  test.each([
    [{ group: 'atlantide', email: 'x@exemple.fr', role: 'member' }, /Groupe inconnu : atlantide\. Groupes existants : .*calaisis/],
    [{ group: 'calaisis', email: 'personne-inconnue@exemple.fr', role: 'member' }, /Aucun compte n’a l’adresse personne-inconnue@exemple\.fr/],
    [{ group: 'calaisis', email: 'x@exemple.fr', role: 'chef' }, /--role doit valoir member ou coordinator/],
    [{ group: 'calaisis', email: 'x@exemple.fr' }, /--role est obligatoire/],
    [{ email: 'x@exemple.fr', role: 'member' }, /--group est obligatoire/],
    [{ group: 'calaisis', email: 'pas-une-adresse', role: 'member' }, /--email : adresse électronique invalide/],
  ])('refuses %o with a clear message', async (raw, message) => {
    await expect(groupMember(raw)).rejects.toThrow(AdminError)
    await expect(groupMember(raw)).rejects.toThrow(message)
  })

  test('the command prints the confirmation, and exits 1 with the message on error', async () => {
    const user = await createTestUser({ name: 'Julie Commande' })
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    expect(await main(['group-member', '--group', 'boulonnais', '--email', user.email, '--role', 'member'])).toBe(0)
    expect(log.mock.calls.flat().join(' ')).toMatch(/Julie Commande .* fait désormais partie du groupe « Boulonnais » \(boulonnais\), rôle membre\./)
    log.mockRestore()
    const errors: string[] = []
    vi.mocked(console.error).mockImplementation((...args: unknown[]) => {
      errors.push(args.join(' '))
    })
    expect(await main(['group-member', '--group', 'nulle-part', '--email', user.email, '--role', 'member'])).toBe(1)
    expect(await main(['group-member', '--group', 'boulonnais', '--email', user.email, '--role', 'admin'])).toBe(1)
    expect(await main(['group-member', '--group', 'boulonnais', '--email', user.email, '--role', 'member', '--force', 'oui'])).toBe(1)
    expect(errors[0]).toMatch(/Groupe inconnu : nulle-part/)
    expect(errors[1]).toMatch(/--role doit valoir member ou coordinator/)
    expect(errors[2]).toMatch(/Option inconnue : --force/)
  })
})
