import {
  type ParseRichTextResult,
  parseRichText,
  type RichTextAllowedSet,
} from '#app/modules/rich-text/rich-text.server.ts'

// The restricted rich text of discussions (issue 12): paragraphs (and line breaks), bold, italic, bullet and ordered
// lists, links. No headings, images, tables, quotes, code or separators. The one rich-text validator does the work,
// told the allowed set.

export const DISCUSSION_RICH_TEXT: RichTextAllowedSet = Object.freeze({
  nodes: Object.freeze(['doc', 'paragraph', 'text', 'hardBreak', 'bulletList', 'orderedList', 'listItem']),
  marks: Object.freeze(['bold', 'italic', 'link']),
  description: 'paragraphes, gras, italique, listes et liens',
})

/** Longest message, in characters (as the editor counts them). */
export const DISCUSSION_MAX_CHARS = 20_000

/** Validates a posted discussion body (JSON string or object): `text` is empty when nothing was written. */
export function parseDiscussionBody(input: unknown): ParseRichTextResult {
  const result = parseRichText(input, { allowed: DISCUSSION_RICH_TEXT, maxChars: DISCUSSION_MAX_CHARS, maxBytes: 100 * 1024 })
  if (result.ok && result.text.trim() === '') return { ok: false, error: 'Le message est vide.' }
  return result
}

/** HTML of a stored body (validated again: stored JSON is never trusted blindly); empty when it no longer passes. */
export function discussionBodyHtml(bodyJson: string): string {
  const result = parseRichText(bodyJson, { allowed: DISCUSSION_RICH_TEXT, maxChars: DISCUSSION_MAX_CHARS, maxBytes: 100 * 1024 })
  return result.ok ? result.html : ''
}

/**
 * The body typed without JavaScript (a plain textarea) as a discussion document: blank lines separate paragraphs,
 * single line breaks stay line breaks. Returns null when nothing was typed.
 */
export function plainTextToDiscussionDoc(input: unknown): { type: 'doc'; content: object[] } | null {
  const text = String(input ?? '').replace(/\r\n?/g, '\n').trim()
  if (!text) return null
  const paragraphs = text.split(/\n\s*\n/).map((block) => {
    const lines = block.split('\n').map((line) => line.trim())
    const content: object[] = []
    lines.forEach((line, i) => {
      if (i > 0) content.push({ type: 'hardBreak' })
      if (line) content.push({ type: 'text', text: line })
    })
    return { type: 'paragraph', content }
  })
  return { type: 'doc', content: paragraphs }
}
