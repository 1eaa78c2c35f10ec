import { describe, expect, it } from 'vitest'
import { boundedDistance } from './analysis.ts'

/** Reference: optimal string alignment distance, the textbook full matrix. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

describe('boundedDistance', () => {
  it.each([
    ['association', 'asociation', 1],
    ['formation', 'fomration', 1],
    ['solidaire', 'solidiare', 1],
    ['financement', 'finencement', 1],
    ['economie', 'economie', 0],
    ['abc', 'xyz', 3],
  ] as const)('%s ↔ %s = %i', (a, b, expected) => {
    expect(boundedDistance(a, b, 3)).toBe(expected)
  })

  it('agrees with the full matrix on random words, and stops at max + 1', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const word = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => 'abcde'[Math.floor(random() * 5)]).join('')
    for (let k = 0; k < 3000; k++) {
      const a = word()
      const b = word()
      const max = Math.floor(random() * 4)
      const exact = osa(a, b)
      expect(boundedDistance(a, b, max)).toBe(exact > max ? max + 1 : exact)
    }
  })
})
