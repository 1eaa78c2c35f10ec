import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { LazyRichTextEditor, NO_JS_MESSAGE } from './lazy-editor.tsx'

describe('LazyRichTextEditor on the server', () => {
  test('renders the label, the loading state and the no-JavaScript message, not the editor', () => {
    const html = renderToString(<LazyRichTextEditor name="body" label="Contenu" />)
    expect(html).toContain('Contenu')
    expect(html).toContain('Chargement de l’éditeur de texte…')
    expect(html).toContain(`<noscript><p class="notice">${NO_JS_MESSAGE}</p></noscript>`)
    // The same message outside <noscript>, shown by CSS when scripts do not run (@media (scripting: none)).
    expect(html).toContain(`<p class="notice rich-text-nojs">${NO_JS_MESSAGE}</p>`)
    expect(NO_JS_MESSAGE).toBe(
      'L’éditeur de texte a besoin de JavaScript : activez-le pour rédiger le contenu. Les autres champs du formulaire s’enregistrent sans.',
    )
    expect(html).not.toContain('contenteditable')
    expect(html).not.toContain('role="toolbar"')
    expect(html).not.toContain('name="body"')
  })

  test('posts the current document unchanged, and shows errors, without JavaScript', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Déjà « écrit »' }] }] }
    const html = renderToString(
      <LazyRichTextEditor name="body" label="Contenu" defaultValue={doc} errors={['Le contenu est vide.']} errorId="body-error" />,
    )
    const value = /<input type="hidden" name="body" value="([^"]*)"/.exec(html)?.[1]
    expect(value?.replaceAll('&quot;', '"')).toBe(JSON.stringify(doc))
    expect(html).toContain('id="body-error"')
    expect(html).toContain('Le contenu est vide.')
  })
})
