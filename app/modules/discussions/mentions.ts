// Mentions in a discussion message (issue 12): `@Prénom Nom` (a person's name as on their account) or `@slug` (their
// profile's address). Pure: the caller gives the candidates (the group's members) and stores what is found.

export type MentionCandidate = { userId: string; name: string; slug: string | null }

const fold = (value: string) => value.normalize('NFC').toLocaleLowerCase('fr-FR')
const WORD_CHAR = /[\p{L}\p{N}_-]/u

/**
 * Ids of the candidates mentioned in `text`, in the order of their first mention. A mention must stand alone: the
 * `@` starts the text or follows a non-word character, and the name or slug is not followed by a word character
 * (`@Marie Dupontel` does not mention Marie Dupont). The longest name wins (`@Marie Dupont` over `@Marie`).
 */
export function findMentions(text: string, candidates: readonly MentionCandidate[]): string[] {
  const folded = fold(text)
  const keys = candidates
    .flatMap((c) => [c.name, c.slug].filter((k): k is string => Boolean(k?.trim())).map((k) => ({ key: fold(k.trim()), userId: c.userId })))
    .sort((a, b) => b.key.length - a.key.length)
  const found: { at: number; userId: string }[] = []
  const taken = new Set<number>()
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    if (at > 0 && WORD_CHAR.test(folded[at - 1]!)) continue
    const rest = folded.slice(at + 1)
    const match = keys.find(({ key }) => rest.startsWith(key) && !WORD_CHAR.test(rest.charAt(key.length)))
    if (match && !taken.has(at)) {
      taken.add(at)
      found.push({ at, userId: match.userId })
    }
  }
  return [...new Set(found.map((f) => f.userId))]
}
