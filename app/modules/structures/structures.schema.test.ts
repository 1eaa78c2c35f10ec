import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import { DirectoryQuerySchema, STRUCTURE_MESSAGES as M, StructureSchema, isValidSiret } from './structures.schema.ts'

function form(fields: Record<string, string | string[]>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v)
  }
  return data
}

const VALID = { name: 'Les Jardins de Cocagne', legalForm: 'association', presentation: 'Maraîchage bio d’insertion.' }

function errorsFor(fields: Record<string, string | string[]>) {
  const submission = parseWithZod(form({ ...VALID, ...fields }), { schema: StructureSchema })
  return submission.status === 'success' ? {} : (submission.error ?? {})
}

function parsed(fields: Record<string, string | string[]>) {
  const submission = parseWithZod(form({ ...VALID, ...fields }), { schema: StructureSchema })
  if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error))
  return submission.value
}

describe('SIRET', () => {
  test.each([
    ['73282932000074', true],
    ['732 829 320 00074', true],
    ['73282932000075', false],
    ['12345678901234', false],
    // La Poste: sum of digits multiple of 5 (not Luhn-valid), and its head office, Luhn-valid.
    ['35600000012346', true],
    ['35600000012347', false],
    ['35600000000048', true],
  ])('%s → %s', (siret, valid) => {
    expect(isValidSiret(siret.replace(/ /g, ''))).toBe(valid)
  })

  test('French messages: wrong length, then wrong key', () => {
    expect(errorsFor({ siret: '1234' }).siret).toEqual([M.siretFormat])
    expect(errorsFor({ siret: '7328293200007A' }).siret).toEqual([M.siretFormat])
    expect(errorsFor({ siret: '73282932000075' }).siret).toEqual([M.siretChecksum])
    expect(parsed({ siret: '732 829 320 00074' }).siret).toBe('73282932000074')
    expect(parsed({}).siret).toBeNull()
  })
})

describe('fields', () => {
  test('name, legal form and presentation are required', () => {
    const submission = parseWithZod(form({}), { schema: StructureSchema })
    expect(submission.status).toBe('error')
    const error = submission.status === 'error' ? submission.error : {}
    expect(error?.name).toEqual([M.nameRequired])
    expect(error?.legalForm).toEqual([M.legalFormRequired])
    expect(error?.presentation).toEqual([M.presentationRequired])
  })

  test('unknown legal form', () => {
    expect(errorsFor({ legalForm: 'sarl' }).legalForm).toEqual([M.legalFormInvalid])
  })

  test('name length', () => {
    expect(errorsFor({ name: 'x'.repeat(151) }).name).toEqual([M.nameTooLong])
  })

  test('RNA: W and 9 digits, lower case accepted', () => {
    expect(parsed({ rna: 'w623001234' }).rna).toBe('W623001234')
    expect(errorsFor({ rna: 'W62300123' }).rna).toEqual([M.rnaFormat])
    expect(errorsFor({ rna: '623001234' }).rna).toEqual([M.rnaFormat])
    expect(errorsFor({ rna: 'W6230012345' }).rna).toEqual([M.rnaFormat])
  })

  test('website: http and https only', () => {
    expect(parsed({ websiteUrl: 'https://cocagne.fr/arras' }).websiteUrl).toBe('https://cocagne.fr/arras')
    expect(parsed({ websiteUrl: 'http://cocagne.fr' }).websiteUrl).toBe('http://cocagne.fr')
    for (const bad of ['javascript:alert(1)', 'ftp://cocagne.fr', 'cocagne.fr', 'https://localhost', 'data:text/html,x']) {
      expect(errorsFor({ websiteUrl: bad }).websiteUrl, bad).toEqual([M.websiteInvalid])
    }
  })

  test('presentation at most 280 characters', () => {
    expect(parsed({ presentation: 'é'.repeat(280) }).presentation).toHaveLength(280)
    expect(errorsFor({ presentation: 'é'.repeat(281) }).presentation).toEqual([M.presentationTooLong])
  })

  test('contact email and phone', () => {
    expect(errorsFor({ contactEmail: 'pas une adresse' }).contactEmail).toEqual([M.emailInvalid])
    expect(errorsFor({ contactPhone: '12' }).contactPhone).toEqual([M.phoneInvalid])
    expect(parsed({ contactPhone: '03 21 00 00 00', contactEmail: 'Contact@Cocagne.FR' })).toMatchObject({
      contactPhone: '0321000000',
      contactEmail: 'contact@cocagne.fr',
    })
    expect(parsed({ contactPhone: '+33 3 21 00 00 00' }).contactPhone).toBe('+33321000000')
  })

  test('showing contact details needs at least one of them', () => {
    expect(errorsFor({ showContact: 'on' }).showContact).toEqual([M.contactNeeded])
    expect(parsed({ showContact: 'on', contactPhone: '0321000000' }).showContact).toBe(true)
    expect(parsed({}).showContact).toBe(false)
  })

  test('size brackets from the list', () => {
    expect(parsed({ employeesBracket: '10-49', volunteersBracket: '250+' })).toMatchObject({
      employeesBracket: '10-49',
      volunteersBracket: '250+',
    })
    expect(errorsFor({ employeesBracket: '1000' }).employeesBracket).toEqual([M.bracketInvalid])
  })

  test('themes: several values, at most 5, deduplicated', () => {
    expect(parsed({ themes: ['culture', 'sport', 'culture'] }).themes).toEqual(['culture', 'sport'])
    expect(errorsFor({ themes: ['a', 'b', 'c', 'd', 'e', 'f'] }).themes).toEqual([M.themesTooMany])
    expect(parsed({}).themes).toEqual([])
  })
})

describe('directory query', () => {
  test('bad values are dropped, not refused', () => {
    expect(DirectoryQuerySchema.parse({ forme: 'sarl', tri: 'x', page: '-3', territoire: '<script>' })).toEqual({
      q: '',
      forme: undefined,
      tri: 'nom',
      page: 1,
      territoire: undefined,
      theme: undefined,
      badge: undefined,
    })
    expect(DirectoryQuerySchema.parse({ forme: 'scop', page: '2', badge: 'label', q: ' jardin ' })).toMatchObject({
      forme: 'scop',
      page: 2,
      badge: 'label',
      q: 'jardin',
    })
  })
})
