/**
 * FTS5 answers (the rowids an expression matches) kept between index changes: the same words come back query after
 * query — the page, its facets, the next page, the relevance columns of each word — and FTS5 would decode the same
 * posting lists each time. An entry is valid for one version of the index (the change log's newest number, read by
 * `DocumentAttributes.sync()` before every query), so a write by any process empties the cache before the next
 * query; the least recently used entries go first once the total size passes the budget.
 *
 * Entries are shared: callers must not write into the arrays they get.
 */
export class RowidCache {
  #version = Number.NaN
  readonly #entries = new Map<string, Int32Array>()
  #bytes = 0
  hits = 0
  misses = 0

  constructor(readonly maxBytes: number) {}

  get(version: number, key: string, load: () => Int32Array): Int32Array {
    if (version !== this.#version) this.clear(version)
    const hit = this.#entries.get(key)
    if (hit) {
      this.hits++
      // Most recently used last (a Map keeps insertion order).
      this.#entries.delete(key)
      this.#entries.set(key, hit)
      return hit
    }
    this.misses++
    const value = load()
    // A single answer larger than a quarter of the budget is not kept: it would push out everything else.
    if (value.byteLength * 4 > this.maxBytes) return value
    this.#entries.set(key, value)
    this.#bytes += value.byteLength + key.length * 2
    for (const [oldKey, old] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.#entries.delete(oldKey)
      this.#bytes -= old.byteLength + oldKey.length * 2
    }
    return value
  }

  /** Entries and bytes held now (tests, benchmark). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes }
  }

  clear(version = Number.NaN): void {
    this.#entries.clear()
    this.#bytes = 0
    this.#version = version
  }
}
