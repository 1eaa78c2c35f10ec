import { getSchema, type JSONContent } from '@tiptap/core'
import { Window } from 'happy-dom'
import { describe, expect, test } from 'vitest'
import { getSchemaExtensions } from './extensions.ts'
import { buildHostileCorpus } from '#tests/fixtures/hostile-corpus.ts'
import {
  emptyDoc,
  findUnsafeHtml,
  MARK_ATTR_RULES,
  NODE_ATTR_RULES,
  parseRichText,
  textToDoc,
  typedDoc,
} from './rich-text.server.ts'

const FRENCH_ERROR = /^(Le|La|Les|L’|Un|Une|Niveau)\s.*[.)]$/s

/** Independent check of rendered HTML with a real HTML parser: no script, handler, style or dangerous URL. */
function assertSafeHtml(html: string) {
  expect(html).not.toMatch(/<script/i)
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true } })
  try {
    const container = window.document.createElement('div')
    container.innerHTML = html
    for (const element of container.querySelectorAll('*')) {
      expect(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'SVG', 'FORM']).not.toContain(element.tagName)
      for (const attribute of element.attributes) {
        expect(attribute.name).not.toMatch(/^on/i)
        expect(attribute.name).not.toBe('style')
        if (attribute.name === 'href' || attribute.name === 'src') {
          expect(attribute.value).not.toMatch(/^\s*(javascript|vbscript|data|file|blob):/i)
          if (attribute.name === 'href') expect(['http:', 'https:', 'mailto:']).toContain(new URL(attribute.value ?? '').protocol)
          if (attribute.name === 'src') expect(attribute.value).toMatch(/^\/fichiers\/[^/]+\/[^/]+$/)
        }
      }
    }
  } finally {
    window.happyDOM.abort()
    window.happyDOM.close()
  }
}

const p = (...content: JSONContent[]): JSONContent => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' })
const t = (text: string, marks?: JSONContent['marks']): JSONContent => (marks ? { type: 'text', text, marks } : { type: 'text', text })
const d = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })

function accepted(input: unknown) {
  const result = parseRichText(input)
  if (!result.ok) throw new Error(`expected acceptance, got: ${result.error}`)
  return result
}

describe('hostile corpus', () => {
  const corpus = buildHostileCorpus()

  test('holds at least 200 inputs', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200)
  })

  test.each(corpus.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    let result: ReturnType<typeof parseRichText> | undefined
    expect(() => {
      result = parseRichText(entry.input)
    }).not.toThrow()
    if (!result) throw new Error('no result')
    if (result.ok) {
      assertSafeHtml(result.html)
      expect(findUnsafeHtml(result.html)).toBeNull()
    } else {
      expect(result.error).toMatch(FRENCH_ERROR)
    }
    expect(result.ok ? 'accept' : `reject: ${result.error}`).toMatch(entry.expect === 'accept' ? /^accept$/ : /^reject: /)
  })
})

describe('schema and validation rules', () => {
  test('the attribute rules cover exactly what the schema declares', () => {
    const schema = getSchema(getSchemaExtensions())
    expect(Object.keys(schema.nodes).sort()).toEqual(Object.keys(NODE_ATTR_RULES).sort())
    expect(Object.keys(schema.marks).sort()).toEqual(Object.keys(MARK_ATTR_RULES).sort())
    for (const [name, type] of Object.entries(schema.nodes)) {
      expect(Object.keys(type.spec.attrs ?? {}).sort(), name).toEqual(Object.keys(NODE_ATTR_RULES[name]!).sort())
    }
    for (const [name, type] of Object.entries(schema.marks)) {
      expect(Object.keys(type.spec.attrs ?? {}).sort(), name).toEqual(Object.keys(MARK_ATTR_RULES[name]!).sort())
    }
  })

  test('findUnsafeHtml flags handlers, styles, scripts and bad URLs', () => {
    expect(findUnsafeHtml('<p>ok &lt;script&gt; onclick=1</p>')).toBeNull()
    expect(findUnsafeHtml('<p onclick="x">a</p>')).toBe('attribut onclick')
    expect(findUnsafeHtml('<table style="min-width: 25px"></table>')).toBe('attribut style')
    expect(findUnsafeHtml('<script>x</script>')).toBe('balise script')
    expect(findUnsafeHtml('<a href="&#106;avascript:x">a</a>')).toBe('lien')
    expect(findUnsafeHtml('<img src="https://evil.example/x.png">')).toBe('image')
    expect(findUnsafeHtml('<div class="x">')).toBe('classe')
    expect(findUnsafeHtml('<p title=x>')).toBe('attribut title')
  })
})

// One good document per node type and mark, with its expected HTML and text.
const GOOD: { name: string; doc: JSONContent; html: string; text: string }[] = [
  { name: 'empty document', doc: emptyDoc(), html: '<p></p>', text: '' },
  { name: 'paragraphs', doc: d(p(t('Un')), p(t('Deux'))), html: '<p>Un</p><p>Deux</p>', text: 'Un\n\nDeux' },
  {
    name: 'headings 2 to 4',
    doc: d(...[2, 3, 4].map((level) => ({ type: 'heading', attrs: { level }, content: [t(`Titre ${level}`)] }))),
    html: '<h2>Titre 2</h2><h3>Titre 3</h3><h4>Titre 4</h4>',
    text: 'Titre 2\n\nTitre 3\n\nTitre 4',
  },
  {
    name: 'marks',
    doc: d(p(t('gras', [{ type: 'bold' }]), t(' '), t('italique', [{ type: 'italic' }]), t(' '), t('code', [{ type: 'code' }]))),
    html: '<p><strong>gras</strong> <em>italique</em> <code>code</code></p>',
    text: 'gras italique code',
  },
  {
    name: 'links',
    doc: d(
      p(
        t('site', [{ type: 'link', attrs: { href: 'https://essaim.example/a?b=1&c=2', target: null, rel: 'noopener noreferrer nofollow', class: null, title: null } }]),
        t(' et '),
        t('courriel', [{ type: 'link', attrs: { href: 'mailto:contact@essaim.example', target: null, rel: 'noopener noreferrer nofollow', class: null, title: 'Écrire' } }]),
      ),
    ),
    html: '<p><a rel="noopener noreferrer nofollow" href="https://essaim.example/a?b=1&amp;c=2">site</a> et <a rel="noopener noreferrer nofollow" href="mailto:contact@essaim.example" title="Écrire">courriel</a></p>',
    text: 'site et courriel',
  },
  {
    name: 'hard break',
    doc: d(p(t('ligne 1'), { type: 'hardBreak' }, t('ligne 2'))),
    html: '<p>ligne 1<br>ligne 2</p>',
    text: 'ligne 1\nligne 2',
  },
  {
    name: 'nested lists',
    doc: d({
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            p(t('un')),
            { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [p(t('trois'))] }, { type: 'listItem', content: [p(t('quatre'))] }] },
          ],
        },
        { type: 'listItem', content: [p(t('deux'))] },
      ],
    }),
    html: '<ul><li><p>un</p><ol start="3"><li><p>trois</p></li><li><p>quatre</p></li></ol></li><li><p>deux</p></li></ul>',
    text: '- un\n  3. trois\n  4. quatre\n- deux',
  },
  {
    name: 'blockquote and rule',
    doc: d({ type: 'blockquote', content: [p(t('citation'))] }, { type: 'horizontalRule' }, p(t('après'))),
    html: '<blockquote><p>citation</p></blockquote><hr><p>après</p>',
    text: 'citation\n\naprès',
  },
  {
    name: 'image',
    doc: d({ type: 'image', attrs: { src: '/fichiers/0192f0a1-7c3e-7abc/affiche%20%C3%A9t%C3%A9.png', alt: 'Affiche', title: null, width: null, height: null } }),
    html: '<img src="/fichiers/0192f0a1-7c3e-7abc/affiche%20%C3%A9t%C3%A9.png" alt="Affiche">',
    text: 'Affiche',
  },
  {
    name: 'table',
    doc: d({
      type: 'table',
      content: [
        { type: 'tableRow', content: [
          { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: 'center' }, content: [p(t('Commune'))] },
          { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p(t('Structures'))] },
        ] },
        { type: 'tableRow', content: [
          { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [120], align: null }, content: [p(t('Arras'))] },
          { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null, align: 'right' }, content: [p(t('12'))] },
        ] },
        { type: 'tableRow', content: [
          { type: 'tableCell', attrs: { colspan: 2, rowspan: 1, colwidth: null, align: null }, content: [p(t('Total'))] },
        ] },
      ],
    }),
    html: '<div class="table-wrapper"><table><tbody><tr><th class="align-center"><p>Commune</p></th><th><p>Structures</p></th></tr><tr><td><p>Arras</p></td><td class="align-right"><p>12</p></td></tr><tr><td colspan="2"><p>Total</p></td></tr></tbody></table></div>',
    text: 'Commune | Structures\nArras | 12\nTotal',
  },
]

describe('good documents', () => {
  test.each(GOOD.map((entry) => [entry.name, entry] as const))('%s: round-trips and derives HTML and text', (_name, entry) => {
    const first = accepted(JSON.stringify(entry.doc))
    expect(first.html).toBe(entry.html)
    expect(first.text).toBe(entry.text)
    assertSafeHtml(first.html)
    // The normalised document (all attributes filled in, as the editor's getJSON() gives) is a fixed point.
    const second = accepted(first.doc)
    expect(second.doc).toEqual(first.doc)
    expect(second.html).toBe(first.html)
    expect(JSON.parse(JSON.stringify(second.doc))).toEqual(second.doc)
  })

  test('the editor output (attributes filled in) comes back unchanged', () => {
    const doc = accepted(GOOD.find((entry) => entry.name === 'table')!.doc).doc
    expect(accepted(JSON.stringify(doc)).doc).toEqual(doc)
    expect(doc.content?.[0]?.content?.[1]?.content?.[0]?.attrs).toEqual({ colspan: 1, rowspan: 1, colwidth: [120], align: null })
  })

  test('the returned document is a fresh copy, not the input object', () => {
    const input = d(p(t('a')))
    const result = accepted(input)
    expect(result.doc).not.toBe(input)
    expect(result.doc.content?.[0]).not.toBe(input.content?.[0])
  })

  test('charCount counts characters as the editor does', () => {
    expect(accepted(d(p(t('abc')), p(t('dé')))).charCount).toBe(5)
    expect(accepted(emptyDoc()).charCount).toBe(0)
  })
})

describe('limits', () => {
  test('maxChars: at the limit passes, one more is refused with a French sentence', () => {
    expect(parseRichText(d(p(t('a'.repeat(50)))), { maxChars: 50 }).ok).toBe(true)
    expect(parseRichText(d(p(t('a'.repeat(51)))), { maxChars: 50 })).toEqual({
      ok: false,
      error: 'Le texte est trop long (50 caractères au maximum).',
    })
    const big = parseRichText(d(p(t('a'.repeat(100_001)))), { maxBytes: 1_000_000 })
    expect(big).toEqual({ ok: false, error: 'Le texte est trop long (100\u202f000 caractères au maximum).' })
  })

  test('maxBytes applies to JSON strings and to objects', () => {
    const doc = d(p(t('a'.repeat(2000))))
    expect(parseRichText(JSON.stringify(doc), { maxBytes: 1024 })).toEqual({ ok: false, error: 'Le contenu est trop volumineux (1 Ko au maximum).' })
    expect(parseRichText(doc, { maxBytes: 1024 })).toEqual({ ok: false, error: 'Le contenu est trop volumineux (1 Ko au maximum).' })
    expect(parseRichText(doc, { maxBytes: 4096 }).ok).toBe(true)
  })

  test('maxDepth counts nesting levels', () => {
    const nested = (depth: number) => {
      let node: JSONContent = p(t('a'))
      for (let i = 0; i < depth; i += 1) node = { type: 'blockquote', content: [node] }
      return d(node)
    }
    // doc (0) > blockquote × n > paragraph > text: depth n + 2
    expect(parseRichText(nested(38)).ok).toBe(true)
    expect(parseRichText(nested(39))).toEqual({ ok: false, error: 'Le document est trop profondément imbriqué (40 niveaux au maximum).' })
    expect(parseRichText(nested(5), { maxDepth: 6 })).toEqual({ ok: false, error: 'Le document est trop profondément imbriqué (6 niveaux au maximum).' })
  })

  test('lists nest at most 8 levels', () => {
    const lists = (depth: number) => {
      let node: JSONContent = p(t('a'))
      for (let i = 0; i < depth; i += 1) node = { type: 'bulletList', content: [{ type: 'listItem', content: i === 0 ? [node] : [p(t('n')), node] }] }
      return d(node)
    }
    expect(parseRichText(lists(8)).ok).toBe(true)
    expect(parseRichText(lists(9))).toEqual({ ok: false, error: 'Les listes sont trop imbriquées (8 niveaux au maximum).' })
  })

  test('specific French messages for common refusals', () => {
    expect(parseRichText('')).toEqual({ ok: false, error: 'Le contenu est vide.' })
    expect(parseRichText('{')).toEqual({ ok: false, error: 'Le contenu envoyé n’est pas un document valide (JSON illisible).' })
    expect(parseRichText(d({ type: 'script' }))).toEqual({ ok: false, error: 'Le contenu contient un élément non autorisé : « script ».' })
    expect(parseRichText(d({ type: 'paragraph', attrs: { onclick: 'x' } }))).toEqual({
      ok: false,
      error: 'Le contenu contient un élément non autorisé : attribut « onclick » sur paragraphe.',
    })
    expect(parseRichText(d(p(t('a', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]))))).toEqual({
      ok: false,
      error: 'Le lien « javascript:alert(1) » n’est pas autorisé : seules les adresses commençant par http://, https:// ou mailto: sont acceptées.',
    })
    expect(parseRichText(d({ type: 'image', attrs: { src: 'https://evil.example/x.png' } }))).toEqual({
      ok: false,
      error: 'Les images doivent être des fichiers déposés sur Essaim (adresse /fichiers/…).',
    })
  })
})

describe('textToDoc', () => {
  test('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(textToDoc('Premier paragraphe\nsuite\r\n\r\n  \n Deuxième   paragraphe ')).toEqual(
      d(p(t('Premier paragraphe'), { type: 'hardBreak' }, t('suite')), p(t('Deuxième paragraphe'))),
    )
  })

  test('empty or blank text gives the empty document', () => {
    expect(textToDoc('')).toEqual(emptyDoc())
    expect(textToDoc(' \n\n \t ')).toEqual(emptyDoc())
  })

  test('its output is accepted and its text comes back', () => {
    const plain = 'Un <b>gras</b> ?\n\nDeux\u0000 lignes\nici'
    const result = accepted(textToDoc(plain))
    expect(result.text).toBe('Un <b>gras</b> ?\n\nDeux lignes\nici')
    expect(result.html).toBe('<p>Un &lt;b&gt;gras&lt;/b&gt; ?</p><p>Deux lignes<br>ici</p>')
  })
})

describe('typedDoc (a refused form shows the typed document again)', () => {
  const form = (body: string) => {
    const data = new FormData()
    data.set('body', body)
    return data
  }
  test('a document comes back parsed; nothing, junk and non-objects give null', () => {
    expect(typedDoc(form(JSON.stringify(textToDoc('Bonjour'))), 'body')).toEqual(textToDoc('Bonjour'))
    expect(typedDoc(new FormData(), 'body')).toBeNull()
    for (const junk of ['', '  ', '{', '42', '"texte"', 'null']) expect(typedDoc(form(junk), 'body')).toBeNull()
  })
  test('a document nested thousands of levels deep gives null, not a stack overflow when the answer is encoded', () => {
    const deep = `${'{"type":"doc","content":['.repeat(10_000)}${']}'.repeat(10_000)}`
    expect(typedDoc(form(deep), 'body')).toBeNull()
    const nested = (depth: number) => `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(depth)}{"type":"paragraph"}${']}'.repeat(depth)}]}`
    expect(typedDoc(form(nested(60)), 'body')).not.toBeNull()
    expect(typedDoc(form(nested(200)), 'body')).toBeNull()
  })
})
