import { describe, expect, test } from 'vitest'
import { RESERVED_SLUGS, slugify } from './slug.ts'

describe('slugify', () => {
  test('folds accents, ligatures and punctuation into hyphenated words, cut without a trailing hyphen', () => {
    expect(slugify('Œuvre Saint-Éloi, l’Atelier !', 'structure')).toBe('oeuvre-saint-eloi-l-atelier')
    expect(slugify(`${'a'.repeat(59)} bcd`, 'structure')).toBe('a'.repeat(59))
    expect(slugify('Titre long', 'ressource', 5)).toBe('titre')
  })

  test('empty text gives the fallback', () => {
    expect(slugify(' ?! ', 'membre')).toBe('membre')
  })

  test('the route segments are never slugs', () => {
    for (const word of ['nouvelle', 'modifier', 'membres', 'brouillon', 'historique']) expect(RESERVED_SLUGS.has(word)).toBe(true)
    expect(slugify('Nouvelle', 'structure')).toBe('nouvelle-structure')
    expect(slugify('Modifier', 'ressource')).toBe('modifier-ressource')
    expect(slugify('Nouvelle économie', 'structure')).toBe('nouvelle-economie')
  })
})
