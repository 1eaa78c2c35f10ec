import { describe, expect, it } from 'vitest'
import type { SearchAccess } from '../engine.ts'
import { DEFAULT_SYNONYMS } from '../synonyms.ts'
import {
  buildFilter,
  indexSettings,
  pendingFilter,
  permissionFilter,
  quoteValue,
  settingsMatch,
  stateFilter,
  synonymsMap,
} from './filters.ts'
import { fromMeiliDocument, keepTypedMarks, markersToHtml, meiliKey, significantWords, toMeiliDocument, typedMatcher } from './meilisearch-engine.ts'
import { makeDocument } from '#tests/fixtures/search-documents.ts'
import { FUNDING_STATES, fundingStateAt } from '../funding-state.ts'

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
    expect(buildFilter(viewer, filters, 1_700_000_000_000)).toBe(
      `(visibility = "public") AND territory IN ["lensois", "arrageois"] AND themes IN ["emploi"] AND (${stateFilter('open', 1_700_000_000_000)})`,
    )
    expect(buildFilter(viewer, filters, 20261125, 'territory')).not.toContain('territory IN')
    expect(buildFilter(viewer, { type: [] }, 20261125)).toBe('(visibility = "public")')
  })

  it('filters « Validé par le réseau » on the boolean attribute, and drops the clause for its own facet count', () => {
    const viewer: SearchAccess = { visibilities: ['public'], groupIds: [] }
    expect(buildFilter(viewer, { validated: true, type: ['guide'] }, 1)).toBe('(visibility = "public") AND validated = true AND type IN ["guide"]')
    // `false` means no filter, not « not validated ».
    expect(buildFilter(viewer, { validated: false }, 1)).toBe('(visibility = "public")')
    expect(buildFilter(viewer, { validated: true, type: ['guide'] }, 1, 'validated')).toBe('(visibility = "public") AND type IN ["guide"]')
    // Permissions stay in every facet query.
    expect(buildFilter({ visibilities: [], groupIds: [] }, { validated: true }, 1, 'validated')).toBe('(visibility IS NULL AND visibility IS NOT NULL)')
  })

  it('declares `validated` filterable and stores it on every document (a facet needs the value present)', () => {
    expect(indexSettings([]).filterableAttributes).toContain('validated')
    expect(toMeiliDocument(makeDocument({ title: 'Guide' })).validated).toBe(false)
    expect(toMeiliDocument(makeDocument({ title: 'Guide', validated: true })).validated).toBe(true)
    expect(fromMeiliDocument({ ...toMeiliDocument(makeDocument({ title: 'Guide', validated: true })) }).validated).toBe(true)
  })

  it('expresses funding states over the stored instants', () => {
    expect(stateFilter('upcoming', 1_700_000_000_000)).toBe('(openingTs > 1700000000000)')
    expect(stateFilter('none', 1)).toBe('(openingTs IS NULL AND deadlineTs IS NULL)')
  })

  it('is the one funding-state rule, written as a filter (every window × instant, each instant exactly one state)', () => {
    // Evaluates a state filter the way Meilisearch does: a comparison with a missing (null) value is false.
    const matches = (filter: string, opening: number | null, deadline: number | null) => {
      const js = filter
        .replace(/(openingTs|deadlineTs) IS NOT NULL/g, '($1 !== null)')
        .replace(/(openingTs|deadlineTs) IS NULL/g, '($1 === null)')
        .replace(/(openingTs|deadlineTs) (<=|>=|<|>) (\d+)/g, '($1 !== null && $1 $2 $3)')
        .replaceAll(' AND ', ' && ')
        .replaceAll(' OR ', ' || ')
      return new Function('openingTs', 'deadlineTs', `return ${js}`)(opening, deadline) as boolean
    }
    const noon = Date.parse('2026-11-25T11:00:00Z') // 12:00 in Paris
    const instants = [null, noon - 86_400_000, noon - 1, noon, noon + 1, noon + 86_400_000]
    for (const opening of instants) {
      for (const deadline of instants) {
        for (const now of [noon - 86_400_000, noon - 1, noon, noon + 1, noon + 6 * 3_600_000]) {
          const expected = fundingStateAt(opening, deadline, now)
          const matched = FUNDING_STATES.filter((state) => matches(stateFilter(state, now), opening, deadline))
          expect(matched, `opening ${opening}, deadline ${deadline}, now ${now}`).toEqual([expected])
        }
      }
    }
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
    const document = makeDocument({ title: 'T', openingDate: '2026-01-02T08:30:00.000Z', deadline: null })
    const meili = toMeiliDocument(document)
    expect(meili.key).toBe(meiliKey(document))
    expect(meili.openingTs).toBe(Date.parse('2026-01-02T08:30:00.000Z'))
    expect(meili.deadlineTs).toBeNull()
    expect(fromMeiliDocument({ ...meili, _formatted: {} })).toEqual(document)
    expect(markersToHtml('<b>\u0001x\u0002</b>')).toBe('&lt;b&gt;<mark>x</mark>&lt;/b&gt;')
  })
})
