import type SQLite from 'better-sqlite3'
import type { FundingState, SearchKind, SearchVisibility } from '../engine.ts'
import { FUNDING_STATES, fundingStateAt, instantMs } from '../funding-state.ts'

// The filterable attributes of every indexed document, in memory, in typed arrays indexed by the document's rowid
// (`search_documents.id`, shared with `search_fts`). A query takes the matching rowids from FTS5 (C code, no row
// objects) and computes permissions, filters, disjunctive facet counts and ranking keys here, in one pass over plain
// arrays: a few milliseconds for tens of thousands of matches, where a join would read that many table rows.
//
// Kept in step with the table by `search_changes` (filled by triggers, see migration 20261126T020000): before each
// query, `sync()` reads the newest change number (one indexed lookup) and reloads only the documents changed since.
// About 60 bytes per document: 100,000 documents take a few megabytes.

/** Values of a facet ↔ small integer codes (0 means "none"). */
export class Dictionary {
  readonly values: string[] = ['']
  readonly #codes = new Map<string, number>()

  code(value: string): number {
    let code = this.#codes.get(value)
    if (code === undefined) {
      code = this.values.length
      this.values.push(value)
      this.#codes.set(value, code)
    }
    return code
  }

  /** The code of a value, or -1 when no document ever had it (a filter on it accepts nothing). */
  find(value: string): number {
    return this.#codes.get(value) ?? -1
  }

  get size() {
    return this.values.length
  }
}

export const VISIBILITY_CODES: Record<SearchVisibility, number> = { public: 0, members: 1, group: 2 }
export const STATE_VALUES: readonly FundingState[] = FUNDING_STATES
const STATE_CODES = Object.fromEntries(STATE_VALUES.map((state, code) => [state, code])) as Record<FundingState, number>
const NONE: Uint16Array = new Uint16Array(0)
/** Above this many changed documents, one full reload is cheaper than reloading them one by one. */
const INCREMENTAL_LIMIT = 20_000
/** `search_changes` keeps at least this many recent entries. */
export const CHANGES_KEPT = 200_000

type AttributeRow = [
  id: number,
  kind: SearchKind,
  type: string,
  territory: string | null,
  programme: string | null,
  legalForms: string,
  themes: string,
  openingDate: string | null,
  deadline: string | null,
  visibility: SearchVisibility,
  groupIds: string,
  publishedAt: string,
  validated: number,
]

const COLUMNS = `id, kind, type, territory, programme, legal_forms, themes, opening_date, deadline, visibility, group_ids,
  published_at, validated`

/** An ISO instant → milliseconds since the epoch (0 for none). */
function instantNumber(value: string | null): number {
  return instantMs(value) ?? 0
}

export class DocumentAttributes {
  readonly kinds = new Dictionary()
  readonly types = new Dictionary()
  readonly territories = new Dictionary()
  readonly programmes = new Dictionary()
  readonly themeValues = new Dictionary()
  readonly legalFormValues = new Dictionary()

  capacity = 0
  present = new Uint8Array(0)
  kind = new Uint16Array(0)
  type = new Uint16Array(0)
  territory = new Uint16Array(0)
  programme = new Uint16Array(0)
  visibility = new Uint8Array(0)
  /** Opening and deadline instants, in milliseconds (0: none). */
  opening = new Float64Array(0)
  deadline = new Float64Array(0)
  published = new Float64Array(0)
  /** « Validé par le réseau »: 1, else 0. */
  validated = new Uint8Array(0)
  themes: Uint16Array[] = []
  legalForms: Uint16Array[] = []
  groups: (string[] | null)[] = []
  count = 0

  #lastSeq = -1
  readonly #statements: {
    bounds: SQLite.Statement
    changed: SQLite.Statement
    some: SQLite.Statement
    all: SQLite.Statement
  }

  constructor(readonly sqlite: SQLite.Database) {
    this.#statements = {
      // Two subqueries: min() and max() together in one select would scan the table instead of reading both ends.
      bounds: sqlite.prepare('select (select min(seq) from search_changes) as low, (select max(seq) from search_changes) as high'),
      changed: sqlite.prepare('select distinct doc_id from search_changes where seq > ?').pluck(),
      some: sqlite.prepare(`select ${COLUMNS} from search_documents where id in (select value from json_each(?))`).raw(),
      all: sqlite.prepare(`select ${COLUMNS} from search_documents`).raw(),
    }
  }

  /** Brings the arrays in step with `search_documents` (cheap when nothing changed). */
  sync(): void {
    const { low, high } = this.#statements.bounds.get() as { low: number | null; high: number | null }
    const newest = high ?? 0
    if (this.#lastSeq === newest && this.#lastSeq >= 0) return
    if (this.#lastSeq < 0 || (low !== null && this.#lastSeq < low - 1)) {
      this.reloadAll(newest)
      return
    }
    const changed = this.#statements.changed.all(this.#lastSeq) as number[]
    if (changed.length > INCREMENTAL_LIMIT) {
      this.reloadAll(newest)
      return
    }
    for (const id of changed) this.clear(id)
    for (const row of this.#statements.some.iterate(JSON.stringify(changed)) as Iterable<AttributeRow>) this.set(row)
    this.#lastSeq = newest
  }

  /** The change log's newest number these arrays reflect (changes with every write to the index, by any process). */
  get version(): number {
    return this.#lastSeq
  }

  /** Forget everything (the next `sync()` reloads). */
  invalidate(): void {
    this.#lastSeq = -1
  }

  private reloadAll(newest: number) {
    this.capacity = 0
    this.count = 0
    this.present = new Uint8Array(0)
    this.kind = new Uint16Array(0)
    this.type = new Uint16Array(0)
    this.territory = new Uint16Array(0)
    this.programme = new Uint16Array(0)
    this.visibility = new Uint8Array(0)
    this.opening = new Float64Array(0)
    this.deadline = new Float64Array(0)
    this.published = new Float64Array(0)
    this.validated = new Uint8Array(0)
    this.themes = []
    this.legalForms = []
    this.groups = []
    for (const row of this.#statements.all.iterate() as Iterable<AttributeRow>) this.set(row)
    this.#lastSeq = newest
  }

  private grow(id: number) {
    const capacity = Math.max(1024, id + 1, Math.ceil(this.capacity * 1.5))
    const grown = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const array = make(capacity)
      array.set(old as never)
      return array
    }
    this.present = grown(this.present, (n) => new Uint8Array(n))
    this.kind = grown(this.kind, (n) => new Uint16Array(n))
    this.type = grown(this.type, (n) => new Uint16Array(n))
    this.territory = grown(this.territory, (n) => new Uint16Array(n))
    this.programme = grown(this.programme, (n) => new Uint16Array(n))
    this.visibility = grown(this.visibility, (n) => new Uint8Array(n))
    this.opening = grown(this.opening, (n) => new Float64Array(n))
    this.deadline = grown(this.deadline, (n) => new Float64Array(n))
    this.published = grown(this.published, (n) => new Float64Array(n))
    this.validated = grown(this.validated, (n) => new Uint8Array(n))
    for (let i = this.capacity; i < capacity; i++) {
      this.themes.push(NONE)
      this.legalForms.push(NONE)
      this.groups.push(null)
    }
    this.capacity = capacity
  }

  private clear(id: number) {
    if (id >= this.capacity || !this.present[id]) return
    this.present[id] = 0
    this.themes[id] = NONE
    this.legalForms[id] = NONE
    this.groups[id] = null
    this.count--
  }

  private set(row: AttributeRow) {
    const [id, kind, type, territory, programme, legalForms, themes, openingDate, deadline, visibility, groupIds, publishedAt, validated] =
      row
    if (id >= this.capacity) this.grow(id)
    if (!this.present[id]) this.count++
    this.present[id] = 1
    this.kind[id] = this.kinds.code(kind)
    this.type[id] = this.types.code(type)
    this.territory[id] = territory ? this.territories.code(territory) : 0
    this.programme[id] = programme ? this.programmes.code(programme) : 0
    this.visibility[id] = VISIBILITY_CODES[visibility] ?? VISIBILITY_CODES.group
    this.opening[id] = instantNumber(openingDate)
    this.deadline[id] = instantNumber(deadline)
    this.published[id] = Date.parse(publishedAt) || 0
    this.validated[id] = validated === 1 ? 1 : 0
    this.themes[id] = codes(themes, this.themeValues)
    this.legalForms[id] = codes(legalForms, this.legalFormValues)
    const groups = JSON.parse(groupIds) as string[]
    this.groups[id] = groups.length > 0 ? groups : null
  }

  /** Funding state code (index in STATE_VALUES) of a document at an instant (milliseconds), by the one rule. */
  state(id: number, nowMs: number): number {
    return STATE_CODES[fundingStateAt(this.opening[id] || null, this.deadline[id] || null, nowMs)]
  }
}

function codes(json: string, dictionary: Dictionary): Uint16Array {
  const values = JSON.parse(json) as string[]
  if (values.length === 0) return NONE
  return Uint16Array.from(values, (v) => dictionary.code(v))
}

/** `"12,7,9"` (SQLite's group_concat of rowids) → Int32Array, without building strings or objects per id. */
export function parseRowids(list: string | null | undefined): Int32Array {
  if (!list) return new Int32Array(0)
  let count = 1
  for (let i = 0; i < list.length; i++) if (list.charCodeAt(i) === 44) count++
  const out = new Int32Array(count)
  let n = 0
  let value = 0
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i)
    if (c === 44) {
      out[n++] = value
      value = 0
    } else value = value * 10 + (c - 48)
  }
  out[n] = value
  return out
}
