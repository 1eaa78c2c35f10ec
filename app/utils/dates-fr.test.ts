import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  dayRangeFr,
  formatDateFr,
  formatDateTimeFr,
  formatDayFr,
  formatDayRangeFr,
  formatEventScheduleFr,
  formatLongDateFr,
  formatShortDateFr,
  formatTimeFr,
} from './dates-fr.ts'

const h = (text: string) => text.replace(/ h/g, '\u00a0h').replace(/h (\d)/g, 'h\u00a0$1')

describe('French dates', () => {
  test.each([
    ['2026-12-01T10:00:00.000Z', '1er décembre 2026'],
    ['2027-03-01T08:00:00.000Z', '1er mars 2027'],
    ['2026-12-02T10:00:00.000Z', '2 décembre 2026'],
    ['2026-11-11T10:00:00.000Z', '11 novembre 2026'],
    // 23:30 UTC on 31 December is already 1 January in Paris (winter, UTC+1).
    ['2026-12-31T23:30:00.000Z', '1er janvier 2027'],
    // 22:30 UTC on 31 July is already 1 August in Paris (summer, UTC+2).
    ['2026-07-31T22:30:00.000Z', '1er août 2026'],
  ])('instant %s is the day « %s » in Paris', (iso, expected) => {
    expect(formatDateFr(iso)).toBe(expected)
    expect(formatDateFr(new Date(iso))).toBe(expected)
  })

  test('calendar days are not shifted by the time zone', () => {
    expect(formatDayFr('2027-02-01')).toBe('1er février 2027')
    expect(formatDayFr('2027-02-10')).toBe('10 février 2027')
    expect(formatDayFr('2026-10-25')).toBe('25 octobre 2026')
  })

  test.each([
    ['2026-11-02T08:00:00.000Z', '9 h'],
    ['2026-12-17T11:00:00.000Z', '12 h'],
    ['2026-12-17T11:30:00.000Z', '12 h 30'],
    ['2026-07-15T12:32:00.000Z', '14 h 32'],
    ['2026-07-15T07:05:00.000Z', '9 h 05'],
    ['2026-01-15T23:00:00.000Z', '0 h'],
    ['2026-01-15T22:59:00.000Z', '23 h 59'],
  ])('instant %s is « %s » in Paris, with non-breaking spaces', (iso, expected) => {
    expect(formatTimeFr(iso)).toBe(h(expected))
  })

  test('around the daylight-saving changes (Europe/Paris)', () => {
    // Sunday 29 March 2026: 2 h becomes 3 h (01:00 UTC).
    expect(formatDateTimeFr('2026-03-29T00:30:00.000Z')).toBe(h('29 mars 2026 à 1 h 30'))
    expect(formatDateTimeFr('2026-03-29T01:30:00.000Z')).toBe(h('29 mars 2026 à 3 h 30'))
    // Sunday 25 October 2026: 3 h becomes 2 h again (01:00 UTC); 2 h 30 happens twice.
    expect(formatDateTimeFr('2026-10-25T00:30:00.000Z')).toBe(h('25 octobre 2026 à 2 h 30'))
    expect(formatDateTimeFr('2026-10-25T01:30:00.000Z')).toBe(h('25 octobre 2026 à 2 h 30'))
    expect(formatDateTimeFr('2026-10-25T02:00:00.000Z')).toBe(h('25 octobre 2026 à 3 h'))
  })

  test('date and time: « 1er mars 2027 à 9 h »', () => {
    expect(formatDateTimeFr('2027-03-01T08:00:00.000Z')).toBe(h('1er mars 2027 à 9 h'))
    expect(formatDateTimeFr('2026-11-02T08:00:00.000Z')).toBe(h('2 novembre 2026 à 9 h'))
    expect(formatDateTimeFr('2026-01-15T11:00:00.000Z')).toBe(h('15 janvier 2026 à 12 h'))
  })

  test.each([
    ['2027-02-10', '2027-02-10', 'Le 10 février 2027'],
    ['2027-02-10', null, 'Le 10 février 2027'],
    ['2027-02-10', '2027-02-11', 'Du 10 au 11 février 2027'],
    ['2027-03-01', '2027-03-03', 'Du 1er au 3 mars 2027'],
    ['2027-02-28', '2027-03-02', 'Du 28 février au 2 mars 2027'],
    ['2027-02-28', '2027-03-01', 'Du 28 février au 1er mars 2027'],
    ['2026-12-28', '2027-01-02', 'Du 28 décembre 2026 au 2 janvier 2027'],
    ['2026-02-10', '2027-02-11', 'Du 10 février 2026 au 11 février 2027'],
  ])('range %s → %s: « %s »', (start, end, expected) => {
    expect(formatDayRangeFr(start, end)).toBe(expected)
  })

  test('the two ends of a range, for <time> elements', () => {
    expect(dayRangeFr('2027-02-10', '2027-02-11')).toEqual({ start: '10', end: '11 février 2027' })
    expect(dayRangeFr('2027-02-10', '2027-02-10')).toEqual({ start: '10 février 2027', end: null })
  })
})

describe('event schedules', () => {
  test('one day: weekday, year, hours and the time zone said; winter and summer time both in Paris', () => {
    expect(formatEventScheduleFr('2027-03-04T08:00:00Z', '2027-03-04T11:00:00Z')).toBe('jeudi 4 mars 2027, 9\u00a0h – 12\u00a0h (heure de Paris)')
    expect(formatEventScheduleFr('2027-07-01T07:30:00Z', '2027-07-01T10:00:00Z')).toBe('jeudi 1er juillet 2027, 9\u00a0h\u00a030 – 12\u00a0h (heure de Paris)')
    expect(formatLongDateFr('2027-03-04T23:30:00Z')).toBe('vendredi 5 mars 2027')
    expect(formatShortDateFr('2027-03-04T23:30:00Z')).toBe('ven. 5 mars 2027')
    expect(formatShortDateFr('2027-04-01T08:00:00Z')).toBe('jeu. 1er avril 2027')
  })

  test('across days, both ends in full', () => {
    expect(formatEventScheduleFr('2027-03-04T08:00:00Z', '2027-03-05T16:00:00Z')).toBe(
      'du jeudi 4 mars 2027, 9\u00a0h au vendredi 5 mars 2027, 17\u00a0h (heure de Paris)',
    )
  })
})

describe('one place formats French dates', () => {
  // A hand-made formatter drifts: `dateStyle: 'long'` writes « 1 décembre » where French wants « 1er décembre ».
  test('no French date formatter outside dates-fr.ts', () => {
    const root = path.resolve(import.meta.dirname, '../..')
    const files = (fs.readdirSync(path.join(root, 'app'), { recursive: true }) as string[])
      .map((file) => path.posix.join('app', file.split(path.sep).join('/')))
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && file !== 'app/utils/dates-fr.ts')
    const hits = files.filter((file) =>
      /DateTimeFormat\(\s*['"]fr|toLocale(?:Date|Time)?String\(\s*['"]fr|dateStyle/.test(fs.readFileSync(path.join(root, file), 'utf8')),
    )
    expect(hits).toEqual([])
  })
})
