import { z } from 'zod'

/** Lower case, accents and ligatures folded, punctuation as spaces: "Œuvre-Saint-Éloi" → "oeuvre saint eloi". */
export function foldText(value: string): string {
  return value
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

// Control characters have no place in the plain-text fields people type (names, titles, summaries, addresses…):
// NUL, BEL, ESC and ANSI sequences, DEL, C1. They are stripped on input (`plainText`) and again on output where old
// values are republished (`stripControlCharacters`). Tab, line feed and carriage return stay in multi-line text; in a
// single-line field they become a space.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const ANSI_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g
const LINE_BREAKS_AND_TABS = /[\t\n\r]+/g

/** Whether a text holds a control character that `stripControlCharacters` removes (tab and line breaks aside). */
export function hasControlCharacters(value: string): boolean {
  CONTROL.lastIndex = 0
  return CONTROL.test(value)
}

export function stripControlCharacters(value: string, options: { multiline?: boolean } = {}): string {
  const cleaned = value.replace(ANSI_SEQUENCE, '').replace(CONTROL, '')
  return options.multiline ? cleaned : cleaned.replace(LINE_BREAKS_AND_TABS, ' ')
}

/**
 * A plain-text field of a form: the given schema (trim, min, max, optional…) after control characters are stripped
 * (see above). Wrap the whole field, `.optional()` included, so that a value made only of control characters counts
 * as empty.
 */
export function plainText<T extends z.ZodTypeAny>(schema: T, options: { multiline?: boolean } = {}) {
  // Typed with the wrapped schema's input (z.preprocess says `unknown`), so that Conform's fields keep their types.
  return z.preprocess(
    (value) => (typeof value === 'string' ? stripControlCharacters(value, options) : value),
    schema,
  ) as unknown as z.ZodEffects<T, z.output<T>, z.input<T>>
}
