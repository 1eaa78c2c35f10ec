import { describe, expect, test } from 'vitest'
import {
  cellCsv,
  cellText,
  csvFilename,
  defaultPeriod,
  formatPeriodKey,
  hiddenCellsSafe,
  parsePeriod,
  periodLabelFr,
  periodMonths,
  type SuppressedCell,
  suppressLine,
} from './indicators.ts'

// The period filter and small-number suppression, pure.

const shown = (cells: SuppressedCell[]) => cells.map((c) => (c.kind === 'value' ? c.value : c.kind))

describe('parsePeriod', () => {
  test('one month, or exactly twelve months ending at a month', () => {
    expect(parsePeriod('2026-11')).toEqual({ from: { year: 2026, month: 11 }, to: { year: 2026, month: 11 } })
    expect(parsePeriod('2025-12_2026-11')).toEqual({ from: { year: 2025, month: 12 }, to: { year: 2026, month: 11 } })
    for (const bad of ['', '2026-13', '2026-1', 'novembre', '2026-01_2026-11', '2026-11_2025-12', '2025-12_2026-11_2027-01', null]) {
      expect(parsePeriod(bad)).toBeNull()
    }
  })

  test('keys, labels, months and file names', () => {
    const year = parsePeriod('2025-12_2026-11')!
    expect(formatPeriodKey(year)).toBe('2025-12_2026-11')
    expect(periodLabelFr(year)).toBe('de décembre 2025 à novembre 2026')
    expect(periodMonths(year)).toHaveLength(12)
    expect(periodMonths(year)[1]).toEqual({ year: 2026, month: 1 })
    const month = parsePeriod('2026-11')!
    expect(formatPeriodKey(month)).toBe('2026-11')
    expect(periodLabelFr(month)).toBe('novembre 2026')
    expect(csvFilename('membres', month)).toBe('essaim-indicateurs-membres-2026-11.csv')
    // Paris month: 23:30 UTC on 30 November is already December in Paris.
    expect(formatPeriodKey(defaultPeriod(new Date('2026-11-30T23:30:00Z')))).toBe('2026-01_2026-12')
  })
})

describe('small-number suppression', () => {
  test('1 to 4 hidden as « moins de 5 », 0 and 5 or more shown', () => {
    const { cells, totalMasked } = suppressLine([0, 5, 12, 0])
    expect(shown(cells)).toEqual([0, 5, 12, 0])
    expect(totalMasked).toBe(false)
    for (const n of [1, 2, 3, 4]) {
      const line = suppressLine([n, 9, 30]).cells
      expect(line[0]).toEqual({ kind: 'small' })
      expect(cellText(line[0]!)).toBe('moins de 5')
      expect(cellCsv(line[0]!)).toBe('< 5')
    }
    expect(cellText({ kind: 'value', value: 1234 })).toBe('1\u202f234')
  })

  test('one hidden count: the smallest count shown is masked too, so the total does not give it away', () => {
    const { cells } = suppressLine([3, 20, 7, 0, 40])
    expect(shown(cells)).toEqual(['small', 20, 'masked', 0, 40])
    expect(cellText(cells[2]!)).toBe('masqué')
  })

  test('two hidden counts whose sum would give both away (1 + 1, 4 + 4) get a masked companion; 1 + 3 does not', () => {
    expect(shown(suppressLine([1, 1, 9, 30]).cells)).toEqual(['small', 'small', 'masked', 30])
    expect(shown(suppressLine([4, 4, 9, 30]).cells)).toEqual(['small', 'small', 'masked', 30])
    expect(shown(suppressLine([1, 3, 9, 30]).cells)).toEqual(['small', 'small', 9, 30])
  })

  test('a masked companion of exactly 5 next to a 1 would give both away: a second one is masked', () => {
    expect(shown(suppressLine([1, 5, 6, 30]).cells)).toEqual(['small', 'masked', 'masked', 30])
    expect(hiddenCellsSafe([1], [5])).toBe(false)
    expect(hiddenCellsSafe([1], [5, 6])).toBe(true)
  })

  test('nothing left to mask: the total must be hidden', () => {
    expect(suppressLine([2, 0, 0])).toEqual({ cells: [{ kind: 'small' }, { kind: 'value', value: 0 }, { kind: 'value', value: 0 }], totalMasked: true })
  })

  test('no cell can be worked out from the total: brute force over small lines', () => {
    // For every line of three territories in 0–7, whatever the reader knows (cells shown, « moins de 5 » in 1–4,
    // « masqué » at 5 or more, and the total), each hidden cell has at least two possible values.
    for (let a = 0; a < 8; a++)
      for (let b = 0; b < 8; b++)
        for (let c = 0; c < 8; c++) {
          const line = [a, b, c]
          const { cells, totalMasked } = suppressLine(line)
          if (totalMasked) continue
          const total = a + b + c
          const ranges = cells.map((cell) => {
            if (cell.kind === 'value') return [cell.value]
            const from = cell.kind === 'small' ? 1 : 5
            const to = cell.kind === 'small' ? 4 : total
            return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
          })
          const seen = cells.map(() => new Set<number>())
          for (const x of ranges[0]!)
            for (const y of ranges[1]!)
              for (const z of ranges[2]!) {
                if (x + y + z !== total) continue
                seen[0]!.add(x)
                seen[1]!.add(y)
                seen[2]!.add(z)
              }
          cells.forEach((cell, i) => {
            if (cell.kind !== 'value') expect(seen[i]!.size, `${line} cell ${i}`).toBeGreaterThan(1)
          })
        }
  })
})

test('what belongs to no territory is not hidden for being small, but may mask a territory’s small count', () => {
  expect(shown(suppressLine([3, 0, 2], { unprotected: new Set([2]) }).cells)).toEqual(['small', 0, 2])
  expect(suppressLine([3, 0, 2], { unprotected: new Set([2]) }).totalMasked).toBe(true)
  expect(shown(suppressLine([3, 0, 8], { unprotected: new Set([2]) }).cells)).toEqual(['small', 0, 'masked'])
  expect(suppressLine([0, 0, 2], { unprotected: new Set([2]) })).toEqual({
    cells: [{ kind: 'value', value: 0 }, { kind: 'value', value: 0 }, { kind: 'value', value: 2 }],
    totalMasked: false,
  })
})
