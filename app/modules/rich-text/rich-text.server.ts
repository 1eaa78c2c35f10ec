import { getSchema, type JSONContent } from '@tiptap/core'
import { generateHTML } from '@tiptap/html'
import { type Node as PMNode, type Schema, Node as ProseMirrorNode } from '@tiptap/pm/model'
import { TableMap } from '@tiptap/pm/tables'
import { DEFAULT_MAX_CHARS, emptyDoc, getSchemaExtensions, HEADING_LEVELS, LINK_REL } from './extensions.ts'
import { CONTROL_CHARS, CONTROL_CHARS_GLOBAL, isSafeHref, isUploadSrc } from './urls.ts'

// Server side of rich text. The client posts Tiptap/ProseMirror JSON (a hidden form field); this module is the
// only gate between that JSON and the database:
// 1. a strict walk of the raw JSON (known keys, node and mark types, attributes and their values, depth, size),
//    building a clean copy — nothing from the input object is kept by reference;
// 2. `Node.fromJSON` + `check()` against the schema built from the editor's own extension list;
// 3. rules ProseMirror does not know (list nesting, rectangular tables, character count);
// 4. derivations, once: HTML (then verified tag by tag, fail-closed) and plain text for search and diffs.
// It never throws: every failure is a French sentence for the form.

/**
 * A narrower set of nodes and marks than the editor's schema (discussions: no headings, images, tables). Anything
 * outside it is refused with a French sentence naming what is allowed (`description`).
 */
export type RichTextAllowedSet = {
  readonly nodes: readonly string[]
  readonly marks: readonly string[]
  /** What is allowed, in French, for the message (« paragraphes, gras, italique, listes et liens »). */
  readonly description: string
}
export type ParseRichTextOptions = { maxBytes?: number; maxDepth?: number; maxChars?: number; allowed?: RichTextAllowedSet }
export type ParseRichTextResult =
  | { ok: true; doc: JSONContent; html: string; text: string; charCount: number }
  | { ok: false; error: string }

export const RICH_TEXT_LIMITS = {
  maxBytes: 200 * 1024,
  maxDepth: 40,
  maxChars: DEFAULT_MAX_CHARS,
  maxListNesting: 8,
  maxTableCells: 2_000,
} as const

const NODE_LABELS: Record<string, string> = {
  doc: 'document',
  paragraph: 'paragraphe',
  text: 'texte',
  heading: 'titre',
  bulletList: 'liste à puces',
  orderedList: 'liste numérotée',
  listItem: 'élément de liste',
  blockquote: 'citation',
  hardBreak: 'retour à la ligne',
  horizontalRule: 'séparateur',
  image: 'image',
  table: 'tableau',
  tableRow: 'ligne de tableau',
  tableHeader: 'cellule d’en-tête',
  tableCell: 'cellule de tableau',
  link: 'lien',
  bold: 'gras',
  italic: 'italique',
  code: 'code',
}

type AttrRule = (value: unknown) => boolean

const isNull = (value: unknown) => value === null
const isInt = (min: number, max: number) => (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
const isShortText = (max: number) => (value: unknown) =>
  value === null || (typeof value === 'string' && value.length <= max && !CONTROL_CHARS.test(value))
const oneOf =
  (...values: unknown[]) =>
  (value: unknown) =>
    values.includes(value)
const cellAttrs: Record<string, AttrRule> = {
  colspan: isInt(1, 20),
  rowspan: isInt(1, 100),
  colwidth: (value) => value === null || (Array.isArray(value) && value.length <= 20 && value.every(isInt(1, 5000))),
  align: oneOf(null, 'left', 'center', 'right'),
}

// Every attribute the schema declares, with the values we accept. A test checks this table matches the schema.
export const NODE_ATTR_RULES: Record<string, Record<string, AttrRule>> = {
  doc: {},
  paragraph: {},
  text: {},
  heading: { level: oneOf(...HEADING_LEVELS) },
  bulletList: {},
  orderedList: { start: isInt(0, 100_000), type: oneOf(null, '1', 'a', 'A', 'i', 'I') },
  listItem: {},
  blockquote: {},
  hardBreak: {},
  horizontalRule: {},
  image: {
    src: isUploadSrc,
    alt: isShortText(1000),
    title: isShortText(300),
    width: (value) => isNull(value) || isInt(1, 10_000)(value),
    height: (value) => isNull(value) || isInt(1, 10_000)(value),
  },
  table: {},
  tableRow: {},
  tableHeader: cellAttrs,
  tableCell: cellAttrs,
}

export const MARK_ATTR_RULES: Record<string, Record<string, AttrRule>> = {
  bold: {},
  italic: {},
  code: {},
  link: { href: isSafeHref, target: isNull, rel: oneOf(null, LINK_REL), class: isNull, title: isShortText(300) },
}

const NODE_KEYS = new Set(['type', 'attrs', 'content', 'marks', 'text'])
const MARK_KEYS = new Set(['type', 'attrs'])
const LIST_TYPES = new Set(['bulletList', 'orderedList'])

class RichTextError extends Error {}

const frenchNumber = (value: number) => new Intl.NumberFormat('fr-FR').format(value)

function printable(value: string, max = 60) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: neutralising control characters in messages
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?')
  return clean.length > max ? `${clean.slice(0, max)}…` : clean
}

function notAllowed(what: string): never {
  throw new RichTextError(`Le contenu contient un élément non autorisé : ${what}.`)
}

function labelOf(type: string) {
  return NODE_LABELS[type] ?? `« ${printable(type)} »`
}

function attrError(type: string, key: string, value: unknown): never {
  if (type === 'heading' && key === 'level') {
    throw new RichTextError('Niveau de titre non autorisé : seuls les niveaux 2 à 4 sont possibles.')
  }
  if (type === 'link' && key === 'href') {
    const shown = typeof value === 'string' && value.trim() !== '' ? ` « ${printable(value)} »` : ''
    throw new RichTextError(
      `Le lien${shown} n’est pas autorisé : seules les adresses commençant par http://, https:// ou mailto: sont acceptées.`,
    )
  }
  if (type === 'image' && key === 'src') {
    throw new RichTextError('Les images doivent être des fichiers déposés sur Essaim (adresse /fichiers/…).')
  }
  notAllowed(`valeur de l’attribut « ${printable(key)} » sur ${labelOf(type)}`)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function checkAttrs(type: string, rules: Record<string, AttrRule>, attrs: Record<string, unknown>) {
  for (const key of Object.keys(attrs)) {
    if (!Object.hasOwn(rules, key)) notAllowed(`attribut « ${printable(key)} » sur ${labelOf(type)}`)
    const value = attrs[key]
    if (!rules[key]!(value)) attrError(type, key, value)
  }
}

type WalkContext = { maxDepth: number; budget: number; maxBytes: number; allowed?: RichTextAllowedSet }

function checkAllowed(ctx: WalkContext, kind: 'nodes' | 'marks', type: string) {
  const allowed = ctx.allowed
  if (!allowed || allowed[kind].includes(type)) return
  throw new RichTextError(`Le contenu contient un élément non permis ici : ${labelOf(type)} (seuls sont permis : ${allowed.description}).`)
}

function spend(ctx: WalkContext, amount: number) {
  ctx.budget += amount
  if (ctx.budget > ctx.maxBytes) throw new RichTextError(tooBigMessage(ctx.maxBytes))
}

function tooBigMessage(maxBytes: number) {
  return `Le contenu est trop volumineux (${frenchNumber(Math.floor(maxBytes / 1024))} Ko au maximum).`
}

function cleanAttrs(type: string, rules: Record<string, AttrRule>, raw: unknown, ctx: WalkContext) {
  if (raw === undefined) return undefined
  if (!isPlainObject(raw)) notAllowed(`attributs invalides sur ${labelOf(type)}`)
  checkAttrs(type, rules, raw)
  const attrs: Record<string, unknown> = {}
  for (const key of Object.keys(raw)) {
    const value = raw[key]
    spend(ctx, key.length + (typeof value === 'string' ? value.length : 8))
    attrs[key] = Array.isArray(value) ? [...value] : value
  }
  return attrs
}

function cleanMarks(raw: unknown, ctx: WalkContext): JSONContent['marks'] {
  if (!Array.isArray(raw) || raw.length > 10) notAllowed('liste de mises en forme invalide')
  return raw.map((mark) => {
    if (!isPlainObject(mark)) notAllowed('mise en forme invalide')
    for (const key of Object.keys(mark)) if (!MARK_KEYS.has(key)) notAllowed(`propriété « ${printable(key)} »`)
    const type = mark.type
    if (typeof type !== 'string' || !Object.hasOwn(MARK_ATTR_RULES, type)) {
      notAllowed(`mise en forme « ${printable(String(type))} »`)
    }
    checkAllowed(ctx, 'marks', type)
    spend(ctx, 16)
    const attrs = cleanAttrs(type, MARK_ATTR_RULES[type]!, mark.attrs, ctx)
    return attrs ? { type, attrs } : { type }
  })
}

function cleanNode(raw: unknown, depth: number, ctx: WalkContext): JSONContent {
  if (depth > ctx.maxDepth) {
    throw new RichTextError(`Le document est trop profondément imbriqué (${ctx.maxDepth} niveaux au maximum).`)
  }
  if (!isPlainObject(raw)) throw new RichTextError('Le contenu envoyé n’est pas un document valide.')
  for (const key of Object.keys(raw)) if (!NODE_KEYS.has(key)) notAllowed(`propriété « ${printable(key)} »`)
  const type = raw.type
  if (typeof type !== 'string' || !Object.hasOwn(NODE_ATTR_RULES, type)) {
    notAllowed(typeof type === 'string' ? `« ${printable(type)} »` : 'élément sans type')
  }
  checkAllowed(ctx, 'nodes', type)
  spend(ctx, 24)
  const node: JSONContent = { type }
  const attrs = cleanAttrs(type, NODE_ATTR_RULES[type]!, raw.attrs, ctx)
  if (attrs) node.attrs = attrs

  if (type === 'text') {
    if (raw.content !== undefined) notAllowed('contenu dans un texte')
    if (typeof raw.text !== 'string' || raw.text.length === 0) notAllowed('texte vide ou invalide')
    if (CONTROL_CHARS.test(raw.text)) throw new RichTextError('Le texte contient des caractères de contrôle non autorisés.')
    spend(ctx, raw.text.length)
    node.text = raw.text
    if (raw.marks !== undefined) node.marks = cleanMarks(raw.marks, ctx)
    return node
  }
  if (raw.text !== undefined) notAllowed(`texte direct dans ${labelOf(type)}`)
  if (raw.marks !== undefined) notAllowed(`mise en forme sur ${labelOf(type)}`)
  if (raw.content !== undefined) {
    if (!Array.isArray(raw.content)) notAllowed(`contenu invalide dans ${labelOf(type)}`)
    const content: JSONContent[] = []
    for (const child of raw.content) content.push(cleanNode(child, depth + 1, ctx))
    node.content = content
  }
  return node
}

function checkDocument(doc: PMNode, maxDepth: number) {
  const check = (node: PMNode, depth: number, lists: number, inTable: boolean) => {
    if (depth > maxDepth) {
      throw new RichTextError(`Le document est trop profondément imbriqué (${maxDepth} niveaux au maximum).`)
    }
    const type = node.type.name
    checkAttrs(type, NODE_ATTR_RULES[type] ?? {}, node.attrs)
    for (const mark of node.marks) checkAttrs(mark.type.name, MARK_ATTR_RULES[mark.type.name] ?? {}, mark.attrs)
    if (LIST_TYPES.has(type)) {
      lists += 1
      if (lists > RICH_TEXT_LIMITS.maxListNesting) {
        throw new RichTextError(
          `Les listes sont trop imbriquées (${RICH_TEXT_LIMITS.maxListNesting} niveaux au maximum).`,
        )
      }
    }
    if (type === 'table') {
      if (inTable) throw new RichTextError('Un tableau ne peut pas contenir un autre tableau.')
      const map = TableMap.get(node)
      const problems = (map.problems ?? []).filter((problem) => problem.type !== 'colwidth mismatch')
      if (problems.length > 0 || map.width === 0 || node.content.childCount === 0) {
        throw new RichTextError('Le tableau est mal formé : chaque ligne doit avoir le même nombre de cellules.')
      }
      let cells = 0
      for (let index = 0; index < node.childCount; index += 1) {
        const row = node.child(index)
        if (row.childCount === 0) throw new RichTextError('Le tableau est mal formé : une ligne est vide.')
        cells += row.childCount
      }
      if (cells > RICH_TEXT_LIMITS.maxTableCells) {
        throw new RichTextError(
          `Le tableau est trop grand (${frenchNumber(RICH_TEXT_LIMITS.maxTableCells)} cellules au maximum).`,
        )
      }
      inTable = true
    }
    node.forEach((child) => {
      check(child, depth + 1, lists, inTable)
    })
  }
  check(doc, 0, 0, false)
}

let cachedSchema: Schema | null = null
function richTextSchema() {
  cachedSchema ??= getSchema(getSchemaExtensions())
  return cachedSchema
}

/** Number of characters as the editor's CharacterCount counts them (`textSize` mode). */
export function countCharacters(doc: PMNode) {
  return doc.textBetween(0, doc.content.size, undefined, ' ').length
}

/**
 * Validates rich text posted by the editor (a JSON string or an object) and derives its HTML and plain text.
 * Never throws.
 */
export function parseRichText(input: unknown, options: ParseRichTextOptions = {}): ParseRichTextResult {
  const maxBytes = options.maxBytes ?? RICH_TEXT_LIMITS.maxBytes
  const maxDepth = options.maxDepth ?? RICH_TEXT_LIMITS.maxDepth
  const maxChars = options.maxChars ?? RICH_TEXT_LIMITS.maxChars
  try {
    let raw = input
    if (typeof input === 'string') {
      if (input.trim() === '') return { ok: false, error: 'Le contenu est vide.' }
      if (Buffer.byteLength(input, 'utf8') > maxBytes) return { ok: false, error: tooBigMessage(maxBytes) }
      try {
        raw = JSON.parse(input)
      } catch {
        return { ok: false, error: 'Le contenu envoyé n’est pas un document valide (JSON illisible).' }
      }
    }
    if (!isPlainObject(raw) || raw.type !== 'doc') {
      return { ok: false, error: 'Le contenu envoyé n’est pas un document valide.' }
    }
    const clean = cleanNode(raw, 0, { maxDepth, maxBytes, budget: 0, allowed: options.allowed })
    if (Buffer.byteLength(JSON.stringify(clean), 'utf8') > maxBytes) return { ok: false, error: tooBigMessage(maxBytes) }

    const schema = richTextSchema()
    let node: PMNode
    try {
      node = ProseMirrorNode.fromJSON(schema, clean)
      node.check()
    } catch {
      return {
        ok: false,
        error: 'La structure du document n’est pas valide (un élément est placé là où il n’est pas permis).',
      }
    }
    checkDocument(node, maxDepth)

    const charCount = countCharacters(node)
    if (charCount > maxChars) {
      return { ok: false, error: `Le texte est trop long (${frenchNumber(maxChars)} caractères au maximum).` }
    }
    const doc = node.toJSON() as JSONContent
    const verified = verifyHtml(generateHTML(doc, getSchemaExtensions()))
    if ('problem' in verified) {
      return { ok: false, error: `Le contenu n’a pas pu être mis en forme de façon sûre (${verified.problem}).` }
    }
    return { ok: true, doc, html: verified.html, text: docToText(node), charCount }
  } catch (error) {
    if (error instanceof RichTextError) return { ok: false, error: error.message }
    if (error instanceof RangeError) {
      return { ok: false, error: `Le document est trop profondément imbriqué (${maxDepth} niveaux au maximum).` }
    }
    return { ok: false, error: 'Le contenu envoyé n’est pas un document valide.' }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTML verification (defence in depth): every tag and attribute of the generated HTML must be on this list, and
// URLs are checked again after entity decoding. Text content has `<` escaped, so each `<` starts a tag.

const ALLOWED_TAGS: Record<string, ReadonlySet<string>> = {
  p: new Set(),
  h2: new Set(),
  h3: new Set(),
  h4: new Set(),
  ul: new Set(),
  ol: new Set(['start', 'type']),
  li: new Set(),
  blockquote: new Set(),
  strong: new Set(),
  em: new Set(),
  code: new Set(),
  a: new Set(['href', 'rel', 'title']),
  br: new Set(),
  hr: new Set(),
  img: new Set(['src', 'alt', 'title', 'width', 'height']),
  div: new Set(['class']),
  table: new Set(),
  tbody: new Set(),
  tr: new Set(),
  th: new Set(['colspan', 'rowspan', 'class']),
  td: new Set(['colspan', 'rowspan', 'class']),
}

function decodeEntities(value: string) {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|quot|lt|gt|apos|nbsp);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16) % 0x110000)
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10) % 0x110000)
    return ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[lower]!
  })
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Returns a short description of the first unsafe construct in `html`, or null when every tag is allowed. */
export function findUnsafeHtml(html: string): string | null {
  const result = verifyHtml(html)
  return 'problem' in result ? result.problem : null
}

/**
 * Walks the serialised HTML tag by tag (fail-closed allowlist) and rewrites attribute values with `<` and `>`
 * escaped too, so no `<script` sequence can appear anywhere in the output, not even inside an attribute.
 */
function verifyHtml(html: string): { html: string } | { problem: string } {
  let out = ''
  let i = 0
  while (true) {
    const start = html.indexOf('<', i)
    if (start === -1) return { html: out + html.slice(i) }
    out += html.slice(i, start)
    const tagMatch = /^<(\/?)([a-z][a-z0-9]*)/.exec(html.slice(start, start + 20))
    if (!tagMatch) return { problem: 'balise illisible' }
    const tag = tagMatch[2]!
    const allowed = ALLOWED_TAGS[tag]
    if (!Object.hasOwn(ALLOWED_TAGS, tag) || !allowed) return { problem: `balise ${tag}` }
    i = start + tagMatch[0].length
    out += tagMatch[0]
    if (tagMatch[1]) {
      if (html[i] !== '>') return { problem: 'balise fermante illisible' }
      out += '>'
      i += 1
      continue
    }
    while (true) {
      while (html[i] === ' ') i += 1
      if (html[i] === '>') {
        out += '>'
        i += 1
        break
      }
      if (html.startsWith('/>', i)) {
        out += '>'
        i += 2
        break
      }
      const nameMatch = /^[a-z][a-z0-9-]*/.exec(html.slice(i, i + 40))
      if (!nameMatch) return { problem: 'attribut illisible' }
      const name = nameMatch[0]
      i += name.length
      if (!allowed.has(name)) return { problem: `attribut ${name}` }
      let value = ''
      const hasValue = html[i] === '='
      if (hasValue) {
        if (html[i + 1] !== '"') return { problem: 'attribut illisible' }
        const end = html.indexOf('"', i + 2)
        if (end === -1) return { problem: 'attribut illisible' }
        value = decodeEntities(html.slice(i + 2, end))
        i = end + 1
      }
      if (name === 'href' && !isSafeHref(value)) return { problem: 'lien' }
      if (name === 'src' && !isUploadSrc(value)) return { problem: 'image' }
      if (name === 'rel' && value !== LINK_REL) return { problem: 'lien' }
      if (name === 'class' && !/^(table-wrapper|align-(left|center|right))$/.test(value)) return { problem: 'classe' }
      out += hasValue ? ` ${name}="${escapeAttribute(value)}"` : ` ${name}`
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plain text: paragraphs separated by blank lines; list items on their own lines ("- " or "1. "), nested items
// indented; table rows as "a | b". Used for search and diffs.

function inlineText(node: PMNode) {
  let text = ''
  node.forEach((child) => {
    if (child.isText) text += child.text
    else if (child.type.name === 'hardBreak') text += '\n'
  })
  return text
}

function blocksText(node: PMNode, separator = '\n\n'): string {
  const parts: string[] = []
  node.forEach((child) => {
    const text = blockText(child)
    if (text.trim() !== '') parts.push(text)
  })
  return parts.join(separator)
}

function indent(text: string, prefix: string) {
  const pad = ' '.repeat(prefix.length)
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? prefix + line : line === '' ? line : pad + line))
    .join('\n')
}

function blockText(node: PMNode): string {
  switch (node.type.name) {
    case 'paragraph':
    case 'heading':
      return inlineText(node)
    case 'bulletList':
    case 'orderedList': {
      const ordered = node.type.name === 'orderedList'
      const start = typeof node.attrs.start === 'number' ? node.attrs.start : 1
      const items: string[] = []
      node.forEach((item, _offset, index) => {
        items.push(indent(blocksText(item, '\n'), ordered ? `${start + index}. ` : '- '))
      })
      return items.join('\n')
    }
    case 'table': {
      const rows: string[] = []
      node.forEach((row) => {
        const cells: string[] = []
        row.forEach((cell) => {
          cells.push(blocksText(cell, ' ').replace(/\n/g, ' '))
        })
        rows.push(cells.join(' | ').trimEnd())
      })
      return rows.join('\n')
    }
    case 'image':
      return typeof node.attrs.alt === 'string' ? node.attrs.alt : ''
    case 'horizontalRule':
      return ''
    default:
      return blocksText(node)
  }
}

function docToText(doc: PMNode) {
  return blocksText(doc).trim()
}

// ---------------------------------------------------------------------------------------------------------------

export { emptyDoc }

/** Plain text → document: paragraphs split on blank lines, single line breaks kept as hard breaks. */
export function textToDoc(plain: string): JSONContent {
  const normalised = String(plain ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARS_GLOBAL, '')
  const paragraphs = normalised
    .split(/\n[ \t\u00a0]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0)
  if (paragraphs.length === 0) return emptyDoc()
  return {
    type: 'doc',
    content: paragraphs.map((lines) => ({
      type: 'paragraph',
      content: lines.flatMap((line, index) =>
        index === 0 ? [{ type: 'text', text: line }] : [{ type: 'hardBreak' }, { type: 'text', text: line }],
      ),
    })),
  }
}

/** Deeper than this, a typed document is not shown again (the editor never builds one; encoding it would overflow). */
const TYPED_DOC_MAX_DEPTH = 4 * RICH_TEXT_LIMITS.maxDepth

/**
 * The editor's JSON posted in `field`, parsed, to show again in a refused form (what was typed stays): null when
 * absent, not JSON, not an object, or nested deeper than any document the editor builds — such a value would make
 * the answer's own JSON encoding overflow the stack (a 500) and cannot be edited anyway.
 */
export function typedDoc(form: FormData, field: string): object | null {
  const json = form.get(field)
  if (typeof json !== 'string' || !json.trim()) return null
  let doc: unknown
  try {
    doc = JSON.parse(json)
  } catch {
    return null
  }
  if (!doc || typeof doc !== 'object') return null
  // Depth first, without recursion (the value may be thousands of levels deep).
  const stack: [unknown, number][] = [[doc, 1]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number]
    if (depth > TYPED_DOC_MAX_DEPTH) return null
    if (value && typeof value === 'object') for (const child of Object.values(value)) if (child && typeof child === 'object') stack.push([child, depth + 1])
  }
  return doc
}
