import { describe, expect, test } from 'vitest'
import { COMMON_PASSWORDS, isCommonPassword } from './common-passwords.ts'

describe('common passwords', () => {
  test('the list is a real list: about a thousand distinct entries, French ones and long ones included', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(1000)
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length)
    for (const french of ['azerty', 'motdepasse', 'soleil', 'doudou', 'jetaime', 'marseille']) {
      expect(COMMON_PASSWORDS).toContain(french)
    }
    expect(COMMON_PASSWORDS.filter((p) => p.length >= 12).length).toBeGreaterThanOrEqual(250)
  })

  test.each([
    ['azertyuiop123', true],
    ['MotDePasse123', true],
    ['  motdepasse1234  ', true],
    ['Mot De Passe 123', true],
    ['qwertyuiop123', true],
    ['123456789012', true],
    ['jetaimemonamour', true],
    ['un mot de passe solide 2026', false],
    ['cheval agrafe pile correct 62', false],
  ])('isCommonPassword(%j) is %s', (password, expected) => {
    expect(isCommonPassword(password)).toBe(expected)
  })
})
