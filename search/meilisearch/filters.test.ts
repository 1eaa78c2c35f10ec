import { describe, expect, it } from 'vitest'
import { DEFAULT_SYNONYMS } from '../synonyms.ts'
import { buildFilter, dayNumber, indexSettings, permissionFilter, quoteValue, settingsMatch, stateFilter, synonymsMap } from './filters.ts'
import { fromMeiliDocument, markersToHtml, meiliKey, toMeiliDocument } from './meilisearch-engine.ts'
import { makeDocument } from '../fixtures.ts'

describe('Meilisearch filters', () => {
  it('quotes values, escaping backslashes and double quotes', () => {
    expect(quoteValue('arrageois')).toBe('"arrageois"')
    expect(quoteValue('a"b')).toBe('"a\\"b"')
    expect(quoteValue('a\\"] OR visibility = "members')).toBe('"a\\\\\\"] OR visibility = \\"members"')
  })

  it('turns the viewer into a permission filter', () => {
    expect(permissionFilter({ role: 'anonymous', groupIds: ['g'] })).toBe('(visibility = "public")')
    expect(permissionFilter({ role: 'member', groupIds: [] })).toBe('(visibility = "public" OR visibility = "members")')
    expect(permissionFilter({ role: 'admin', groupIds: ['g"1'] })).toBe(
      '(visibility = "public" OR visibility = "members" OR (visibility = "group" AND groupIds IN ["g\\"1"]))',
    )
  })

  it('ANDs facet filters (values OR-ed), skipping the facet being counted', () => {
    const viewer = { role: 'anonymous' as const, groupIds: [] }
    const filters = { territory: ['lensois', 'arrageois'], theme: ['emploi'], state: ['open' as const] }
    expect(buildFilter(viewer, filters, 20261125)).toBe(
      `(visibility = "public") AND territory IN ["lensois", "arrageois"] AND themes IN ["emploi"] AND (${stateFilter('open', 20261125)})`,
    )
    expect(buildFilter(viewer, filters, 20261125, 'territory')).not.toContain('territory IN')
    expect(buildFilter(viewer, { type: [] }, 20261125)).toBe('(visibility = "public")')
  })

  it('expresses funding states over day numbers', () => {
    expect(dayNumber('2026-11-25')).toBe(20261125)
    expect(dayNumber('nope')).toBeNull()
    expect(stateFilter('upcoming', 20261125)).toBe('(openingDay > 20261125)')
    expect(stateFilter('none', 1)).toBe('(openingDay IS NULL AND deadlineDay IS NULL)')
  })
})

describe('Meilisearch settings', () => {
  it('maps each synonym to the others of its group', () => {
    const map = synonymsMap([['FSE', 'fonds social européen'], ['asso', 'association']])
    expect(map.fse).toEqual(['fonds social européen'])
    expect(map['fonds social européen']).toEqual(['fse'])
    expect(map.asso).toEqual(['association'])
  })

  it('compares settings idempotently (order of sets ignored, extra server keys ignored)', () => {
    const wanted = indexSettings(DEFAULT_SYNONYMS)
    const server = { ...wanted, filterableAttributes: [...wanted.filterableAttributes].reverse(), displayedAttributes: ['*'] }
    expect(settingsMatch(server, wanted)).toBe(true)
    expect(settingsMatch({ ...server, searchableAttributes: ['body', 'title', 'summary', 'extra'] }, wanted)).toBe(false)
    expect(settingsMatch({ ...server, typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } } }, wanted)).toBe(false)
    expect(wanted.typoTolerance.minWordSizeForTypos).toEqual({ oneTypo: 5, twoTypos: 9 })
    expect(wanted.stopWords).toContain('les')
  })

  it('round-trips documents and escapes formatted text', () => {
    const document = makeDocument({ title: 'T', openingDate: '2026-01-02', deadline: null })
    const meili = toMeiliDocument(document)
    expect(meili.key).toBe(meiliKey(document))
    expect(meili.openingDay).toBe(20260102)
    expect(fromMeiliDocument({ ...meili, _formatted: {} })).toEqual(document)
    expect(markersToHtml('<b>\u0001x\u0002</b>')).toBe('&lt;b&gt;<mark>x</mark>&lt;/b&gt;')
  })
})
