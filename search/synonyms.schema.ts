import { z } from 'zod'

// The admin synonym form: one group per line, equivalent terms separated by commas.

export const MAX_SYNONYM_GROUPS = 300
export const MAX_SYNONYM_TERM_LENGTH = 80

export function parseSynonymLines(text: string): { groups: string[][]; errors: string[] } {
  const groups: string[][] = []
  const errors: string[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((line, index) => {
    if (!line.trim()) return
    const terms = [...new Set(line.split(',').map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))]
    if (terms.length < 2) errors.push(`Ligne ${index + 1} : indiquez au moins deux termes séparés par une virgule.`)
    else if (terms.some((t) => t.length > MAX_SYNONYM_TERM_LENGTH))
      errors.push(`Ligne ${index + 1} : un terme dépasse ${MAX_SYNONYM_TERM_LENGTH} caractères.`)
    else groups.push(terms)
  })
  if (groups.length + errors.length > MAX_SYNONYM_GROUPS) errors.push(`${MAX_SYNONYM_GROUPS} groupes au plus.`)
  return { groups, errors }
}

export const SynonymsSchema = z.object({
  synonyms: z
    .string({ required_error: 'Indiquez au moins un groupe de synonymes.' })
    .max(30_000, 'La liste est trop longue (30 000 caractères au plus).')
    .superRefine((value, ctx) => {
      for (const message of parseSynonymLines(value).errors.slice(0, 5)) ctx.addIssue({ code: 'custom', message })
    }),
})

export function formatSynonymLines(groups: string[][]): string {
  return groups.map((g) => g.join(', ')).join('\n')
}
