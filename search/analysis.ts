// French text analysis shared by the embedded engine (index and query time) and the highlighter.

/** Lower case, accents folded, œ/æ expanded; anything that is not a letter or digit separates words. */
export function foldWord(value: string): string {
  return value
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

/** Words of a text, folded (`Tiers-lieux d’économie` → `tiers`, `lieux`, `d`, `economie`). */
export function tokenize(value: string): string[] {
  const folded = foldWord(value)
  return folded.match(/[a-z0-9]+/g) ?? []
}

/**
 * A light French stemmer for number (and the feminine of adjectives in -enne, -ée): enough to make `formations` find
 * `formation`, `sociaux` find `social`, `fonds` find `fond`, `européennes` find `européen`. Applied to folded words at
 * index and at query time, so both sides meet; the stem of a word is always a prefix of it except for -aux → -al, so
 * prefix search on a stem still finds longer words.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d/.test(word)) return word
  let w = word
  if (w.endsWith('eaux')) w = w.slice(0, -1)
  else if (w.endsWith('aux') && w.length > 4) w = `${w.slice(0, -3)}al`
  else if ((w.endsWith('s') && !w.endsWith('ss')) || w.endsWith('x')) w = w.slice(0, -1)
  if (w.length > 5 && w.endsWith('enne')) w = w.slice(0, -2)
  if (w.length > 4 && w.endsWith('ee')) w = w.slice(0, -1)
  if (w.length > 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1)
  return w
}

/** Stems of a text, in order (the form stored in the FTS table). */
export function analyze(value: string): string[] {
  return tokenize(value).map(stem)
}

/** French stop words: dropped from queries (kept in the index so phrases such as synonyms still match). */
export const FRENCH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a au aux avec ce ces cet cette d dans de des du elle en et eux il ils je l la le les leur leurs lui ma mais me ' +
    'meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes toi ton tu ' +
    'un une vos votre vous y c est sont ete etre avoir ai as avons avez ont sans sous chez vers entre'
  ).split(' '),
)

/** Typos allowed for a word of this length (Meilisearch's defaults: one from 5 letters, two from 9). */
export function typoBudget(length: number): number {
  if (length >= 9) return 2
  if (length >= 5) return 1
  return 0
}

/**
 * Damerau-Levenshtein distance (optimal string alignment), bounded: returns `max + 1` as soon as the distance is
 * known to exceed `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  if (a === b) return 0
  const n = a.length
  const m = b.length
  // Three reused rows (this runs for thousands of vocabulary words per typed word: no allocation per call).
  if (rows.length < 3 * (m + 1)) rows = new Int32Array(3 * (m + 1) * 2)
  let previous2 = 0
  let previous = m + 1
  let current = 2 * (m + 1)
  for (let j = 0; j <= m; j++) rows[previous + j] = j
  for (let i = 1; i <= n; i++) {
    rows[current] = i
    let rowMin = i
    const ai = a.charCodeAt(i - 1)
    for (let j = 1; j <= m; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1
      let value = Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, rows[previous2 + j - 2] + 1)
      }
      rows[current + j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    const recycled = previous2
    previous2 = previous
    previous = current
    current = recycled
  }
  const distance = rows[previous + m]
  return distance > max ? max + 1 : distance
}
let rows = new Int32Array(3 * 64)

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

const OPEN = '\u0001'
const CLOSE = '\u0002'

/**
 * Wraps the words of `text` that `matches` accepts in `<mark>`, HTML-escaping everything else. Markers are private
 * control characters placed before escaping (any in the source text are removed first), so the output only ever
 * contains our own `<mark>` tags.
 */
export function highlight(text: string, matches: (stemmed: string) => boolean): { html: string; first: number } {
  const clean = text.replaceAll(OPEN, '').replaceAll(CLOSE, '')
  let first = -1
  const seen = new Map<string, boolean>()
  const marked = clean.replace(/[\p{L}\p{N}]+/gu, (word, offset: number) => {
    let hit = seen.get(word)
    if (hit === undefined) {
      const folded = /^[A-Za-z0-9]+$/.test(word) ? word.toLowerCase() : foldWord(word)
      hit = (folded.match(/[a-z0-9]+/g) ?? []).some((part) => matches(stem(part)))
      seen.set(word, hit)
    }
    if (!hit) return word
    if (first < 0) first = offset
    return `${OPEN}${word}${CLOSE}`
  })
  const html = escapeHtml(marked).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>')
  return { html, first }
}

/** Offset of the first word `matches` accepts, or -1 (stops at the first). */
export function firstMatch(text: string, matches: (stemmed: string) => boolean): number {
  const re = /[\p{L}\p{N}]+/gu
  const seen = new Set<string>()
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[0]
    if (seen.has(word)) continue
    seen.add(word)
    const folded = /^[A-Za-z0-9]+$/.test(word) ? word.toLowerCase() : foldWord(word)
    if ((folded.match(/[a-z0-9]+/g) ?? []).some((part) => matches(stem(part)))) return m.index
  }
  return -1
}

/** An excerpt of about `length` characters around the first match of `text` (or its start), highlighted. */
export function excerpt(text: string, matches: (stemmed: string) => boolean, length = 220): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (!clean) return ''
  const first = firstMatch(clean, matches)
  let start = 0
  if (first > length / 3) {
    start = clean.lastIndexOf(' ', first - Math.floor(length / 3))
    start = start < 0 ? 0 : start + 1
  }
  let end = Math.min(clean.length, start + length)
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end)
    if (space > start) end = space
  }
  const piece = clean.slice(start, end)
  return `${start > 0 ? '… ' : ''}${highlight(piece, matches).html}${end < clean.length ? ' …' : ''}`
}
