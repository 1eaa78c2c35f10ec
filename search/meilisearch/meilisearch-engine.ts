import { type Index, MeilisearchRequestError, Meilisearch, type MultiSearchQuery, type Task } from 'meilisearch'
import { FRENCH_STOP_WORDS, boundedDistance, escapeHtml, stem, tokenize, typoBudget } from '../analysis.ts'
import {
  FUNDING_STATES,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchHealth,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchResult,
  type SearchSettings,
  clampPaging,
  fundingState,
} from '../engine.ts'
import { instantMs } from '../funding-state.ts'
import { FACET_ATTRIBUTES, buildFilter, indexSettings, meiliKey, pendingFilter, settingsMatch, stateFilter } from './filters.ts'

// The Meilisearch engine (official client). Settings are applied idempotently at start (only when they differ),
// every write waits for its task and throws when the task failed, network errors are retried with backoff.

type MeiliDocument = SearchDocument & {
  key: string
  extra: string
  /** Opening and deadline instants in milliseconds (the funding state is computed from them at query time). */
  openingTs: number | null
  deadlineTs: number | null
  publishedTs: number
}

const OPEN = '\u0001'
const CLOSE = '\u0002'

export { meiliKey }

export function toMeiliDocument(document: SearchDocument): MeiliDocument {
  return {
    ...document,
    key: meiliKey(document),
    extra: [document.themes.join(' '), document.programme, document.territory, document.legalForms.join(' '), document.structureName]
      .filter(Boolean)
      .join(' '),
    openingTs: instantMs(document.openingDate),
    deadlineTs: instantMs(document.deadline),
    publishedTs: Date.parse(document.publishedAt) || 0,
    // Always present, so `validated = true` and the facet see every document.
    validated: document.validated === true,
  }
}

export function fromMeiliDocument(hit: Record<string, unknown>): SearchDocument {
  const { key: _key, extra: _extra, openingTs: _o, deadlineTs: _d, publishedTs: _p, _formatted, _rankingScore, ...rest } = hit
  return rest as unknown as SearchDocument
}

/** Meilisearch's formatted text (our control-character markers) → escaped HTML with `<mark>`. */
export function markersToHtml(value: unknown): string {
  return escapeHtml(String(value ?? '')).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>')
}

/** Words of a query that count (stop words dropped). */
export function significantWords(q: string): number {
  return tokenize(q).filter((w) => !FRENCH_STOP_WORDS.has(w)).length
}

/**
 * Whether a highlighted word is one the person typed: the same stem, a longer word for the last word typed (prefix
 * search), or within Meilisearch's typo budget. Words Meilisearch matched through a synonym fail (« Plus » for FSE).
 */
export function typedMatcher(q: string): (word: string) => boolean {
  const words = tokenize(q)
  const significant = words.filter((w) => !FRENCH_STOP_WORDS.has(w))
  const stems = (significant.length > 0 ? significant : words).map(stem)
  const last = /[\s\p{P}]$/u.test(q) ? null : stems.at(-1)
  return (word) =>
    tokenize(word).some((part) => {
      const s = stem(part)
      return stems.some(
        (t) => t === s || (t === last && s.startsWith(t)) || boundedDistance(s, t, typoBudget(t.length)) <= typoBudget(t.length),
      )
    })
}

/** Removes the highlight markers around words not typed (see `typedMatcher`). */
export function keepTypedMarks(value: unknown, typed: (word: string) => boolean): string {
  return String(value ?? '').replace(new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g'), (marked, word: string) =>
    typed(word) ? marked : word,
  )
}

export class MeilisearchTaskError extends Error {}

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const
  readonly client: Meilisearch
  readonly index: Index<MeiliDocument>

  constructor(readonly options: { url: string; apiKey?: string; indexUid: string; timeoutMs?: number }) {
    this.client = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.timeoutMs ?? 10_000 })
    this.index = this.client.index<MeiliDocument>(options.indexUid)
  }

  async init(settings: SearchSettings): Promise<void> {
    const exists = await this.retry(() => this.client.getRawIndex(this.options.indexUid)).then(
      () => true,
      (error) => {
        if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false
        throw error
      },
    )
    if (!exists) await this.wait(() => this.client.createIndex(this.options.indexUid, { primaryKey: 'key' }))
    await this.applySettings(settings)
  }

  async applySettings(settings: SearchSettings): Promise<void> {
    const wanted = indexSettings(settings.synonyms)
    const current = (await this.retry(() => this.index.getSettings())) as Record<string, unknown>
    if (settingsMatch(current, wanted)) return
    await this.wait(() => this.index.updateSettings(wanted))
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return
    await this.wait(() => this.index.addDocuments(documents.map(toMeiliDocument), { primaryKey: 'key' }))
  }

  async remove(keys: { kind: SearchKind; id: string }[]): Promise<void> {
    if (keys.length === 0) return
    await this.wait(() => this.index.deleteDocuments(keys.map(meiliKey)))
  }

  async deleteAllDocuments(): Promise<void> {
    await this.wait(() => this.index.deleteAllDocuments())
  }

  async listKeys(): Promise<string[]> {
    const keys: string[] = []
    for (let offset = 0; ; offset += 1000) {
      const page = await this.retry(() => this.index.getDocuments({ fields: ['kind', 'id'], limit: 1000, offset }))
      for (const d of page.results) keys.push(`${d.kind}:${d.id}`)
      if (page.results.length < 1000) return keys
    }
  }

  async health(): Promise<SearchHealth> {
    try {
      await this.client.health()
      const stats = await this.index.getStats()
      return { engine: 'meilisearch', ok: true, documents: stats.numberOfDocuments }
    } catch (error) {
      return { engine: 'meilisearch', ok: false, documents: 0, error: error instanceof Error ? error.message : String(error) }
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const { page, perPage, offset } = clampPaging(query)
    const now = (query.now ?? new Date()).getTime()
    const filters = query.filters ?? {}
    const facets = query.facets ?? []
    const q = query.query.slice(0, 500)
    const uid = this.options.indexUid
    const hidden = pendingFilter(query.pending, meiliKey)
    const filter = buildFilter(query.access, filters, now) + hidden
    const base: Omit<MultiSearchQuery, 'filter'> = {
      indexUid: uid,
      q,
      matchingStrategy: 'last',
      attributesToHighlight: ['title'],
      attributesToCrop: ['summary', 'body'],
      cropLength: 36,
      highlightPreTag: OPEN,
      highlightPostTag: CLOSE,
    }
    const sort = query.sort ?? 'relevance'
    const queries: MultiSearchQuery[] = []
    // Main page. "deadline": calls still open or upcoming by nearest deadline, then the rest (two windows).
    if (sort === 'deadline') {
      queries.push({ ...base, filter: `${filter} AND deadlineTs > ${now}`, sort: ['deadlineTs:asc'], offset, limit: perPage })
      queries.push({ ...base, filter: `${filter} AND NOT deadlineTs > ${now}`, sort: ['deadlineTs:desc'], offset: 0, limit: offset + perPage })
    } else {
      queries.push({ ...base, filter, sort: sort === 'newest' || !q.trim() ? ['publishedTs:desc'] : undefined, offset, limit: perPage })
    }
    // Disjunctive facets: each facet counted under every filter except its own.
    const facetQueries = new Map<FacetName, number>()
    for (const name of facets) {
      if (name === 'state') continue
      facetQueries.set(name, queries.length)
      queries.push({
        indexUid: uid,
        q,
        matchingStrategy: 'last',
        filter: buildFilter(query.access, filters, now, name) + hidden,
        facets: [FACET_ATTRIBUTES[name]],
        limit: 0,
      })
    }
    const stateQueries = new Map<string, number>()
    if (facets.includes('state')) {
      const withoutState = buildFilter(query.access, filters, now, 'state') + hidden
      for (const state of FUNDING_STATES) {
        stateQueries.set(state, queries.length)
        queries.push({ indexUid: uid, q, matchingStrategy: 'last', filter: `${withoutState} AND ${stateFilter(state, now)}`, limit: 0 })
      }
    }
    // Results keep Meilisearch's `last` strategy (documents holding fewer of the words come after); one more count
    // tells whether any document holds them all, for the « not all your words » notice.
    const allWordsQuery = significantWords(q) > 1 ? queries.length : -1
    if (allWordsQuery >= 0) queries.push({ indexUid: uid, q, matchingStrategy: 'all', filter, limit: 0 })
    const { results } = await this.retry(() => this.client.multiSearch({ queries }))
    const main = results[0]
    let rawHits = main.hits
    let total = main.estimatedTotalHits ?? main.totalHits ?? 0
    if (sort === 'deadline') {
      const second = results[1]
      const firstTotal = total
      total = firstTotal + (second.estimatedTotalHits ?? 0)
      const fromSecond = Math.max(0, offset + perPage - Math.max(firstTotal, offset))
      const secondOffset = Math.max(0, offset - firstTotal)
      rawHits = [...main.hits, ...second.hits.slice(secondOffset, secondOffset + fromSecond)].slice(0, perPage)
    }
    const facetCounts: SearchResult['facets'] = {}
    for (const [name, index] of facetQueries) {
      const distribution = results[index].facetDistribution?.[FACET_ATTRIBUTES[name as Exclude<FacetName, 'state'>]] ?? {}
      facetCounts[name] = { ...distribution }
    }
    if (stateQueries.size > 0) {
      const counts: Record<string, number> = {}
      for (const [state, index] of stateQueries) {
        const n = results[index].estimatedTotalHits ?? 0
        if (n > 0) counts[state] = n
      }
      facetCounts.state = counts
    }
    const typed = typedMatcher(q)
    const hits: SearchHit[] = rawHits.map((hit) => {
      const document = fromMeiliDocument(hit)
      const formatted = (hit._formatted ?? {}) as Record<string, unknown>
      const summary = keepTypedMarks(formatted.summary, typed)
      const body = keepTypedMarks(formatted.body, typed)
      const excerpt = summary.includes(OPEN) || !body.includes(OPEN) ? summary : body
      return {
        document,
        state: fundingState(document, new Date(now)),
        highlight: { title: markersToHtml(keepTypedMarks(formatted.title ?? document.title, typed)), excerpt: markersToHtml(excerpt) },
      }
    })
    const partialMatch = allWordsQuery >= 0 && total > 0 && (results[allWordsQuery].estimatedTotalHits ?? 0) === 0
    return { query: query.query, total, page, perPage, hits, facets: facetCounts, suggestion: null, partialMatch }
  }

  /** Enqueue a task, wait for it, and throw when it did not succeed (a failed task is never silently ignored). */
  private async wait(enqueue: () => { waitTask: (options?: { timeout?: number }) => Promise<Task> }): Promise<Task> {
    const task = await this.retry(() => enqueue().waitTask({ timeout: 60_000 }))
    if (task.status !== 'succeeded') {
      throw new MeilisearchTaskError(
        `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no error message'}`,
      )
    }
    return task
  }

  /** Network errors (server restarting, timeouts) are retried three times with backoff; API errors are not. */
  private async retry<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await operation()
      } catch (error) {
        if (!(error instanceof MeilisearchRequestError) || attempt >= 3) throw error
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt))
      }
    }
  }
}
