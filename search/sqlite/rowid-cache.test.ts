import { describe, expect, it } from 'vitest'
import { RowidCache } from './rowid-cache.ts'

describe('RowidCache', () => {
  it('answers from memory for the same version, loads again once the version changes', () => {
    const cache = new RowidCache(1024)
    let loads = 0
    const load = () => {
      loads++
      return Int32Array.of(1, 2, 3)
    }
    const first = cache.get(7, 'emploi', load)
    expect(cache.get(7, 'emploi', load)).toBe(first)
    expect(loads).toBe(1)
    cache.get(8, 'emploi', load)
    expect(loads).toBe(2)
    expect(cache.size.entries).toBe(1)
  })

  it('drops the least recently used entries past its budget, and never keeps an answer over a quarter of it', () => {
    const cache = new RowidCache(100)
    const of = (n: number) => () => new Int32Array(n)
    cache.get(1, 'a', of(4)) // 16 bytes + 2 for the key
    cache.get(1, 'b', of(4))
    cache.get(1, 'a', of(4)) // a is now the most recent
    cache.get(1, 'c', of(4))
    cache.get(1, 'd', of(4))
    cache.get(1, 'e', of(4)) // 5 × 18 = 90 bytes: all kept
    expect(cache.size).toEqual({ entries: 5, bytes: 90 })
    cache.get(1, 'f', of(4)) // 108 > 100: b, the least recently used, goes
    expect(cache.size.entries).toBe(5)
    let reloaded = 0
    cache.get(1, 'a', () => {
      reloaded++
      return new Int32Array(4)
    })
    cache.get(1, 'b', () => {
      reloaded++
      return new Int32Array(4)
    })
    expect(reloaded).toBe(1)
    cache.get(1, 'big', of(7)) // 28 bytes > 25: answered, not kept
    expect(cache.get(1, 'big', of(7)).length).toBe(7)
    expect(cache.misses).toBeGreaterThanOrEqual(2)
  })
})
