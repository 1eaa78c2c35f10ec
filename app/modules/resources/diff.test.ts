import { describe, expect, test } from 'vitest'
import { diffLines, diffWords, hasChanges } from './diff.ts'

const join = (parts: { type: string; text: string }[], keep: string) =>
  parts.filter((p) => p.type === 'equal' || p.type === keep).map((p) => p.text).join('')

describe('diffWords', () => {
  test('marks the removed and added words and gives both texts back', () => {
    const before = 'Le dépôt des dossiers est ouvert jusqu’au 15 mars.'
    const after = 'Le dépôt des candidatures est ouvert jusqu’au 30 avril.'
    const parts = diffWords(before, after)
    expect(join(parts, 'removed')).toBe(before)
    expect(join(parts, 'added')).toBe(after)
    expect(parts.filter((p) => p.type === 'removed').map((p) => p.text.trim())).toEqual(['dossiers', '15 mars.'])
    expect(parts.filter((p) => p.type === 'added').map((p) => p.text.trim())).toEqual(['candidatures', '30 avril.'])
  })

  test('identical texts have no change', () => {
    expect(diffWords('même texte', 'même texte')).toEqual([{ type: 'equal', text: 'même texte' }])
  })
})

describe('diffLines', () => {
  test('added, removed and changed paragraphs', () => {
    const before = 'Titre\nPremier paragraphe.\nDeuxième paragraphe.\nFin.'
    const after = 'Titre\nPremier paragraphe modifié.\nFin.\nNouveau paragraphe.'
    const lines = diffLines(before, after)
    expect(lines[0]).toEqual({ type: 'equal', text: 'Titre' })
    expect(lines[1].type).toBe('changed')
    expect(lines).toContainEqual({ type: 'removed', text: 'Deuxième paragraphe.' })
    expect(lines.at(-1)).toEqual({ type: 'added', text: 'Nouveau paragraphe.' })
    expect(hasChanges(lines)).toBe(true)
    expect(hasChanges(diffLines(before, before))).toBe(false)
  })

  test('from and to an empty text', () => {
    expect(diffLines('', 'a\nb')).toEqual([
      { type: 'added', text: 'a' },
      { type: 'added', text: 'b' },
    ])
    expect(diffLines('a', '')).toEqual([{ type: 'removed', text: 'a' }])
  })

  test('a very large rewrite stays fast and complete', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `ligne ${i}`).join('\n')
    const after = Array.from({ length: 3000 }, (_, i) => `autre ${i}`).join('\n')
    const lines = diffLines(before, after)
    expect(lines).toHaveLength(3000)
  })
})
