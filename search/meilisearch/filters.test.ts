import { describe, expect, it } from 'vitest'
import type { SearchAccess } from '../engine.ts'
import { DEFAULT_SYNONYMS } from '../synonyms.ts'
import {
  buildFilter,
  dayNumber,
  indexSettings,
  pendingFilter,
  permissionFilter,
  quoteValue,
  settingsMatch,
  stateFilter,
  synonymsMap,
} from './filters.ts'
import { fromMeiliDocument, keepTypedMarks, markersToHtml, meiliKey, significantWords, toMeiliDocument, typedMatcher } from './meilisearch-engine.ts'
import { makeDocument } from '../fixtures.ts'

describe('Meilisearch filters', () => {
  it('quotes values, escaping backslashes and double quotes', () => {
    expect(quoteValue('arrageois')).toBe('"arrageois"')
    expect(quoteValue('a"b')).toBe('"a\\"b"')
    expect(quoteValue('a\\"] OR visibility = "members')).toBe('"a\\\\\\"] OR visibility = \\"members"')
  })

  it('turns the viewer into a permission filter', () => {
    // Groups count only with the `group` visibility.
    expect(permissionFilter({ visibilities: ['public'], groupIds: ['g'] })).toBe('(visibility = "public")')
    expect(permissionFilter({ visibilities: ['public', 'members'], groupIds: [] })).toBe('(visibility = "public" OR visibility = "members")')
    expect(permissionFilter({ visibilities: ['public', 'members', 'group'], groupIds: ['g"1'] })).toBe(
      '(visibility = "public" OR visibility = "members" OR (visibility = "group" AND groupIds IN ["g\\"1"]))',
    )
  })

  it('ANDs facet filters (values OR-ed), skipping the facet being counted', () => {
    const viewer: SearchAccess = { visibilities: ['public'], groupIds: [] }
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

  it('gives a term in several groups the union of them, not the groups of its synonyms', () => {
    const map = synonymsMap(DEFAULT_SYNONYMS)
    expect(map.subvention).toEqual(expect.arrayContaining(['aide', 'financement']))
    expect(map.aide).toEqual(['subvention'])
    expect(map.iae).toEqual(expect.arrayContaining(['siae', 'insertion par l’activité économique']))
    for (const acronym of ['cress', 'dla', 'esus', 'scop', 'scic', 'cae', 'aci', 'ei', 'etti', 'opco', 'fse', 'feder', 'feader', 'leader', 'interreg', 'cdess', 'rna', 'siret']) {
      expect(map[acronym]?.length, acronym).toBeGreaterThan(0)
    }
    const settings = indexSettings(DEFAULT_SYNONYMS)
    expect(settings.synonyms).toEqual(map)
    // Pending documents are left out by primary key.
    expect(settings.filterableAttributes).toContain('key')
  })

  it('checks pending documents the way hits are re-checked', () => {
    expect(pendingFilter([], (k) => k.id)).toBe('')
    expect(
      pendingFilter(
        [
          { kind: 'resource', id: 'a', visibility: null },
          { kind: 'resource', id: 'b', visibility: 'members' },
          { kind: 'structure', id: 'c', visibility: null },
        ],
        (k) => `${k.kind}-${k.id}`,
      ),
    ).toBe(' AND NOT key IN ["resource-a", "structure-c"] AND NOT (key IN ["resource-b"] AND NOT visibility = "members")')
  })

  it('keeps the marks of typed words (and typos, and the prefix of the last word), drops those of synonyms', () => {
    const typed = typedMatcher('FSE format')
    expect(keepTypedMarks('\u0001FSE\u0002+ : \u0001Fonds\u0002 \u0001social\u0002 \u0001plus\u0002', typed)).toBe('\u0001FSE\u0002+ : Fonds social plus')
    expect(keepTypedMarks('\u0001formations\u0002', typed)).toBe('\u0001formations\u0002')
    expect(keepTypedMarks('\u0001financement\u0002', typedMatcher('financemant '))).toBe('\u0001financement\u0002')
    expect(keepTypedMarks('\u0001d\u0002’association', typedMatcher('scic'))).toBe('d’association')
    expect(significantWords('créer une association')).toBe(2)
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
