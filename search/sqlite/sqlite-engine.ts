import type SQLite from 'better-sqlite3'
import { analyze, boundedDistance, excerpt, firstMatch, highlight, stem, tokenize } from '../analysis.ts'
import {
  type FacetName,
  type FundingState,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchHealth,
  type SearchHit,
  type SearchKind,
  type SearchQuery,
  type SearchResult,
  type SearchSettings,
  type SearchAccess,
  clampPaging,
  documentKey,
} from '../engine.ts'
import { CHANGES_KEPT, type Dictionary, DocumentAttributes, STATE_VALUES, VISIBILITY_CODES, parseRowids } from './attributes.ts'
import { RowidCache } from './rowid-cache.ts'
import { type ParsedQuery, type SynonymIndex, type Vocabulary, buildSynonymIndex, letterSet, parseQuery } from './query.ts'

/** Query words counted for ranking (each costs a few FTS5 lookups); further words still have to match. */
const SCORED_TERMS = 6
/** Fields a word may be found in, from the least to the best (code stored per document while ranking). */
const COLUMN_WEIGHTS: readonly (readonly [column: string, code: number])[] = [
  ['extra', 2],
  ['summary', 3],
  ['title', 4],
]
/** Weight of a word found in: nothing (OR fallback), the body, extra fields, the summary, the title. */
const WEIGHT_OF = [0, 1, 2, 4, 10]
/** Closed calls are still found, a little lower than open ones of the same relevance. */
const CLOSED_FACTOR = 0.8
/** The vocabulary (for typo tolerance) is reloaded at most this often after the index changed. */
const VOCABULARY_TTL_MS = 5_000
/** Memory for FTS5 answers kept between index changes (./rowid-cache.ts): about 8 million rowids. */
const ROWID_CACHE_BYTES = 32 * 1024 * 1024
const NONE = new Int32Array(0)
const ONE = Int32Array.of(1)

const FILTER_KEYS: readonly Exclude<keyof SearchFilters, 'validated'>[] = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state']
/** Values of the `validated` facet by code (`DocumentAttributes.validated`). */
const VALIDATED_VALUES = ['false', 'true'] as const

/**
 * The embedded engine: FTS5 in the application's SQLite database (tables from the 20261125T220000 migration).
 * FTS5 finds the matching rowids; the viewer's rights, filters, disjunctive facet counts and ranking keys are then
 * computed over all of them in one pass on in-memory attribute arrays (./attributes.ts), before anything is counted
 * or paged, so nothing the viewer may not see reaches totals, facets, hits or suggestions.
 */
export class SqliteSearchEngine implements SearchEngine {
  readonly name = 'sqlite' as const
  #synonyms: SynonymIndex = new Map()
  #vocabulary: Map<number, { term: string; docs: number; letters: number }[]> | null = null
  #vocabularyLoadedAt = 0
  #dirty = true
  #attributes: DocumentAttributes | null = null
  readonly #rowidCache = new RowidCache(ROWID_CACHE_BYTES)
  readonly #statements: ReturnType<SqliteSearchEngine['prepare']>

  readonly #exclusive: <T>(fn: () => T) => Promise<T>

  /**
   * @param exclusive runs index writes while no other query uses the connection (the app passes Kysely's connection
   *   lock, so an index write never lands inside a request's open transaction on the same handle).
   */
  constructor(
    readonly sqlite: SQLite.Database,
    options: { exclusive?: <T>(fn: () => T) => Promise<T> } = {},
  ) {
    this.#statements = this.prepare()
    this.#exclusive = options.exclusive ?? (async (fn) => fn())
  }

  private prepare() {
    const s = this.sqlite
    return {
      findKey: s.prepare('select id from search_documents where doc_key = ?').pluck(),
      insertDocument: s.prepare(`insert into search_documents
        (doc_key, kind, type, territory, programme, legal_forms, themes, opening_date, deadline, visibility, group_ids, published_at,
        validated)
        values (@key, @kind, @type, @territory, @programme, @legalForms, @themes, @openingDate, @deadline, @visibility, @groupIds,
        @publishedAt, @validated)`),
      updateDocument: s.prepare(`update search_documents set kind = @kind, type = @type, territory = @territory,
        programme = @programme, legal_forms = @legalForms, themes = @themes, opening_date = @openingDate, deadline = @deadline,
        visibility = @visibility, group_ids = @groupIds, published_at = @publishedAt, validated = @validated where id = @id`),
      // Removed with its row by the delete trigger of search_documents (migration 20261126T020000).
      savePayload: s.prepare('insert or replace into search_payloads (id, document) values (?, ?)'),
      deleteDocument: s.prepare('delete from search_documents where id = ?'),
      insertFts: s.prepare('insert into search_fts (rowid, title, summary, body, extra) values (?, ?, ?, ?, ?)'),
      deleteFts: s.prepare('delete from search_fts where rowid = ?'),
      insertFields: s.prepare('insert into search_fields_fts (rowid, title, summary, extra) values (?, ?, ?, ?)'),
      deleteFields: s.prepare('delete from search_fields_fts where rowid = ?'),
      // Keeps the newest CHANGES_KEPT entries of the change log read by DocumentAttributes.sync().
      pruneChanges: s.prepare(`delete from search_changes where seq <= (select max(seq) from search_changes) - ${CHANGES_KEPT}`),
      rowids: s.prepare('select group_concat(rowid) from search_fts where search_fts match ?').pluck(),
      fieldRowids: s.prepare('select group_concat(rowid) from search_fields_fts where search_fields_fts match ?').pluck(),
      exists: s.prepare('select 1 from search_fts where search_fts match ? limit 1').pluck(),
      documents: s.prepare('select id, document from search_payloads where id in (select value from json_each(?))'),
      keys: s.prepare('select doc_key from search_documents').pluck(),
      count: s.prepare('select count(*) from search_documents').pluck(),
      vocabulary: s.prepare('select term, doc from search_fts_vocab'),
    }
  }

  async init(settings: SearchSettings): Promise<void> {
    const exists = this.sqlite.prepare("select 1 from sqlite_master where name = 'search_fts'").get()
    if (!exists) throw new Error('search tables are missing: run the database migrations (npm run db:migrate)')
    await this.applySettings(settings)
  }

  async applySettings(settings: SearchSettings): Promise<void> {
    this.#synonyms = buildSynonymIndex(settings.synonyms)
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return
    const st = this.#statements
    const write = this.sqlite.transaction(() => {
      for (const document of documents) {
        const key = documentKey(document)
        const values = {
          key,
          kind: document.kind,
          type: document.type,
          territory: document.territory,
          programme: document.programme,
          legalForms: JSON.stringify(document.legalForms),
          themes: JSON.stringify(document.themes),
          openingDate: document.openingDate,
          deadline: document.deadline,
          visibility: document.visibility,
          groupIds: JSON.stringify(document.groupIds),
          publishedAt: document.publishedAt,
          validated: document.validated === true ? 1 : 0,
        }
        let id = st.findKey.get(key) as number | undefined
        if (id === undefined) {
          id = Number(st.insertDocument.run(values).lastInsertRowid)
        } else {
          st.deleteFts.run(id)
          st.deleteFields.run(id)
          st.updateDocument.run({ ...values, id })
        }
        st.savePayload.run(id, JSON.stringify(document))
        const extra = [
          document.themes.join(' '),
          document.programme,
          document.territory,
          document.legalForms.join(' '),
          document.structureName,
        ].filter(Boolean)
        const title = analyze(document.title).join(' ')
        const summary = analyze(document.summary).join(' ')
        const extraText = analyze(extra.join(' ')).join(' ')
        st.insertFts.run(id, title, summary, analyze(document.body).join(' '), extraText)
        st.insertFields.run(id, title, summary, extraText)
      }
      st.pruneChanges.run()
    })
    await this.#exclusive(() => write.immediate())
    this.#dirty = true
  }

  async remove(keys: { kind: SearchKind; id: string }[]): Promise<void> {
    const st = this.#statements
    const write = this.sqlite.transaction(() => {
      for (const key of keys) {
        const id = st.findKey.get(documentKey(key)) as number | undefined
        if (id === undefined) continue
        // The delete trigger (migration 20261126T020000) removes its payload and FTS entries.
        st.deleteDocument.run(id)
      }
      st.pruneChanges.run()
    })
    await this.#exclusive(() => write.immediate())
    this.#dirty = true
  }

  /** Merges the FTS index segments (after a full reindex): fewer, larger segments answer faster. */
  async optimize(): Promise<void> {
    await this.#exclusive(() => {
      this.sqlite.prepare("insert into search_fts(search_fts) values ('optimize')").run()
      this.sqlite.prepare("insert into search_fields_fts(search_fields_fts) values ('optimize')").run()
    })
    this.#dirty = true
  }

  /** Loads the attribute arrays and the vocabulary now rather than on the first query. */
  async warm(): Promise<void> {
    this.attributes().sync()
    this.loadVocabulary()
  }

  async listKeys(): Promise<string[]> {
    return this.#statements.keys.all() as string[]
  }

  async health(): Promise<SearchHealth> {
    try {
      return { engine: 'sqlite', ok: true, documents: this.#statements.count.get() as number }
    } catch (error) {
      return { engine: 'sqlite', ok: false, documents: 0, error: error instanceof Error ? error.message : String(error) }
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.searchSync(query)
  }

  /**
   * The same search without any permission filter: a baseline for the benchmark's filtered ÷ unfiltered ratio.
   * Never called by the application (routes go through search/search.server.ts, which always passes a viewer).
   */
  searchUnrestrictedForBenchmark(query: SearchQuery): SearchResult {
    return this.searchSync(query, true)
  }

  /** Empties the FTS5 answers kept in memory, as a write does: the benchmark's « first query after a write » figure. */
  clearCacheForBenchmark(): void {
    this.#rowidCache.clear()
  }

  searchSync(query: SearchQuery, unrestricted = false): SearchResult {
    const attributes = this.attributes()
    attributes.sync()
    const { page, perPage, offset } = clampPaging(query)
    const now = (query.now ?? new Date()).getTime()
    const permitted = unrestricted
      ? (id: number) => id < attributes.capacity && attributes.present[id] === 1
      : this.permission(query.access, query.pending)
    const parsed = this.parse(query.query)
    let mode: 'and' | 'or' = 'and'
    let ids: Int32Array
    let suggestionFrom: ParsedQuery | null = null
    const and = parsed.expression('and')
    if (and === null) {
      ids = this.everything(permitted)
    } else {
      ids = this.matching(and, permitted)
      if (ids.length === 0 && parsed.terms.length > 1) {
        mode = 'or'
        ids = this.matching(parsed.expression('or')!, permitted)
      }
      if (ids.length === 0) {
        // Nothing, even with the usual typo budget: look further for a spelling suggestion (verified to find
        // something this viewer may see, so a suggestion never reveals a word of a hidden document).
        const wider = this.parse(query.query, 1)
        const widerExpression = wider.expression('and')
        if (widerExpression && wider.terms.some((t) => t.corrections.length > 0)) {
          const found = this.matching(widerExpression, permitted)
          if (found.length > 0) {
            const best = this.page(found, this.relevanceKeys(found, wider, 'and', now), 0, 1)
            const suggestion = this.suggestion(query.query, wider, this.loadDocuments(best))
            return { query: query.query, total: 0, page, perPage, hits: [], facets: emptyFacets(query.facets), suggestion, partialMatch: false }
          }
        }
      } else if (parsed.terms.some((t) => t.corrections.length > 0)) {
        suggestionFrom = parsed
      }
    }

    const { kept, facets } = this.filterAndCount(ids, query, now)
    const sort = query.sort ?? 'relevance'
    const keys =
      sort === 'newest' || and === null
        ? this.newestKeys(kept)
        : sort === 'deadline'
          ? this.deadlineKeys(kept, now)
          : this.relevanceKeys(kept, parsed, mode, now)
    const pageIds = this.page(kept, keys, offset, perPage)
    const documents = this.loadDocuments(pageIds)
    const hits: SearchHit[] = []
    for (const id of pageIds) {
      const document = documents.get(id)
      // Removed by another process since the ids were read: the next query will not count it either.
      if (!document) continue
      hits.push({
        document,
        state: STATE_VALUES[attributes.state(id, now)],
        highlight: highlightDocument(document, parsed),
      })
    }
    return {
      query: query.query,
      total: kept.length,
      page,
      perPage,
      hits,
      facets,
      suggestion: suggestionFrom ? this.suggestion(query.query, suggestionFrom, documents) : null,
      partialMatch: mode === 'or' && kept.length > 0,
    }
  }

  /** The attribute arrays (created on first use: the tables exist once `init` has checked them). */
  private attributes(): DocumentAttributes {
    this.#attributes ??= new DocumentAttributes(this.sqlite)
    return this.#attributes
  }

  /**
   * The viewer's rights as a predicate on rowids: public, members-only for members, group for its members; and for
   * documents whose update is pending, what the database says (`SearchQuery.pending`), so facets never count a
   * document the hits' re-check would drop.
   */
  private permission(access: SearchAccess, pending: SearchQuery['pending'] = []): (id: number) => boolean {
    const allowed = this.visibleTo(access)
    if (pending.length === 0) return allowed
    const a = this.attributes()
    // rowid → visibility code the index entry must have (-1: none will do).
    const expected = new Map<number, number>()
    for (const entry of pending) {
      const id = this.#statements.findKey.get(documentKey(entry)) as number | undefined
      if (id !== undefined) expected.set(id, entry.visibility === null ? -1 : VISIBILITY_CODES[entry.visibility])
    }
    if (expected.size === 0) return allowed
    return (id) => {
      const code = expected.get(id)
      return (code === undefined || code === a.visibility[id]) && allowed(id)
    }
  }

  /** What the index says this viewer may see. */
  private visibleTo(access: SearchAccess): (id: number) => boolean {
    const a = this.attributes()
    const publicDocs = access.visibilities.includes('public')
    const member = access.visibilities.includes('members')
    const anyGroup = access.visibilities.includes('group') && access.allGroups === true
    const groups = access.visibilities.includes('group') && access.groupIds.length > 0 ? new Set(access.groupIds) : null
    const own = new Set<number>()
    for (const document of access.documents ?? []) {
      const id = this.#statements.findKey.get(documentKey(document)) as number | undefined
      if (id !== undefined) own.add(id)
    }
    const { public: PUBLIC, members: MEMBERS } = VISIBILITY_CODES
    return (id) => {
      if (id >= a.capacity || a.present[id] !== 1) return false
      if (own.has(id)) return true
      const visibility = a.visibility[id]
      if (visibility === PUBLIC) return publicDocs
      if (visibility === MEMBERS) return member
      if (anyGroup) return true
      if (groups === null) return false
      const documentGroups = a.groups[id]
      return documentGroups?.some((g) => groups.has(g)) === true
    }
  }

  /**
   * Rowids matching an FTS5 expression (in rowid order, read as one string: no row objects), from the cache while the
   * index has not changed since (the attributes were synced by the query: their version is the index's). Read-only.
   */
  private rowids(expression: string): Int32Array {
    return this.#rowidCache.get(this.attributes().version, `a${expression}`, () =>
      parseRowids(this.#statements.rowids.get(expression) as string | null),
    )
  }

  /** Rowids whose short fields match (the small table without bodies; column filters there read far less). Read-only. */
  private fieldRowids(expression: string): Int32Array {
    return this.#rowidCache.get(this.attributes().version, `f${expression}`, () =>
      parseRowids(this.#statements.fieldRowids.get(expression) as string | null),
    )
  }

  /** Whether anything matches (typo tolerance checks its candidate words), remembered like the rowids. */
  private exists(expression: string): boolean {
    const found = this.#rowidCache.get(this.attributes().version, `e${expression}`, () =>
      this.#statements.exists.get(expression) === undefined ? NONE : ONE,
    )
    return found.length > 0
  }

  private matching(expression: string, permitted: (id: number) => boolean): Int32Array {
    const all = this.rowids(expression)
    const out = new Int32Array(all.length)
    let n = 0
    for (let i = 0; i < all.length; i++) if (permitted(all[i])) out[n++] = all[i]
    return out.subarray(0, n)
  }

  private everything(permitted: (id: number) => boolean): Int32Array {
    const a = this.attributes()
    const out = new Int32Array(a.count)
    let n = 0
    for (let id = 0; id < a.capacity && n < out.length; id++) if (permitted(id)) out[n++] = id
    return out.subarray(0, n)
  }

  /**
   * Keeps the documents passing every filter, and counts facet values in the same pass. Facets are disjunctive: a
   * facet's counts ignore its own filter (a document failing only that filter still counts there), so choices
   * combine.
   */
  private filterAndCount(ids: Int32Array, query: SearchQuery, now: number) {
    const a = this.attributes()
    const single: Partial<Record<FacetName, Uint16Array>> = {
      kind: a.kind,
      type: a.type,
      territory: a.territory,
      programme: a.programme,
    }
    const multi: Partial<Record<FacetName, Uint16Array[]>> = { theme: a.themes, legalForm: a.legalForms }
    const dictionaries: Record<Exclude<FacetName, 'state' | 'validated'>, Dictionary> = {
      kind: a.kinds,
      type: a.types,
      territory: a.territories,
      programme: a.programmes,
      theme: a.themeValues,
      legalForm: a.legalFormValues,
    }
    // Facets computed per document rather than read from a dictionary: the funding state (at `now`) and validation.
    const valueCount = (name: FacetName) =>
      name === 'state' ? STATE_VALUES.length : name === 'validated' ? VALIDATED_VALUES.length : dictionaries[name].size
    const labelOf = (name: FacetName, code: number) =>
      name === 'state' ? STATE_VALUES[code] : name === 'validated' ? VALIDATED_VALUES[code] : dictionaries[name].values[code]

    const filters = query.filters ?? {}
    const active: { name: FacetName; accepted: Uint8Array }[] = []
    for (const name of FILTER_KEYS) {
      const values = filters[name] as string[] | undefined
      if (!values?.length) continue
      const accepted = new Uint8Array(valueCount(name))
      for (const value of values) {
        const code = name === 'state' ? STATE_VALUES.indexOf(value as FundingState) : dictionaries[name].find(value)
        if (code > 0 || (name === 'state' && code >= 0)) accepted[code] = 1
      }
      active.push({ name, accepted })
    }
    if (filters.validated === true) active.push({ name: 'validated', accepted: Uint8Array.of(0, 1) })
    const wanted = [...new Set(query.facets ?? [])].map((name) => ({ name, counts: new Int32Array(valueCount(name)) }))

    const passes = (name: FacetName, id: number, state: number, accepted: Uint8Array) => {
      if (name === 'state') return accepted[state] === 1
      if (name === 'validated') return accepted[a.validated[id]] === 1
      const many = multi[name]
      if (many) {
        for (const code of many[id]) if (accepted[code] === 1) return true
        return false
      }
      const code = single[name]![id]
      return code !== 0 && accepted[code] === 1
    }
    const count = (name: FacetName, id: number, state: number, counts: Int32Array) => {
      if (name === 'state') counts[state]++
      else if (name === 'validated') counts[a.validated[id]]++
      else {
        const many = multi[name]
        if (many) for (const code of many[id]) counts[code]++
        else {
          const code = single[name]![id]
          if (code !== 0) counts[code]++
        }
      }
    }

    const kept = new Int32Array(ids.length)
    let n = 0
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]
      const state = a.state(id, now)
      let failed: FacetName | null = null
      let failures = 0
      for (const filter of active) {
        if (!passes(filter.name, id, state, filter.accepted)) {
          failed = filter.name
          if (++failures > 1) break
        }
      }
      if (failures > 1) continue
      for (const facet of wanted) if (failures === 0 || failed === facet.name) count(facet.name, id, state, facet.counts)
      if (failures === 0) kept[n++] = id
    }

    const facets: Partial<Record<FacetName, Record<string, number>>> = {}
    for (const { name, counts } of wanted) {
      const out: Record<string, number> = {}
      for (let code = 0; code < counts.length; code++) if (counts[code] > 0) out[labelOf(name, code)] = counts[code]
      facets[name] = out
    }
    return { kept: kept.subarray(0, n), facets }
  }

  private newestKeys(ids: Int32Array): Float64Array {
    const published = this.attributes().published
    const keys = new Float64Array(ids.length)
    for (let i = 0; i < ids.length; i++) keys[i] = published[ids[i]]
    return keys
  }

  /** Open and upcoming calls first, soonest deadline first; then calls without deadline, other resources, closed. */
  private deadlineKeys(ids: Int32Array, now: number): Float64Array {
    const a = this.attributes()
    const keys = new Float64Array(ids.length)
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]
      const state = a.state(id, now)
      const deadline = a.deadline[id]
      const rank = state === 0 || state === 1 ? (deadline ? 0 : 1) : state === 3 ? 2 : 3
      // Deadlines are instants in milliseconds (below 1e13 until the year 2286).
      keys[i] = (3 - rank) * 1e13 + (rank === 3 ? deadline : 1e13 - 1 - deadline)
    }
    return keys
  }

  /**
   * Relevance as Meilisearch ranks by attribute: for each query word, the best field it appears in (title ≫ summary
   * > themes, programme, territory, legal forms and structure > body), summed over the words found; closed calls a
   * little lower; the newest first among equals. Each field's matches come from FTS5 column filters.
   */
  private relevanceKeys(ids: Int32Array, parsed: ParsedQuery, mode: 'and' | 'or', now: number): Float64Array {
    const a = this.attributes()
    const score = new Float64Array(ids.length)
    const best = new Uint8Array(a.capacity)
    const mark = (list: Int32Array, code: number) => {
      for (let i = 0; i < list.length; i++) {
        const id = list[i]
        if (id < best.length && best[id] < code) best[id] = code
      }
    }
    for (const term of parsed.terms.slice(0, SCORED_TERMS)) {
      best.fill(mode === 'and' ? 1 : 0)
      if (mode === 'or') mark(this.rowids(term.expression), 1)
      for (const [column, code] of COLUMN_WEIGHTS) mark(this.fieldRowids(`{${column}} : (${term.expression})`), code)
      for (let i = 0; i < ids.length; i++) score[i] += WEIGHT_OF[best[ids[i]]]
    }
    const keys = new Float64Array(ids.length)
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]
      const relevance = a.state(id, now) === 2 ? score[i] * CLOSED_FACTOR : score[i]
      keys[i] = Math.round(relevance * 10) * 1e13 + a.published[id]
    }
    return keys
  }

  /** The ids of one page, by descending key, then newest, then rowid; only what can reach the page is sorted. */
  private page(ids: Int32Array, keys: Float64Array, offset: number, limit: number): number[] {
    const n = ids.length
    const needed = Math.min(n, offset + limit)
    if (needed <= offset) return []
    const published = this.attributes().published
    const before = (x: number, y: number) =>
      keys[x] > keys[y] || (keys[x] === keys[y] && (published[ids[x]] > published[ids[y]] || (published[ids[x]] === published[ids[y]] && ids[x] < ids[y])))
    let order: number[]
    if (needed === n) order = Array.from({ length: n }, (_, i) => i)
    else order = topPositions(n, needed, before)
    order.sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0))
    return order.slice(offset, needed).map((i) => ids[i])
  }

  private parse(text: string, extraTypos = 0): ParsedQuery {
    return parseQuery(text, {
      synonyms: this.#synonyms,
      vocabulary: this.vocabulary(),
      exists: (expression) => this.exists(expression),
      extraTypos,
    })
  }

  private vocabulary(): Vocabulary {
    const engine = this
    return {
      near(length) {
        return engine.loadVocabulary().get(length) ?? []
      },
    }
  }

  private loadVocabulary() {
    const now = Date.now()
    if (!this.#vocabulary || (this.#dirty && now - this.#vocabularyLoadedAt > VOCABULARY_TTL_MS)) {
      const byLength = new Map<number, { term: string; docs: number; letters: number }[]>()
      for (const { term, doc } of this.#statements.vocabulary.iterate() as Iterable<{ term: string; doc: number }>) {
        if (/^\d/.test(term)) continue
        const list = byLength.get(term.length) ?? []
        list.push({ term, docs: doc, letters: letterSet(term) })
        byLength.set(term.length, list)
      }
      this.#vocabulary = byLength
      this.#vocabularyLoadedAt = now
      this.#dirty = false
    }
    return this.#vocabulary
  }

  /** Forget the cached vocabulary (tests, after a bulk load). */
  refreshVocabulary() {
    this.#vocabulary = null
  }

  private loadDocuments(ids: number[]): Map<number, SearchDocument> {
    const map = new Map<number, SearchDocument>()
    if (ids.length === 0) return map
    for (const row of this.#statements.documents.all(JSON.stringify(ids)) as { id: number; document: string }[]) {
      map.set(row.id, JSON.parse(row.document))
    }
    return map
  }

  /**
   * The typed query with each corrected word replaced by the word of a visible hit it was corrected to, and every
   * other word written as typed, or with the accents a visible hit gives it (« europeen » → « européen »).
   */
  private suggestion(typed: string, parsed: ParsedQuery, documents: Map<number, SearchDocument>): string | null {
    // Words of the visible hits by stem (each with its folded form), and the accented forms of folded words.
    const byStem = new Map<string, Map<string, string>>()
    const accented = new Map<string, string>()
    for (const document of documents.values()) {
      for (const word of `${document.title} ${document.summary} ${document.body}`.match(/[\p{L}\p{N}]+/gu) ?? []) {
        const lower = word.toLowerCase()
        const folded = tokenize(word)
        if (folded.length !== 1) continue
        const stemmed = stem(folded[0])
        const forms = byStem.get(stemmed) ?? new Map<string, string>()
        if (!forms.has(folded[0])) forms.set(folded[0], lower)
        byStem.set(stemmed, forms)
        if (folded[0] !== lower && !accented.has(folded[0])) accented.set(folded[0], lower)
      }
    }
    // The form of a hit's word closest to what was typed (« asociation » → « association », not « associations »).
    const closest = (typedWord: string, forms: Map<string, string>) => {
      let best = ''
      let bestDistance = Number.POSITIVE_INFINITY
      for (const [folded, written] of forms) {
        const distance = boundedDistance(typedWord, folded, 6)
        if (distance < bestDistance) {
          best = written
          bestDistance = distance
        }
      }
      return best
    }
    // What was typed, word by word (folded form → the form typed, accents kept).
    const original = new Map<string, string>()
    for (const word of typed.match(/[\p{L}\p{N}]+/gu) ?? []) {
      const folded = tokenize(word)
      if (folded.length === 1 && !original.has(folded[0])) original.set(folded[0], word.toLowerCase())
    }
    const written = (folded: string) => accented.get(folded) ?? original.get(folded) ?? folded
    let changed = false
    const out = parsed.terms.map((term) => {
      const asTyped = term.typed.split(' ').map(written).join(' ')
      if (term.corrections.length === 0) return asTyped
      const found = term.corrections.find((c) => byStem.has(c))
      if (!found) return asTyped
      changed = true
      return closest(term.typed, byStem.get(found)!)
    })
    return changed ? out.join(' ') : null
  }
}

/**
 * Positions of the `k` first of `n` items by `before` (unordered): a bounded heap whose root is the worst kept item,
 * n·log k comparisons instead of sorting everything.
 */
export function topPositions(n: number, k: number, before: (x: number, y: number) => boolean): number[] {
  const heap: number[] = []
  const worse = (x: number, y: number) => before(y, x)
  const down = (start: number) => {
    let i = start
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let worst = i
      if (left < heap.length && worse(heap[left], heap[worst])) worst = left
      if (right < heap.length && worse(heap[right], heap[worst])) worst = right
      if (worst === i) return
      ;[heap[i], heap[worst]] = [heap[worst], heap[i]]
      i = worst
    }
  }
  for (let p = 0; p < n; p++) {
    if (heap.length < k) {
      heap.push(p)
      let i = heap.length - 1
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!worse(heap[i], heap[parent])) break
        ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
        i = parent
      }
    } else if (before(p, heap[0])) {
      heap[0] = p
      down(0)
    }
  }
  return heap
}

function emptyFacets(names: readonly FacetName[] | undefined) {
  return Object.fromEntries((names ?? []).map((n) => [n, {}])) as Partial<Record<FacetName, Record<string, number>>>
}

export function highlightDocument(document: SearchDocument, parsed: { matches(stemmed: string): boolean }) {
  const matches = (s: string) => parsed.matches(s)
  // The excerpt comes from the summary, or from the body when only the body matches.
  const fromBody = firstMatch(document.summary, matches) < 0 && firstMatch(document.body, matches) >= 0
  return {
    title: highlight(document.title, matches).html,
    excerpt: excerpt(fromBody ? document.body : document.summary, matches),
  }
}
