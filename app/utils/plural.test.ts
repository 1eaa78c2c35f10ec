import { describe, expect, test } from 'vitest'
import { countFr, listFr, plural } from './plural.ts'

describe('plural', () => {
  test.each([
    [0, 'résultat'],
    [1, 'résultat'],
    [1.5, 'résultat'],
    [2, 'résultats'],
    [131, 'résultats'],
  ])('%d → %s', (count, expected) => {
    expect(plural(count, 'résultat', 'résultats')).toBe(expected)
  })

  test('the count is grouped the French way', () => {
    expect(countFr(1, 'structure associée', 'structures associées')).toBe('1 structure associée')
    expect(countFr(2, 'structure associée', 'structures associées')).toBe('2 structures associées')
    expect(countFr(1234, 'résultat', 'résultats')).toBe('1\u202f234 résultats')
  })
})

describe('listFr', () => {
  test('joins with commas and « et »', () => {
    expect(listFr(['Calaisis'])).toBe('Calaisis')
    expect(listFr(['Calaisis', 'Arrageois'])).toBe('Calaisis et Arrageois')
    expect(listFr(['A', 'B', 'C'])).toBe('A, B et C')
  })
})
