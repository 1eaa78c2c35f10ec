import { getSchema } from '@tiptap/core'
import { describe, expect, test } from 'vitest'
import { getRichTextExtensions } from '#app/modules/rich-text/extensions.ts'
import { activityText } from './discussion-pages.server.ts'
import { DISCUSSION_MAX_CHARS, DISCUSSION_RICH_TEXT, parseDiscussionBody, plainTextToDiscussionDoc } from './discussion-text.server.ts'
import { DISCUSSION_EDITOR_MAX_CHARS } from './ui/labels.ts'

describe('plainTextToDiscussionDoc (the form without JavaScript)', () => {
  test('blank lines make paragraphs, single line breaks stay line breaks; the result passes the discussion set', () => {
    const doc = plainTextToDiscussionDoc('  Bonjour,\r\nune ligne\n\n\nSecond paragraphe  ')
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Bonjour,' }, { type: 'hardBreak' }, { type: 'text', text: 'une ligne' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraphe' }] },
      ],
    })
    const parsed = parseDiscussionBody(doc)
    expect(parsed.ok && parsed.html).toBe('<p>Bonjour,<br>une ligne</p><p>Second paragraphe</p>')
  })

  test('markup typed in the textarea stays text', () => {
    const parsed = parseDiscussionBody(plainTextToDiscussionDoc('<b>gras</b> & <script>x</script>'))
    expect(parsed.ok && parsed.html).toBe('<p>&lt;b&gt;gras&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>')
  })

  test('nothing typed is null', () => {
    expect(plainTextToDiscussionDoc('  \n \n')).toBeNull()
    expect(plainTextToDiscussionDoc(null)).toBeNull()
  })
})

describe('activityText', () => {
  const now = new Date('2026-12-03T12:00:00Z')
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString()
  test('« à l’instant », minutes, hours, days with French plurals, then the date', () => {
    expect(activityText(ago(10), now)).toBe('à l’instant')
    expect(activityText(ago(60), now)).toBe('il y a 1 minute')
    expect(activityText(ago(5 * 60), now)).toBe('il y a 5 minutes')
    expect(activityText(ago(3600), now)).toBe('il y a 1 heure')
    expect(activityText(ago(2 * 86_400), now)).toBe('il y a 2 jours')
    expect(activityText('2026-11-01T10:00:00Z', now)).toBe('le 1er novembre 2026')
  })
})

describe('the editor’s discussion set', () => {
  test('its schema has exactly the nodes and marks the server accepts', () => {
    const schema = getSchema(getRichTextExtensions({ set: 'discussion', maxChars: DISCUSSION_EDITOR_MAX_CHARS }))
    expect(Object.keys(schema.nodes).sort()).toEqual([...DISCUSSION_RICH_TEXT.nodes].sort())
    expect(Object.keys(schema.marks).sort()).toEqual([...DISCUSSION_RICH_TEXT.marks].sort())
    expect(DISCUSSION_EDITOR_MAX_CHARS).toBe(DISCUSSION_MAX_CHARS)
  })
})
