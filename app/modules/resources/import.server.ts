import { db } from '#db/client.server.ts'
import { parseRichText, textToDoc } from '#app/modules/rich-text/rich-text.server.ts'
import { type ResourceInput, resourceSchema } from './resources.schema.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { createResource, listResourceStructures, updateResource } from './resources.server.ts'

/** An import is an administrator's tool run from the command line: the system writes, for the authors it names. */
const IMPORT_ACTOR = systemActor('import')

// Bulk import of resources from JSON Lines (one resource per line), for existing resource libraries.
// Every line is checked first; nothing is written if one is bad, unless skipInvalid. Idempotent through externalId:
// importing the same file twice updates instead of duplicating. `structure` (a structure's slug) links the resource
// to that structure, whoever the author is (an import is an administrator's tool); a line without it leaves the
// structures of an already imported resource as they are.

export type ImportLineError = { line: number; reason: string }
export type ImportReport = {
  created: number
  updated: number
  unchanged: number
  skipped: number
  errors: ImportLineError[]
  /** True when nothing was written because of errors. */
  aborted: boolean
}

type CheckedLine = {
  line: number
  input: ResourceInput
  authorId: string
  status: 'published' | 'draft'
  externalId: string | null
  publishedAt: string | null
  /** The line has no `structure`: a re-import keeps the structures the resource has. */
  keepStructures: boolean
}

const IMPORT_STATUSES = ['published', 'draft'] as const

/** Field names of the form, in French, for error messages. */
function describeIssues(issues: { path: (string | number)[]; message: string }[]): string {
  return issues.map((issue) => (issue.path.length ? `${issue.path.join('.')} : ${issue.message}` : issue.message)).join(' ; ')
}

function stripNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined))
}

type Lookups = { authors: Map<string, string | null>; structures: Map<string, boolean> }

async function checkLine(raw: string, line: number, lookups: Lookups): Promise<CheckedLine | ImportLineError> {
  const { authors } = lookups
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return { line, reason: 'la ligne n’est pas un objet JSON valide.' }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { line, reason: 'la ligne doit être un objet JSON.' }
  const record = stripNulls(value as Record<string, unknown>)
  const { externalId, bodyText, body, status, author, structure, structures: structuresField, publishedAt, group, ...fields } = record

  if (externalId !== undefined && (typeof externalId !== 'string' || externalId.trim() === '' || externalId.length > 200)) {
    return { line, reason: 'externalId doit être un texte non vide (200 caractères au plus).' }
  }
  const importStatus = status ?? 'published'
  if (!IMPORT_STATUSES.includes(importStatus as never)) {
    return { line, reason: 'status doit valoir « published » ou « draft ».' }
  }
  if (typeof author !== 'string' || !author.includes('@')) {
    return { line, reason: 'author doit être l’adresse électronique d’un compte existant.' }
  }
  const email = author.trim().toLowerCase()
  if (!authors.has(email)) {
    const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    authors.set(email, row?.id ?? null)
  }
  const authorId = authors.get(email)
  if (!authorId) return { line, reason: `aucun compte n’a l’adresse « ${email} ».` }
  if (publishedAt !== undefined && (typeof publishedAt !== 'string' || Number.isNaN(Date.parse(publishedAt)))) {
    return { line, reason: 'publishedAt doit être une date ISO 8601 (par exemple 2025-06-01T09:00:00Z).' }
  }
  if (group !== undefined) return { line, reason: 'le champ s’appelle « groups » (la liste des slugs des groupes, par exemple ["calaisis"]).' }
  if (fields.visibility === 'group' && !Array.isArray(fields.groups)) {
    return { line, reason: 'une ressource « group » attend « groups » : la liste des slugs de ses groupes, par exemple ["calaisis"].' }
  }
  if (structuresField !== undefined) return { line, reason: 'le champ s’appelle « structure » (le slug d’une seule structure).' }
  if (structure !== undefined) {
    if (typeof structure !== 'string' || structure.trim() === '') {
      return { line, reason: 'structure doit être le slug d’une structure d’Essaim (par exemple « collectif-ess-pas-de-calais »).' }
    }
    const slug = structure.trim()
    if (!lookups.structures.has(slug)) {
      const row = await db.selectFrom('structures').select('id').where('slug', '=', slug).executeTakeFirst()
      lookups.structures.set(slug, Boolean(row))
    }
    if (!lookups.structures.get(slug)) return { line, reason: `aucune structure n’a le slug « ${slug} ».` }
  }

  let bodyJson: string
  if (body !== undefined) bodyJson = typeof body === 'string' ? body : JSON.stringify(body)
  else if (typeof bodyText === 'string') bodyJson = JSON.stringify(textToDoc(bodyText))
  else return { line, reason: 'il faut un contenu : bodyText (texte) ou body (document Tiptap).' }
  const richText = parseRichText(bodyJson)
  if (!richText.ok) return { line, reason: `body : ${richText.error}` }

  const parsed = resourceSchema.safeParse({
    ...fields,
    body: bodyJson,
    structures: typeof structure === 'string' ? [structure.trim()] : [],
  })
  if (!parsed.success) return { line, reason: describeIssues(parsed.error.issues) }
  return {
    line,
    input: parsed.data,
    authorId,
    status: importStatus as 'published' | 'draft',
    externalId: typeof externalId === 'string' ? externalId.trim() : null,
    publishedAt: typeof publishedAt === 'string' ? new Date(publishedAt).toISOString() : null,
    keepStructures: structure === undefined,
  }
}

class Rollback extends Error {}

export async function importResources(
  text: string,
  options: { skipInvalid?: boolean; onProgress?: (done: number, total: number, phase: 'vérification' | 'import') => void } = {},
): Promise<ImportReport> {
  const rawLines = text.split(/\r?\n/)
  const lookups: Lookups = { authors: new Map(), structures: new Map() }
  const errors: ImportLineError[] = []
  const checked: CheckedLine[] = []
  const numbered = rawLines.map((raw, index) => ({ raw, line: index + 1 })).filter(({ raw }) => raw.trim() !== '')
  const seenExternalIds = new Map<string, number>()
  for (const [index, { raw, line }] of numbered.entries()) {
    const result = await checkLine(raw, line, lookups)
    if ('reason' in result) errors.push(result)
    else if (result.externalId && seenExternalIds.has(result.externalId)) {
      errors.push({ line, reason: `externalId « ${result.externalId} » déjà utilisé ligne ${seenExternalIds.get(result.externalId)}.` })
    } else {
      if (result.externalId) seenExternalIds.set(result.externalId, line)
      checked.push(result)
    }
    options.onProgress?.(index + 1, numbered.length, 'vérification')
  }
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, skipped: 0, errors, aborted: false }
  if (errors.length && !options.skipInvalid) return { ...report, aborted: true }

  try {
    await db.transaction().execute(async (trx) => {
      for (const [index, item] of checked.entries()) {
        const existing = item.externalId
          ? await trx.selectFrom('resources').select(['id', 'version', 'type', 'deletedAt']).where('externalId', '=', item.externalId).executeTakeFirst()
          : undefined
        if (existing) {
          if (existing.type !== item.input.type) {
            errors.push({ line: item.line, reason: `le type ne peut pas changer (la ressource « ${item.externalId} » est déjà importée avec un autre type).` })
          } else {
            const input = item.keepStructures
              ? { ...item.input, structures: (await listResourceStructures(existing.id, trx)).map((s) => s.slug) }
              : item.input
            const result = await updateResource({
              id: existing.id,
              input,
              actor: IMPORT_ACTOR,
              editor: { id: item.authorId },
              expectedVersion: existing.version,
              note: 'Import',
              status: item.status,
              trx,
            })
            if (result.status === 'invalid') errors.push({ line: item.line, reason: Object.values(result.fieldErrors).flat().join(' ; ') })
            else if (result.status === 'saved') {
              if (result.revisionCreated) report.updated++
              else report.unchanged++
            }
          }
        } else {
          const result = await createResource({
            input: item.input,
            actor: IMPORT_ACTOR,
            author: { id: item.authorId },
            status: item.status,
            externalId: item.externalId,
            publishedAt: item.publishedAt,
            trx,
          })
          if (result.status === 'invalid') {
            errors.push({ line: item.line, reason: Object.entries(result.fieldErrors).map(([k, v]) => `${k} : ${v.join(' ; ')}`).join(' ; ') })
          } else report.created++
        }
        options.onProgress?.(index + 1, checked.length, 'import')
      }
      if (errors.length && !options.skipInvalid) throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
    return { created: 0, updated: 0, unchanged: 0, skipped: 0, errors: errors.sort((a, b) => a.line - b.line), aborted: true }
  }
  report.errors = errors.sort((a, b) => a.line - b.line)
  report.skipped = report.errors.length
  return report
}
