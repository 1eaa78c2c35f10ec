import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { describe, expect, test } from 'vitest'
import { drainSearchOutbox } from '#app/modules/search/indexing.server.ts'
import { facetLabels, searchForUser } from '#app/modules/search/search.server.ts'
import { parseSearchParamsLeniently } from '#search/search.schema.ts'
import { createTestResource, resourceValues } from '#tests/factories/resources.ts'
import { createTestStructure } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { LEGAL_FORM_FAMILIES, LEGAL_FORMS as STRUCTURE_LEGAL_FORMS } from '#app/modules/structures/labels.ts'
import { LEGAL_FORM_LABELS } from './labels.ts'
import { resourceSchema } from './resources.schema.ts'

// Issue 11: one vocabulary of legal forms for structures and for who a funding call is open to, so that a
// structure's own form filters the calls it can answer.

describe('one vocabulary of legal forms', () => {
  test('every structure form is a call eligibility value, with the same French label; the old call words are gone', () => {
    for (const form of STRUCTURE_LEGAL_FORMS) expect(LEGAL_FORM_LABELS[form.value]).toBe(form.label)
    expect(LEGAL_FORM_LABELS.collectivite).toBe('Collectivité territoriale')
    const parse = (forms: string[]) => resourceSchema.safeParse(resourceValues('financement-europeen', { eligibleLegalForms: forms })).success
    expect(parse(['scop', 'scic', 'association'])).toBe(true)
    expect(parse(['cooperative'])).toBe(false)
  })

  test('the search facet labels are that one list (no second list merged over it)', async () => {
    expect((await facetLabels()).legalForm).toEqual(LEGAL_FORM_LABELS)
  })

  test('a SCOP finds the calls open to cooperatives by filtering on its own legal form', async () => {
    const author = await createTestUser()
    const tag = `formes${Math.random().toString(36).slice(2, 7)}`
    const { structure } = await createTestStructure({ input: { legalForm: 'scop' } })
    const open = await createTestResource({
      author,
      overrides: { title: `Appel ${tag} coopératives`, eligibleLegalForms: ['association', ...LEGAL_FORM_FAMILIES.cooperative] },
    })
    await createTestResource({ author, overrides: { title: `Appel ${tag} associations`, eligibleLegalForms: ['association'] } })
    await drainSearchOutbox()
    const params = parseSearchParamsLeniently(new URLSearchParams({ q: tag, type: 'financement-europeen', legalForm: structure.legalForm }))
    const result = await searchForUser(ANONYMOUS, params)
    expect(result.hits.map((hit) => hit.document.id)).toEqual([open.id])
  })
})
