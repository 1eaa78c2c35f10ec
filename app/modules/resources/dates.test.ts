import { describe, expect, test } from 'vitest'
import {
  formatDateTimeFr,
  formatTimeFr,
  fundingState,
  isIsoDay,
  parseParisDateTime,
  toParisInputValue,
} from './dates.ts'

describe('Paris dates', () => {
  test('a time typed in Paris is stored in UTC, winter and summer', () => {
    expect(parseParisDateTime('2026-01-15T12:00')).toBe('2026-01-15T11:00:00.000Z')
    expect(parseParisDateTime('2026-07-15T12:00')).toBe('2026-07-15T10:00:00.000Z')
    expect(parseParisDateTime('2026-07-15')).toBe('2026-07-14T22:00:00.000Z')
    expect(parseParisDateTime('2026-07-15', true)).toBe('2026-07-15T21:59:00.000Z')
    expect(parseParisDateTime('2026-03-29T12:00:00Z')).toBe('2026-03-29T12:00:00.000Z')
  })

  test('impossible dates are refused', () => {
    expect(parseParisDateTime('2026-02-30T12:00')).toBeNull()
    expect(parseParisDateTime('2026-13-01')).toBeNull()
    expect(parseParisDateTime('demain')).toBeNull()
    expect(isIsoDay('2026-02-29')).toBe(false)
    expect(isIsoDay('2028-02-29')).toBe(true)
  })

  test('round trip through the datetime-local input and French display', () => {
    expect(toParisInputValue('2026-07-15T10:00:00.000Z')).toBe('2026-07-15T12:00')
    expect(formatTimeFr('2026-07-15T12:32:00.000Z')).toBe('14\u00a0h\u00a032')
    expect(formatDateTimeFr('2026-01-15T11:00:00.000Z')).toBe('15 janvier 2026 à 12\u00a0h')
  })

  test('funding state: upcoming, open, closed (the hour of the deadline counts)', () => {
    const call = { openingDate: '2026-03-01T00:00:00.000Z', deadline: '2026-04-30T10:00:00.000Z' }
    expect(fundingState(call, new Date('2026-02-01T00:00:00Z'))).toBe('upcoming')
    expect(fundingState(call, new Date('2026-04-30T09:59:00Z'))).toBe('open')
    expect(fundingState(call, new Date('2026-04-30T10:00:00Z'))).toBe('closed')
    expect(fundingState({ openingDate: null, deadline: '2026-04-30T10:00:00.000Z' }, new Date('2026-01-01T00:00:00Z'))).toBe('open')
    expect(fundingState({ openingDate: null, deadline: null })).toBe('none')
  })
})
