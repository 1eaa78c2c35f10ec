// `npm run admin -- create-user --email … --name … --role admin|member [--password …]`
// Creates a verified account (charter accepted) from the command line, e.g. the first administrator.
// `npm run admin -- group-member --group <slug> --email <adresse> --role member|coordinator`
// Makes an account a member or a coordinator of a group: how a deployment gets its first coordinators.
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import type { Executor } from '../db/client.server.ts'
import { isCommonPassword } from '../app/modules/auth/common-passwords.ts'

export const PASSWORD_MIN = 12

export const CreateUserInput = z.object({
  email: z
    .string({ required_error: '--email est obligatoire.' })
    .trim()
    .toLowerCase()
    .max(254, 'adresse électronique trop longue.')
    .email('--email : adresse électronique invalide.'),
  name: z
    .string({ required_error: '--name est obligatoire.' })
    .trim()
    .min(1, '--name ne peut pas être vide.')
    .max(100, '--name ne doit pas dépasser 100 caractères.'),
  role: z.enum(['admin', 'member'], {
    errorMap: (issue) => ({
      message:
        issue.code === 'invalid_type' && issue.received === 'undefined'
          ? '--role est obligatoire (admin ou member).'
          : '--role doit valoir admin ou member.',
    }),
  }),
  password: z
    .string()
    .min(PASSWORD_MIN, `le mot de passe doit contenir au moins ${PASSWORD_MIN} caractères.`)
    .max(200, 'le mot de passe ne doit pas dépasser 200 caractères.')
    .refine((value) => !isCommonPassword(value), 'ce mot de passe fait partie des plus utilisés : choisissez-en un autre.'),
})
export type CreateUserInput = z.infer<typeof CreateUserInput>

export class AdminError extends Error {}

/** `--key value` and `--key=value` pairs after the command name. */
export function parseArgs(argv: string[]): { command: string | undefined; options: Record<string, string> } {
  const [command, ...rest] = argv
  const options: Record<string, string> = {}
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]
    if (!arg.startsWith('--')) throw new AdminError(`Argument inattendu : ${arg}`)
    const eq = arg.indexOf('=')
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1)
    } else {
      const value = rest[i + 1]
      if (value === undefined || value.startsWith('--')) throw new AdminError(`Valeur manquante pour ${arg}`)
      options[arg.slice(2)] = value
      i++
    }
  }
  return { command, options }
}

/** Validates the input; returns French messages, one per problem. */
export function validateCreateUser(raw: Record<string, unknown>): { ok: true; input: CreateUserInput } | { ok: false; errors: string[] } {
  const result = CreateUserInput.safeParse(raw)
  if (result.success) return { ok: true, input: result.data }
  return { ok: false, errors: result.error.issues.map((issue) => issue.message) }
}

/** Creates a verified user who has accepted the charter. Refuses an address already used. */
export async function createUser(input: CreateUserInput, options: { trx?: Executor; now?: Date } = {}) {
  const { db } = await import('../db/client.server.ts')
  const { hashPassword } = await import('../app/modules/auth/password.server.ts')
  const { newId } = await import('../app/utils/ids.server.ts')
  const now = (options.now ?? new Date()).toISOString()
  const passwordHash = await hashPassword(input.password)
  return options.trx ? insert(options.trx) : db.transaction().execute(insert)

  async function insert(trx: Executor) {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()
    if (existing) throw new AdminError(`Un compte existe déjà avec l’adresse ${input.email} : rien n’a été créé.`)
    const user = {
      id: newId(),
      email: input.email,
      name: input.name,
      passwordHash,
      role: input.role,
      emailVerifiedAt: now,
      charterAcceptedAt: now,
      territoryId: null,
      createdAt: now,
      updatedAt: now,
    }
    await trx.insertInto('users').values(user).execute()
    return user
  }
}

export const GroupMemberInput = z.object({
  group: z.string({ required_error: '--group est obligatoire (le slug du groupe, par exemple calaisis).' }).trim().min(1, '--group ne peut pas être vide.'),
  email: z
    .string({ required_error: '--email est obligatoire.' })
    .trim()
    .toLowerCase()
    .email('--email : adresse électronique invalide.'),
  role: z.enum(['member', 'coordinator'], {
    errorMap: (issue) => ({
      message:
        issue.code === 'invalid_type' && issue.received === 'undefined'
          ? '--role est obligatoire (member ou coordinator).'
          : '--role doit valoir member ou coordinator.',
    }),
  }),
})
export type GroupMemberInput = z.infer<typeof GroupMemberInput>

/**
 * Adds the account to the group with this role, or changes its role there, as the system actor « commande admin »
 * (audited). Returns the French confirmation; throws AdminError on bad input, an unknown group or address.
 */
export async function groupMember(raw: Record<string, unknown>): Promise<string> {
  const parsed = GroupMemberInput.safeParse(raw)
  if (!parsed.success) throw new AdminError(parsed.error.issues.map((issue) => issue.message).join('\n'))
  const input = parsed.data
  const { db } = await import('../db/client.server.ts')
  const { getGroupBySlug } = await import('../app/modules/groups/groups.server.ts')
  const { addMember } = await import('../app/modules/groups/memberships.server.ts')
  const { systemActor } = await import('../app/modules/auth/viewer.ts')
  const group = await getGroupBySlug(input.group)
  if (!group) {
    const known = await db.selectFrom('groups').select('slug').orderBy('slug').execute()
    throw new AdminError(`Groupe inconnu : ${input.group}. Groupes existants : ${known.map((g) => g.slug).join(', ') || 'aucun'}.`)
  }
  const user = await db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', input.email).executeTakeFirst()
  if (!user) throw new AdminError(`Aucun compte n’a l’adresse ${input.email} : créez-le d’abord avec create-user, ou invitez la personne.`)
  const result = await addMember({ groupId: group.id, userId: user.id, role: input.role, actor: systemActor('commande admin') })
  const role = input.role === 'coordinator' ? 'coordinateur ou coordinatrice' : 'membre'
  if (!result.ok) {
    if (result.reason === 'blocked') throw new AdminError(`${user.name} <${user.email}> est bloqué ou bloquée dans le groupe « ${group.name} » : levez d’abord le blocage depuis la page du groupe.`)
    throw new AdminError(`Échec : ${result.reason}`)
  }
  switch (result.outcome) {
    case 'added':
      return `${user.name} <${user.email}> fait désormais partie du groupe « ${group.name} » (${group.slug}), rôle ${role}.`
    case 'role-changed':
      return `${user.name} <${user.email}> est désormais ${role} du groupe « ${group.name} » (${group.slug}).`
    case 'unchanged':
      return `${user.name} <${user.email}> était déjà ${role} du groupe « ${group.name} » (${group.slug}) : rien n’a changé.`
  }
}

/** Asks without echoing what is typed (a TTY); Ctrl-C cancels. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stdout.write(question)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    let value = ''
    const finish = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.removeListener('data', onData)
      process.stdout.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish()
        if (char === '\u0003' || char === '\u0004') return finish(new AdminError('Saisie annulée.'))
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else value += char
      }
    }
    stdin.on('data', onData)
  })
}

/** First line of standard input (a pipe: `echo "$PASSWORD" | npm run admin -- create-user …`). */
export async function readFirstLine(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let buffer = ''
  for await (const chunk of stream) {
    buffer += chunk.toString()
    const newline = buffer.search(/\r?\n/)
    if (newline >= 0) return buffer.slice(0, newline)
  }
  return buffer
}

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine()
  const first = await promptHidden('Mot de passe (au moins 12 caractères, rien ne s’affiche) : ')
  const second = await promptHidden('Le même mot de passe, une seconde fois : ')
  if (first !== second) throw new AdminError('Les deux mots de passe ne sont pas identiques : rien n’a été créé.')
  return first
}

const USAGE = `Usage :
  npm run admin -- create-user --email <adresse> --name <nom> --role admin|member [--password <mot de passe>]
  npm run admin -- group-member --group <slug> --email <adresse> --role member|coordinator
Sans --password, le mot de passe est demandé deux fois sans être affiché (ou lu sur une ligne de l’entrée standard).`

function checkOptions(options: Record<string, string>, allowed: string[]) {
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key))
  if (unknown.length > 0) throw new AdminError(`Option inconnue : --${unknown.join(', --')}\n${USAGE}`)
}

/** Opens the database (migrated to the latest version) for `run`, and closes it after. */
async function withDatabase<T>(run: () => Promise<T>): Promise<T> {
  const { loadDotEnv } = await import('./load-env.ts')
  loadDotEnv()
  const { db, closeDb } = await import('../db/client.server.ts')
  const { migrateToLatest } = await import('../db/migrate.ts')
  try {
    await migrateToLatest(db)
    return await run()
  } finally {
    await closeDb()
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { command, options } = parseArgs(argv)
    if (command === 'group-member') {
      checkOptions(options, ['group', 'email', 'role'])
      const early = GroupMemberInput.safeParse(options)
      if (!early.success) throw new AdminError(early.error.issues.map((issue) => issue.message).join('\n'))
      console.log(await withDatabase(() => groupMember(options)))
      return 0
    }
    if (command !== 'create-user') {
      console.error(command ? `Commande inconnue : ${command}\n${USAGE}` : USAGE)
      return 1
    }
    checkOptions(options, ['email', 'name', 'role', 'password'])
    // Check what was given before asking for the password, so a typo does not cost two prompts.
    const early = validateCreateUser({ ...options, password: 'x'.repeat(PASSWORD_MIN) })
    if (!early.ok) throw new AdminError(early.errors.join('\n'))
    const password = options.password ?? (await askPassword())
    const checked = validateCreateUser({ ...options, password })
    if (!checked.ok) throw new AdminError(checked.errors.join('\n'))
    const user = await withDatabase(() => createUser(checked.input))
    const role = user.role === 'admin' ? 'administrateur ou administratrice' : 'membre'
    console.log(`Compte créé : ${user.name} <${user.email}>, rôle ${role}, adresse vérifiée et charte acceptée.`)
    return 0
  } catch (error) {
    console.error(error instanceof AdminError ? error.message : `Échec : ${error instanceof Error ? error.message : error}`)
    return 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
