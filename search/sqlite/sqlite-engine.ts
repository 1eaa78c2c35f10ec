import type SQLite from 'better-sqlite3'
import { analyze, excerpt, firstMatch, highlight } from '../analysis.ts'
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
  clampPaging,
  documentKey,
  fundingState,
  parisDay,
} from '../engine.ts'
import { type ParsedQuery, type SynonymIndex, type Vocabulary, buildSynonymIndex, parseQuery } from './query.ts'

/** Column weights of bm25: title ≫ summary > extra (themes, programme, territory, structure) > body. */
const BM25 = 'bm25(search_fts, 10.0, 4.0, 1.0, 2.0)'
/** Closed calls are still found, a little lower than open ones of the same relevance. */
const CLOSED_FACTOR = 0.8
/** The vocabulary (for typo tolerance) is reloaded at most this often after the index changed. */
const VOCABULARY_TTL_MS = 5_000

type Row = {
  id: number
  kind: SearchKind
  type: string
  territory: string | null
  programme: string | null
  legalForms: string
  themes: string
  openingDate: string | null
  deadline: string | null
  publishedAt: string
  score: number
}

const FILTER_KEYS: readonly (keyof SearchFilters)[] = ['kind', 'type', 'territory', 'theme', 'programme', 'legalForm', 'state']

/**
 * The embedded engine: FTS5 in the application's SQLite database (tables from the 20261125T220000 migration).
 * Permissions are part of the SQL (visibility and group ids in the WHERE clause); filters, disjunctive facet counts and
 * sorting are then computed in one pass over the permitted matches.
 */
export class SqliteSearchEngine implements SearchEngine {
  readonly name = 'sqlite' as const
  #synonyms: SynonymIndex = new Map()
  #vocabulary: Map<number, { term: string; docs: number }[]> | null = null
  #vocabularyLoadedAt = 0
  #dirty = true
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
    const permission = `(d.visibility = 'public'
      or (@member = 1 and d.visibility = 'members')
      or (d.visibility = 'group' and @groups != '[]' and exists (
        select 1 from json_each(d.group_ids) g where g.value in (select value from json_each(@groups)))))`
    const columns = `d.id, d.kind, d.type, d.territory, d.programme, d.legal_forms as legalForms, d.themes,
      d.opening_date as openingDate, d.deadline, d.published_at as publishedAt`
    return {
      findKey: s.prepare('select id from search_documents where doc_key = ?').pluck(),
      insertDocument: s.prepare(`insert into search_documents
        (doc_key, kind, type, territory, programme, legal_forms, themes, opening_date, deadline, visibility, group_ids, published_at, document)
        values (@key, @kind, @type, @territory, @programme, @legalForms, @themes, @openingDate, @deadline, @visibility, @groupIds, @publishedAt, @document)`),
      updateDocument: s.prepare(`update search_documents set kind = @kind, type = @type, territory = @territory,
        programme = @programme, legal_forms = @legalForms, themes = @themes, opening_date = @openingDate, deadline = @deadline,
        visibility = @visibility, group_ids = @groupIds, published_at = @publishedAt, document = @document where id = @id`),
      deleteDocument: s.prepare('delete from search_documents where id = ?'),
      insertFts: s.prepare('insert into search_fts (rowid, title, summary, body, extra) values (?, ?, ?, ?, ?)'),
      deleteFts: s.prepare('delete from search_fts where rowid = ?'),
      matching: s.prepare(`select ${columns}, ${BM25} as score from search_fts cross join search_documents d on d.id = search_fts.rowid
        where search_fts match @match and ${permission}`),
      browsing: s.prepare(`select ${columns}, 0 as score from search_documents d where ${permission}`),
      // Benchmark baseline only (bench/search.ts: cost of the permission filter); the application never uses these.
      matchingUnrestricted: s.prepare(`select ${columns}, ${BM25} as score from search_fts cross join search_documents d on d.id = search_fts.rowid
        where search_fts match @match and @member >= 0 and @groups is not null`),
      browsingUnrestricted: s.prepare(`select ${columns}, 0 as score from search_documents d where @member >= 0 and @groups is not null`),
      exists: s.prepare('select 1 from search_fts where search_fts match ? limit 1').pluck(),
      documents: s.prepare('select id, document from search_documents where id in (select value from json_each(?))'),
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
          document: JSON.stringify(document),
        }
        let id = st.findKey.get(key) as number | undefined
        if (id === undefined) {
          id = Number(st.insertDocument.run(values).lastInsertRowid)
        } else {
          st.deleteFts.run(id)
          st.updateDocument.run({ ...values, id })
        }
        const extra = [
          document.themes.join(' '),
          document.programme,
          document.territory,
          document.legalForms.join(' '),
          document.structureName,
        ].filter(Boolean)
        st.insertFts.run(
          id,
          analyze(document.title).join(' '),
          analyze(document.summary).join(' '),
          analyze(document.body).join(' '),
          analyze(extra.join(' ')).join(' '),
        )
      }
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
        st.deleteFts.run(id)
        st.deleteDocument.run(id)
      }
    })
    await this.#exclusive(() => write.immediate())
    this.#dirty = true
  }

  /** Merges the FTS index segments (after a full reindex): fewer, larger segments answer faster. */
  async optimize(): Promise<void> {
    await this.#exclusive(() => this.sqlite.prepare("insert into search_fts(search_fts) values ('optimize')").run())
    this.#dirty = true
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

  searchSync(query: SearchQuery, unrestricted = false): SearchResult {
    const st = unrestricted
      ? { ...this.#statements, matching: this.#statements.matchingUnrestricted, browsing: this.#statements.browsingUnrestricted }
      : this.#statements
    const { page, perPage, offset } = clampPaging(query)
    const today = parisDay(query.now ?? new Date())
    const viewer = query.viewer
    const permission = {
      member: viewer.role === 'anonymous' ? 0 : 1,
      groups: JSON.stringify(viewer.role === 'anonymous' ? [] : viewer.groupIds),
    }
    const parsed = this.parse(query.query)
    let rows: Row[]
    let suggestionFrom: ParsedQuery | null = null
    const and = parsed.expression('and')
    if (and === null) {
      rows = st.browsing.all(permission) as Row[]
    } else {
      rows = st.matching.all({ ...permission, match: and }) as Row[]
      if (rows.length === 0 && parsed.terms.length > 1) {
        rows = st.matching.all({ ...permission, match: parsed.expression('or') }) as Row[]
      }
      if (rows.length === 0) {
        // Nothing, even with the usual typo budget: look further for a spelling suggestion (verified to find
        // something this viewer may see, so a suggestion never reveals a word of a hidden document).
        const wider = this.parse(query.query, 1)
        const widerExpression = wider.expression('and')
        if (widerExpression && wider.terms.some((t) => t.corrections.length > 0)) {
          const found = st.matching.all({ ...permission, match: widerExpression }) as Row[]
          if (found.length > 0) {
            suggestionFrom = wider
            const best = found.sort((a, b) => a.score - b.score).slice(0, 1)
            const suggestion = this.suggestion(wider, this.loadDocuments(best.map((r) => r.id)))
            return { query: query.query, total: 0, page, perPage, hits: [], facets: emptyFacets(query.facets), suggestion }
          }
        }
      } else if (parsed.terms.some((t) => t.corrections.length > 0)) {
        suggestionFrom = parsed
      }
    }

    const filters = query.filters ?? {}
    const active = FILTER_KEYS.filter((k) => (filters[k]?.length ?? 0) > 0)
    const wanted = new Set<FacetName>(query.facets ?? [])
    const facets: Partial<Record<FacetName, Record<string, number>>> = {}
    for (const name of wanted) facets[name] = {}
    const kept: (Row & { state: FundingState })[] = []
    for (const row of rows) {
      const themes = JSON.parse(row.themes) as string[]
      const state = fundingState(row, today)
      const values: Record<FacetName, string[]> = {
        kind: [row.kind],
        type: [row.type],
        territory: row.territory ? [row.territory] : [],
        theme: themes,
        programme: row.programme ? [row.programme] : [],
        legalForm: JSON.parse(row.legalForms) as string[],
        state: [state],
      }
      let failed: FacetName | null = null
      let failures = 0
      for (const key of active) {
        const accepted = filters[key] as string[]
        if (!values[key].some((v) => accepted.includes(v))) {
          failures++
          failed = key
          if (failures > 1) break
        }
      }
      if (failures > 1) continue
      for (const name of wanted) {
        if (failures === 1 && failed !== name) continue
        const counts = facets[name]!
        for (const v of values[name]) counts[v] = (counts[v] ?? 0) + 1
      }
      if (failures === 0) {
        if (state === 'closed') row.score *= CLOSED_FACTOR
        kept.push(Object.assign(row, { state }))
      }
    }

    const sort = query.sort ?? 'relevance'
    const newest = (a: Row, b: Row) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0)
    if (sort === 'newest' || and === null) kept.sort(newest)
    else if (sort === 'deadline') {
      const rank = (r: Row & { state: FundingState }) =>
        r.state === 'open' || r.state === 'upcoming' ? (r.deadline ? 0 : 1) : r.state === 'none' ? 2 : 3
      kept.sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (rank(a) === 3 ? cmp(b.deadline, a.deadline) : cmp(a.deadline, b.deadline)) ||
          newest(a, b),
      )
    } else {
      kept.sort((a, b) => Math.round((a.score - b.score) * 1000) || newest(a, b))
    }
    const pageRows = kept.slice(offset, offset + perPage)
    const documents = this.loadDocuments(pageRows.map((r) => r.id))
    const hits: SearchHit[] = pageRows.map((row) => {
      const document = documents.get(row.id)!
      return { document, state: row.state, highlight: highlightDocument(document, parsed) }
    })
    return {
      query: query.query,
      total: kept.length,
      page,
      perPage,
      hits,
      facets,
      suggestion: suggestionFrom ? this.suggestion(suggestionFrom, documents) : null,
    }
  }

  private parse(text: string, extraTypos = 0): ParsedQuery {
    return parseQuery(text, {
      synonyms: this.#synonyms,
      vocabulary: this.vocabulary(),
      exists: (expression) => this.#statements.exists.get(expression) !== undefined,
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
      const byLength = new Map<number, { term: string; docs: number }[]>()
      for (const { term, doc } of this.#statements.vocabulary.iterate() as Iterable<{ term: string; doc: number }>) {
        if (/^\d/.test(term)) continue
        const list = byLength.get(term.length) ?? []
        list.push({ term, docs: doc })
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

  /** The typed query with each corrected word replaced by the word of a visible hit it was corrected to. */
  private suggestion(parsed: ParsedQuery, documents: Map<number, SearchDocument>): string | null {
    const words = new Map<string, string>()
    for (const document of documents.values()) {
      for (const word of `${document.title} ${document.summary} ${document.body}`.match(/[\p{L}\p{N}]+/gu) ?? []) {
        const stems = analyze(word)
        if (stems.length === 1 && !words.has(stems[0])) words.set(stems[0], word.toLowerCase())
      }
    }
    let changed = false
    const out = parsed.terms.map((term) => {
      if (term.corrections.length === 0) return term.typed
      const found = term.corrections.find((c) => words.has(c))
      if (!found) return term.typed
      changed = true
      return words.get(found)!
    })
    return changed ? out.join(' ') : null
  }
}

function cmp(a: string | null, b: string | null) {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1
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
