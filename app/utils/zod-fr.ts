import { z } from 'zod'

// French messages for every zod check that has no message of its own, server and client alike: no English zod
// message ("Expected string, received array", "String must contain at most 200 character(s)", "Required"…) can
// reach the person. Field-specific messages given in a schema still win over these. Every *.schema.ts module imports
// this file, so the map is installed wherever a schema is (it is global to the zod instance, set once).

export const ZOD_FR = {
  required: 'Ce champ est obligatoire.',
  invalid: 'Valeur non valide.',
  choice: 'Choisissez une des valeurs proposées.',
  email: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.',
  url: 'Saisissez une adresse web valide, commençant par https://.',
  date: 'Saisissez une date valide.',
} as const

const plural = (count: number | bigint, singular: string, pluralForm: string) =>
  `${count} ${Number(count) >= 2 ? pluralForm : singular}`

export const frenchErrorMap: z.ZodErrorMap = (issue) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' || issue.received === 'null' ? ZOD_FR.required : ZOD_FR.invalid }
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: ZOD_FR.choice }
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') {
        return { message: Number(issue.minimum) <= 1 ? ZOD_FR.required : `${plural(issue.minimum, 'caractère', 'caractères')} au minimum.` }
      }
      if (issue.type === 'array' || issue.type === 'set') {
        return { message: Number(issue.minimum) <= 1 ? ZOD_FR.required : `Choisissez-en au moins ${issue.minimum}.` }
      }
      if (issue.type === 'number' || issue.type === 'bigint') return { message: `La valeur doit être au moins ${issue.minimum}.` }
      return { message: ZOD_FR.invalid }
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `${plural(issue.maximum, 'caractère', 'caractères')} au maximum.` }
      if (issue.type === 'array' || issue.type === 'set') return { message: `${issue.maximum} au maximum.` }
      if (issue.type === 'number' || issue.type === 'bigint') return { message: `La valeur doit être au plus ${issue.maximum}.` }
      return { message: ZOD_FR.invalid }
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: ZOD_FR.email }
      if (issue.validation === 'url') return { message: ZOD_FR.url }
      if (issue.validation === 'date' || issue.validation === 'datetime') return { message: ZOD_FR.date }
      return { message: ZOD_FR.invalid }
    case z.ZodIssueCode.invalid_date:
      return { message: ZOD_FR.date }
    default:
      // custom, invalid_union, unrecognized_keys, not_multiple_of, not_finite, invalid_intersection_types…
      return { message: ZOD_FR.invalid }
  }
}

z.setErrorMap(frenchErrorMap)
