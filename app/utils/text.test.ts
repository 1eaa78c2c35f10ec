import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import { ProfileSchema } from '#app/modules/people/people.schema.ts'
import { resourceSchema } from '#app/modules/resources/resources.schema.ts'
import { JoinRequestSchema, StructureSchema } from '#app/modules/structures/structures.schema.ts'
import { resourceValues } from '#tests/factories/resources.ts'
import { hasControlCharacters, stripControlCharacters } from './text.ts'

// F15: control characters (NUL, BEL, ESC / ANSI sequences, DEL, C1) never reach the stored plain-text fields.

const HOSTILE = 'a\u0000b\u0007c\u001b[31mrouge\u001b[0m\u007fd\u0085e\u009b1mf\u001b]0;titre\u0007g'

function form(fields: Record<string, unknown>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) data.append(key, String(v))
  }
  return data
}

function parse<T>(schema: Parameters<typeof parseWithZod>[1]['schema'], fields: Record<string, unknown>): T {
  const submission = parseWithZod(form(fields), { schema })
  if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error))
  return submission.value as T
}

describe('stripControlCharacters', () => {
  test('removes C0 (but tab and line breaks in multi-line text), DEL, C1 and whole ANSI sequences', () => {
    expect(stripControlCharacters(HOSTILE)).toBe('abcrougedefg')
    expect(stripControlCharacters('ligne 1\r\n\tligne 2\u000b', { multiline: true })).toBe('ligne 1\r\n\tligne 2')
    expect(stripControlCharacters('un\ttitre\nsur une ligne')).toBe('un titre sur une ligne')
    expect(stripControlCharacters('Œuvre « Saint-Éloi » — 9 h, l’ESS')).toBe('Œuvre « Saint-Éloi » — 9 h, l’ESS')
  })
})

describe('plain-text fields of the forms', () => {
  test('resource: title, summary and detail fields', () => {
    const value = parse<Record<string, string>>(
      resourceSchema,
      resourceValues('bonne-pratique', {
        title: `Titre ${HOSTILE}`,
        summary: `Résumé ${HOSTILE}\nsuite`,
        context: `Contexte ${HOSTILE}`,
        problem: `Problème\u0000`,
        steps: 'Étape 1\nÉtape 2\u001b[2J',
        results: `Résultats ${HOSTILE}`,
        pitfalls: '\u0000\u0007',
      }),
    )
    expect(value.title).toBe('Titre abcrougedefg')
    expect(value.summary).toBe('Résumé abcrougedefg\nsuite')
    expect(value.steps).toBe('Étape 1\nÉtape 2')
    for (const key of ['title', 'summary', 'context', 'problem', 'steps', 'results']) expect(hasControlCharacters(value[key])).toBe(false)
    // Only control characters: an empty optional field, not an English « Required ».
    expect(value.pitfalls).toBeUndefined()
    const training = resourceSchema.parse(
      resourceValues('formation', {
        provider: 'URSCOP\u001b[1m',
        duration: '2\u0000 jours',
        sessions: [{ startsOn: '2027-02-10', commune: 'Arras\u0000' }],
      }),
    )
    expect(training.type === 'formation' && [training.provider, training.duration, training.sessions[0].commune]).toEqual([
      'URSCOP',
      '2 jours',
      'Arras',
    ])
  })

  test('a required field made only of control characters is a French « obligatoire »', () => {
    const submission = parseWithZod(form(resourceValues('initiative', { title: '\u0000\u0001\u0002\u0003\u0004\u0005' })), {
      schema: resourceSchema,
    })
    expect(submission.status).toBe('error')
    expect(submission.status === 'error' && submission.error?.title).toEqual(['Le titre est obligatoire.'])
  })

  test('structure: name, address, presentation, description', () => {
    const value = parse<Record<string, string | null>>(StructureSchema, {
      name: `a\u0000b\u001b[31mRecyclerie`,
      legalForm: 'association',
      address: `12 rue\u0007 de la Paix`,
      presentation: `Présentation ${HOSTILE}`,
      description: `Ligne 1\nLigne 2\u009b`,
    })
    expect(value.name).toBe('abRecyclerie')
    expect(value.address).toBe('12 rue de la Paix')
    expect(value.presentation).toBe('Présentation abcrougedefg')
    expect(value.description).toBe('Ligne 1\nLigne 2')
    const empty = parse<Record<string, string | null>>(StructureSchema, {
      name: 'Recyclerie',
      legalForm: 'association',
      presentation: 'Réemploi.',
      address: '\u0000',
    })
    expect(empty.address).toBeNull()
  })

  test('profile and join request', () => {
    const profile = parse<{ name: string; bio: string }>(ProfileSchema, {
      intent: 'profile',
      name: 'Julie\u0000 Dupont\u001b[5m',
      bio: `Bio\n${HOSTILE}`,
      visibility: 'public',
    })
    expect(profile).toMatchObject({ name: 'Julie Dupont', bio: 'Bio\nabcrougedefg' })
    const join = parse<{ message: string }>(JoinRequestSchema, { intent: 'request-join', message: 'Bonjour\u0007\r\nJulie' })
    expect(join.message).toBe('Bonjour\r\nJulie')
  })
})
