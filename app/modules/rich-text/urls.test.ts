import { describe, expect, test } from 'vitest'
import { isSafeHref, isUploadSrc, normaliseTypedHref } from './urls.ts'

describe('isSafeHref', () => {
  test.each([
    'https://essaim.example',
    'http://essaim.example/ressources?q=économie&page=2#résultats',
    'HTTPS://Essaim.Example/A',
    "https://fr.wikipedia.org/wiki/Économie_sociale_et_solidaire_(France)'s",
    'mailto:contact@essaim.example',
    'mailto:contact@essaim.example?subject=Bonjour%20!',
  ])('accepts %s', (href) => {
    expect(isSafeHref(href)).toBe(true)
  })

  test.each([
    'javascript:alert(1)',
    ' https://essaim.example',
    'https://essaim.example ',
    'https://essaim.example/a b',
    'https://essaim.example/\u200b',
    '/ressources/interne',
    '//essaim.example',
    'essaim.example',
    'https://',
    'https://user@essaim.example',
    'mailto:',
    'mailto:personne',
    'ftp://essaim.example',
    `https://essaim.example/${'a'.repeat(2100)}`,
    '',
  ])('refuses %j', (href) => {
    expect(isSafeHref(href)).toBe(false)
  })

  test('refuses non-strings', () => {
    for (const value of [null, undefined, 1, {}, ['https://essaim.example']]) expect(isSafeHref(value)).toBe(false)
  })
})

describe('normaliseTypedHref', () => {
  test.each([
    ['  https://essaim.example  ', 'https://essaim.example'],
    ['essaim.example/ressources', 'https://essaim.example/ressources'],
    ['www.essaim.example', 'https://www.essaim.example'],
    ['contact@essaim.example', 'mailto:contact@essaim.example'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
  ])('%j → %j', (typed, expected) => {
    expect(normaliseTypedHref(typed)).toBe(expected)
  })
})

describe('isUploadSrc', () => {
  test.each(['/fichiers/0192f0a1-7c3e-7abc-9def-0123456789ab/photo-ete.jpg', '/fichiers/abc/affiche%20%C3%A9t%C3%A9.png'])(
    'accepts %s',
    (src) => {
      expect(isUploadSrc(src)).toBe(true)
    },
  )

  test.each(['https://essaim.example/fichiers/a/b.png', '/fichiers/a/..', '/fichiers/a/%2F', '/fichiers/a/b/c', '/fichiers/a/%E0%A4%A', null])(
    'refuses %j',
    (src) => {
      expect(isUploadSrc(src)).toBe(false)
    },
  )
})
