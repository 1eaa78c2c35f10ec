import { expect, test } from 'vitest'
import { findMentions } from './mentions.ts'

const people = [
  { userId: 'marie', name: 'Marie', slug: 'marie-62' },
  { userId: 'marie-dupont', name: 'Marie Dupont', slug: null },
  { userId: 'eloise', name: 'Éloïse Lefèvre', slug: 'eloise' },
]

test.each([
  ['@Marie Dupont, bonjour', ['marie-dupont']],
  ['@Marie, bonjour', ['marie']],
  ['@marie-62 et @MARIE DUPONT', ['marie', 'marie-dupont']],
  ['@Éloïse Lefèvre.', ['eloise']],
  ['@Marie Dupontel', ['marie']],
  ['@Mariette', []],
  ['ecrire@Marie', []],
  ['(@eloise)', ['eloise']],
  ['@Marie @Marie', ['marie']],
  ['sans mention', []],
])('%s → %j', (text, expected) => {
  expect(findMentions(text, people)).toEqual(expected)
})
