import { describe, expect, test } from 'vitest'
import { formatPhoneFr, formatSiret, phoneHref } from './display.ts'

const spaced = (text: string) => text.replace(/ /g, '\u00a0')

describe('structure identifiers, grouped for reading', () => {
  test.each([
    ['0321000000', '03 21 00 00 00', 'tel:+33321000000'],
    ['+33321000000', '03 21 00 00 00', 'tel:+33321000000'],
    ['0033612345678', '06 12 34 56 78', 'tel:+33612345678'],
  ])('phone %s → « %s », %s', (stored, shown, href) => {
    expect(formatPhoneFr(stored)).toBe(spaced(shown))
    expect(phoneHref(stored)).toBe(href)
  })

  test('a number that is not French is shown as stored', () => {
    expect(formatPhoneFr('+3225551234')).toBe('+3225551234')
    expect(phoneHref('+32 2 555 12 34')).toBe('tel:+3225551234')
  })

  test('SIRET: « 123 456 782 00002 »', () => {
    expect(formatSiret('12345678200002')).toBe(spaced('123 456 782 00002'))
    expect(formatSiret('123')).toBe('123')
  })
})
