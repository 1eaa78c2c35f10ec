import type { JSONContent } from '@tiptap/core'
import { describe, expect, test } from 'vitest'
import { parseRichText } from '#app/modules/rich-text/rich-text.server.ts'
import { DISCUSSION_MAX_CHARS, discussionBodyHtml, parseDiscussionBody } from './discussion-text.server.ts'

const t = (text: string, marks?: JSONContent['marks']): JSONContent => (marks ? { type: 'text', text, marks } : { type: 'text', text })
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const d = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })
const item = (text: string): JSONContent => ({ type: 'listItem', content: [p(t(text))] })
const link = (href: string) => [{ type: 'link', attrs: { href } }]

describe('discussion bodies: paragraphs, bold, italic, lists, links only', () => {
  test('the allowed set is accepted and rendered', () => {
    const result = parseDiscussionBody(
      d(
        p(t('Bonjour '), t('à tous', [{ type: 'bold' }]), t(', '), t('vraiment', [{ type: 'italic' }]), { type: 'hardBreak' }, t('suite')),
        { type: 'bulletList', content: [item('un'), item('deux')] },
        { type: 'orderedList', attrs: { start: 1, type: null }, content: [item('premier')] },
        p(t('le site', link('https://www.pasdecalais.fr/'))),
      ),
    )
    if (!result.ok) throw new Error(result.error)
    expect(result.html).toContain('<strong>à tous</strong>')
    expect(result.html).toContain('<em>vraiment</em>')
    expect(result.html).toContain('<ul><li><p>un</p></li>')
    expect(result.html).toContain('<ol><li><p>premier</p></li></ol>')
    expect(result.html).toContain('href="https://www.pasdecalais.fr/"')
    expect(result.text).toContain('- un')
  })

  test.each([
    ['a heading', d({ type: 'heading', attrs: { level: 2 }, content: [t('Titre')] }), /non permis ici : titre/],
    ['an image', d({ type: 'image', attrs: { src: '/fichiers/abc/photo.png', alt: 'x' } }), /non permis ici : image/],
    [
      'a table',
      d({ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(t('a'))] }] }] }),
      /non permis ici : tableau/,
    ],
    ['a quote', d({ type: 'blockquote', content: [p(t('citation'))] }), /non permis ici : citation/],
    ['inline code', d(p(t('x', [{ type: 'code' }]))), /non permis ici : code/],
    ['a separator', d(p(t('a')), { type: 'horizontalRule' }), /non permis ici : séparateur/],
  ])('%s is refused, in French, naming what is allowed', (_name, doc, message) => {
    const result = parseDiscussionBody(doc)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toMatch(message)
    expect(result.error).toContain('seuls sont permis : paragraphes, gras, italique, listes et liens')
    // The same document passes the full editor set: the narrowing is the option, not another validator.
    expect(parseRichText(doc).ok).toBe(true)
  })

  test.each(['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x'])(
    'a %s link is refused',
    (href) => {
      const result = parseDiscussionBody(JSON.stringify(d(p(t('cliquez', link(href))))))
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error).toMatch(/^Le lien .* n’est pas autorisé/)
    },
  )

  test('an empty message and an overlong one are refused', () => {
    expect(parseDiscussionBody(d({ type: 'paragraph' }))).toEqual({ ok: false, error: 'Le message est vide.' })
    const long = parseDiscussionBody(d(p(t('a'.repeat(DISCUSSION_MAX_CHARS + 1)))))
    expect(long.ok).toBe(false)
    if (!long.ok) expect(long.error).toMatch(/^Le texte est trop long \(20\s000 caractères au maximum\)\.$/u)
  })

  test('stored bodies render again; one that no longer passes renders as nothing', () => {
    expect(discussionBodyHtml(JSON.stringify(d(p(t('Salut')))))).toBe('<p>Salut</p>')
    expect(discussionBodyHtml(JSON.stringify(d({ type: 'heading', attrs: { level: 2 }, content: [t('Titre')] })))).toBe('')
  })
})
