import { FRENCH_STOP_WORDS, boundedDistance, stem, tokenize, typoBudget } from '../analysis.ts'

// Turns what a user typed into an FTS5 expression. Every term is produced by our own tokenizer (only [a-z0-9]) and
// emitted inside double quotes, so no character or word typed (`"`, `*`, `-`, `^`, `NEAR`, `AND`, `tiers-lieux`…)
// is ever read as FTS5 syntax.

export interface Vocabulary {
  /** Indexed terms (stems) of about this length with their document frequency. */
  near(length: number): readonly { term: string; docs: number; letters?: number }[]
}

export interface QueryTerm {
  /** What was typed (folded). */
  typed: string
  /** The FTS5 expression of this term (already quoted). */
  expression: string
  /** Stems a highlighted word may equal. */
  exact: string[]
  /** Stems a highlighted word may start with (prefix on the last word). */
  prefixes: string[]
  /** Typo corrections used, best first (stems). */
  corrections: string[]
  synonym: boolean
}

export interface ParsedQuery {
  terms: QueryTerm[]
  /** All terms required (AND) — or any (OR), the fallback when AND finds nothing. */
  expression(mode: 'and' | 'or'): string | null
  matches(stemmed: string): boolean
}

const MAX_TERMS = 12
const MAX_TERM_LENGTH = 40
const MAX_CORRECTIONS = 8

export function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`
}

/**
 * Synonym groups, analysed, by the first stem of each alternative: `own` is the alternative as typed, `alternatives`
 * everything it stands for (itself first). A term listed in several groups stands for the union of them (as in
 * Meilisearch's one-way lists built from the same groups, see meilisearch/filters.ts `synonymsMap`), and not for the
 * groups of its synonyms: `subvention, aide` and `subvention, financement` make « subvention » find both, while
 * « aide » finds subventions without finding every financement.
 */
export type SynonymIndex = Map<string, { own: string[]; alternatives: string[][] }[]>

export function buildSynonymIndex(groups: string[][]): SynonymIndex {
  const byKey = new Map<string, Map<string, string[]>>()
  for (const group of groups) {
    const alternatives = uniqueAlternatives(group.map((term) => tokenize(term).map(stem)).filter((a) => a.length > 0))
    if (alternatives.length < 2) continue
    for (const alternative of alternatives) {
      const key = alternative.join(' ')
      const union = byKey.get(key) ?? new Map([[key, alternative]])
      for (const other of alternatives) union.set(other.join(' '), other)
      byKey.set(key, union)
    }
  }
  const index: SynonymIndex = new Map()
  for (const union of byKey.values()) {
    const [own, ...others] = [...union.values()]
    const list = index.get(own[0]) ?? []
    list.push({ own, alternatives: [own, ...others] })
    index.set(own[0], list)
  }
  return index
}

function uniqueAlternatives(alternatives: string[][]): string[][] {
  const seen = new Set<string>()
  return alternatives.filter((a) => {
    const key = a.join(' ')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export interface ParseOptions {
  synonyms: SynonymIndex
  vocabulary: Vocabulary
  /** Whether a term (stem) or a prefix finds any document at all. */
  exists: (expression: string) => boolean
  /** Extra typos allowed (the zero-result retry that looks for a suggestion). */
  extraTypos?: number
}

export function parseQuery(text: string, options: ParseOptions): ParsedQuery {
  const words = tokenize(text.slice(0, 500))
    .filter((w) => w.length <= MAX_TERM_LENGTH)
    .slice(0, 32)
  const stems = words.map(stem)
  const endsWithSpace = /[\s\p{P}]$/u.test(text)
  const allStopWords = words.every((w) => FRENCH_STOP_WORDS.has(w))
  const terms: QueryTerm[] = []
  let i = 0
  while (i < words.length && terms.length < MAX_TERMS) {
    const synonym = longestSynonym(stems, i, options.synonyms)
    if (synonym) {
      const typedWords = words.slice(i, i + synonym.length)
      // Highlights mark the words typed, never the words of the alternatives (the « d » of « société coopérative
      // d’intérêt collectif » for SCIC, « plus » for FSE); nor stop words typed inside a phrase.
      const marked = typedWords.filter((w) => !FRENCH_STOP_WORDS.has(w))
      terms.push({
        typed: typedWords.join(' '),
        expression: `(${synonym.alternatives.map((a) => quote(a.join(' '))).join(' OR ')})`,
        exact: (marked.length > 0 ? marked : typedWords).map(stem),
        prefixes: [],
        corrections: [],
        synonym: true,
      })
      i += synonym.length
      continue
    }
    const word = words[i]
    const stemmed = stems[i]
    const isLast = i === words.length - 1
    i++
    if (!allStopWords && FRENCH_STOP_WORDS.has(word)) continue
    const prefix = isLast && !endsWithSpace && stemmed.length >= 2
    const exactExpression = prefix ? `${quote(stemmed)}*` : quote(stemmed)
    const term: QueryTerm = {
      typed: word,
      expression: exactExpression,
      exact: [stemmed],
      prefixes: prefix ? [stemmed] : [],
      corrections: [],
      synonym: false,
    }
    const budget = Math.min(typoBudget(word.length) + (options.extraTypos ?? 0), 3)
    if (budget > 0 && !/^\d+$/.test(word) && !options.exists(exactExpression)) {
      const corrections = corrections_(stemmed, budget, prefix, options.vocabulary)
      if (corrections.length > 0) {
        term.corrections = corrections
        term.exact.push(...corrections)
        term.expression = `(${[exactExpression, ...corrections.map(quote)].join(' OR ')})`
      }
    }
    terms.push(term)
  }
  return {
    terms,
    expression(mode) {
      if (terms.length === 0) return null
      if (terms.length === 1) return terms[0].expression
      return terms.map((t) => t.expression).join(mode === 'and' ? ' AND ' : ' OR ')
    },
    matches(stemmed) {
      for (const term of terms) {
        if (term.exact.includes(stemmed)) return true
        for (const prefix of term.prefixes) if (stemmed.startsWith(prefix)) return true
      }
      return false
    },
  }
}

function longestSynonym(stems: string[], start: number, index: SynonymIndex) {
  const candidates = index.get(stems[start])
  if (!candidates) return null
  let best: { length: number; alternatives: string[][] } | null = null
  for (const { own, alternatives } of candidates) {
    if (own.length > stems.length - start) continue
    if (!own.every((s, k) => stems[start + k] === s)) continue
    if (!best || own.length > best.length) best = { length: own.length, alternatives }
  }
  return best
}

function corrections_(stemmed: string, budget: number, prefix: boolean, vocabulary: Vocabulary): string[] {
  const typedLetters = letterSet(stemmed)
  const found: { term: string; distance: number; docs: number }[] = []
  for (let length = stemmed.length - budget; length <= stemmed.length + budget + (prefix ? 12 : 0); length++) {
    for (const { term, docs, letters: termLetters } of vocabulary.near(length)) {
      // Each edit adds or removes at most two letters of the alphabet used: a cheap test that rules out most words.
      const quick = termLetters === undefined || popcount(termLetters ^ typedLetters) <= 2 * budget
      let distance = quick ? boundedDistance(stemmed, term, budget) : budget + 1
      if (prefix && distance > budget && term.length > stemmed.length) {
        distance = boundedDistance(stemmed, term.slice(0, stemmed.length), budget)
      }
      if (distance <= budget && distance > 0) found.push({ term, distance, docs })
    }
  }
  found.sort((a, b) => a.distance - b.distance || b.docs - a.docs)
  return found.slice(0, MAX_CORRECTIONS).map((f) => f.term)
}

/** The letters a-z (and digits, folded into one bit) of a word, as a bit set. */
export function letterSet(word: string): number {
  let set = 0
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    set |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << 26
  }
  return set
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}
