import { describe, expect, test } from 'vitest'
import { resourceValues } from '#tests/factories/resources.ts'
import { resourceSchema, structuresLabel } from './resources.schema.ts'

function errorsOf(values: Record<string, unknown>) {
  const result = resourceSchema.safeParse(values)
  if (result.success) return {}
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]))
}

describe('resource schema, every kind', () => {
  test.each(['financement-europeen', 'initiative', 'bonne-pratique', 'formation'] as const)('valid %s', (type) => {
    expect(resourceSchema.safeParse(resourceValues(type)).success).toBe(true)
  })

  test('the type is required and known', () => {
    expect(errorsOf({ ...resourceValues('initiative'), type: 'autre' })).toEqual({ type: 'Choisissez le type de ressource.' })
  })

  test('structures: optional slugs, duplicates dropped, five at most', () => {
    const parsed = resourceSchema.parse(resourceValues('initiative', { structures: ['a', 'b', 'a'] }))
    expect(parsed.structures).toEqual(['a', 'b'])
    expect(resourceSchema.parse(resourceValues('initiative')).structures).toEqual([])
    expect(errorsOf(resourceValues('initiative', { structures: ['a', 'b', 'c', 'd', 'e', 'f'] })).structures).toBe(
      'Choisissez au plus 5 structures.',
    )
    expect(structuresLabel('initiative', 1)).toBe('Structure porteuse')
    expect(structuresLabel('initiative', 2)).toBe('Structures porteuses')
    expect(structuresLabel('formation', 1)).toBe('Structure associée')
    expect(structuresLabel('formation', 3)).toBe('Structures associées')
  })

  test('common fields: title, summary ≤ 300, themes', () => {
    const errors = errorsOf(resourceValues('initiative', { title: 'abc', summary: 'x'.repeat(301), themes: [] }))
    expect(errors.title).toBe('Le titre doit compter au moins 5 caractères.')
    expect(errors.summary).toBe('Le résumé ne doit pas dépasser 300 caractères.')
    expect(errors.themes).toBe('Choisissez au moins une thématique.')
  })
})

describe('financement européen', () => {
  test('deadline typed in Paris time is stored in UTC', () => {
    const parsed = resourceSchema.parse(resourceValues('financement-europeen', { deadline: '2027-03-31T12:00' }))
    expect(parsed.type === 'financement-europeen' && parsed.deadline).toBe('2027-03-31T10:00:00.000Z')
  })

  test('programme, body, deadline, url and amounts are checked', () => {
    const errors = errorsOf(
      resourceValues('financement-europeen', {
        programme: 'FEDER-X',
        managingBody: undefined,
        deadline: '31/02/2027',
        officialUrl: 'javascript:alert(1)',
        amountMin: 5000,
        amountMax: 1000,
        cofinancingRate: 120,
      }),
    )
    expect(errors).toMatchObject({
      programme: 'Choisissez un programme européen.',
      managingBody: 'L’organisme gestionnaire est obligatoire.',
      deadline: 'La date limite n’est pas une date valide (jj/mm/aaaa hh:mm).',
      officialUrl: 'Le lien officiel doit être une adresse web complète, commençant par https://.',
      cofinancingRate: 'Le taux de cofinancement doit être compris entre 1 et 100 %.',
    })
  })

  test('max below min and deadline before opening', () => {
    const errors = errorsOf(
      resourceValues('financement-europeen', { amountMin: 5000, amountMax: 1000, openingDate: '2027-05-01', deadline: '2027-04-01' }),
    )
    expect(errors.amountMax).toBe('Le montant maximal doit être supérieur au montant minimal.')
    expect(errors.deadline).toBe('La date limite doit suivre la date d’ouverture.')
  })
})

describe('bonne pratique, initiative, formation', () => {
  test('a good practice needs its context, problem and steps', () => {
    const errors = errorsOf(resourceValues('bonne-pratique', { context: '', problem: undefined, steps: ' ' }))
    expect(errors).toMatchObject({
      context: 'Le contexte est obligatoire.',
      problem: 'Le problème traité est obligatoire.',
      steps: 'Les étapes est obligatoire.',
    })
  })

  test('an initiative start date must be a real day', () => {
    expect(errorsOf(resourceValues('initiative', { startDate: '2025-02-30' })).startDate).toBe(
      'La date de lancement n’est pas une date valide (aaaa-mm-jj).',
    )
  })

  test('training: format, sessions in order, blank session rows dropped, registration link', () => {
    const errors = errorsOf(
      resourceValues('formation', {
        format: 'en-ligne',
        sessions: [{ startsOn: '2027-02-10', endsOn: '2027-02-01' }],
        registrationUrl: 'ftp://exemple.fr',
      }),
    )
    expect(errors).toMatchObject({
      format: 'Choisissez le format de la formation.',
      'sessions.0.endsOn': 'La date de fin doit suivre la date de début.',
      registrationUrl: 'Le lien d’inscription doit être une adresse web complète, commençant par https://.',
    })
    const parsed = resourceSchema.parse(resourceValues('formation', { sessions: [{ startsOn: '2027-01-01' }, {}, undefined] }))
    expect(parsed.type === 'formation' && parsed.sessions).toEqual([{ startsOn: '2027-01-01' }])
  })
})
