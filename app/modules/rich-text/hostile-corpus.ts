import type { JSONContent } from '@tiptap/core'

// Hostile inputs for parseRichText, generated programmatically. Every payload that could run sets
// `window.__pwned` (the browser test checks it). `expect` says what the server must do:
// - 'reject': refused with a French error;
// - 'accept': stored, because the hostile part is plain text or a plain attribute the HTML serialiser escapes.

export type HostileCase = { name: string; input: unknown; expect: 'reject' | 'accept' }

export const PWN = 'window.__pwned=1'

const text = (value: string, marks?: JSONContent['marks']): JSONContent =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value }
const paragraph = (...content: JSONContent[]): JSONContent =>
  content.length ? { type: 'paragraph', content } : { type: 'paragraph' }
const doc = (...content: unknown[]) => ({ type: 'doc', content })
const link = (href: unknown, extra: Record<string, unknown> = {}) =>
  doc(paragraph(text('cliquez ici', [{ type: 'link', attrs: { href, ...extra } } as never])))
const image = (attrs: Record<string, unknown>) => doc({ type: 'image', attrs })
const cell = (type = 'tableCell', attrs?: Record<string, unknown>): JSONContent =>
  attrs ? { type, attrs, content: [paragraph(text('x'))] } : { type, content: [paragraph(text('x'))] }
const row = (...cells: JSONContent[]): JSONContent => ({ type: 'tableRow', content: cells })
const table = (...rows: unknown[]) => doc({ type: 'table', content: rows })

// 1. Script URLs in every disguise (links and images).
const SCRIPT_URLS: string[] = [
  `javascript:${PWN}`,
  `JAVASCRIPT:${PWN}`,
  `JaVaScRiPt:${PWN}`,
  ` javascript:${PWN}`,
  `\tjavascript:${PWN}`,
  `\njavascript:${PWN}`,
  `\u0000javascript:${PWN}`,
  `\u0001javascript:${PWN}`,
  `\u001fjavascript:${PWN}`,
  `\u00a0javascript:${PWN}`,
  `\u2028javascript:${PWN}`,
  `\ufeffjavascript:${PWN}`,
  `java\tscript:${PWN}`,
  `java\nscript:${PWN}`,
  `java\rscript:${PWN}`,
  `java\u0000script:${PWN}`,
  `java\u200bscript:${PWN}`,
  `java\u00adscript:${PWN}`,
  `&#106;avascript:${PWN}`,
  `&#x6A;avascript:${PWN}`,
  `&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${PWN}`,
  `javascript&colon;${PWN}`,
  `javascript&#58;${PWN}`,
  `jav&#x09;ascript:${PWN}`,
  `%6A%61%76%61%73%63%72%69%70%74:${PWN}`,
  `javascript%3A${PWN}`,
  `\\u006aavascript:${PWN}`,
  '\u006aavascript:window.__pwned=1',
  `ｊａｖａｓｃｒｉｐｔ:${PWN}`,
  `javascript://%0a${PWN}`,
  `javascript://example.org/%0a${PWN}`,
  `vbscript:msgbox(1)`,
  `VBScript:msgbox(1)`,
  `data:text/html,<script>${PWN}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+`,
  `DATA:text/html,<script>${PWN}</script>`,
  `data:image/svg+xml,<svg onload="${PWN}"/>`,
  'file:///etc/passwd',
  '//evil.example/x',
  '\\\\evil.example\\x',
  '/\\evil.example',
  `https:javascript:${PWN}`,
  `http:${PWN}`,
  `mailto:javascript:${PWN}`,
  `https://example.org" onmouseover="${PWN}`,
  `https://example.org'><script>${PWN}</script>`,
  'https://user:motdepasse@example.org/',
  'https://',
  'ftp://example.org/fichier',
  'tel:+33300000000',
  `blob:https://example.org/${PWN}`,
  '',
]

// 2. Extra attributes: event handlers and styles on every node type and mark.
const NODE_SAMPLES: Record<string, () => { node: JSONContent; wrap: (node: JSONContent) => unknown }> = {
  doc: () => ({ node: paragraph(text('a')), wrap: () => null }),
  paragraph: () => ({ node: paragraph(text('a')), wrap: (node) => doc(node) }),
  heading: () => ({ node: { type: 'heading', attrs: { level: 2 }, content: [text('a')] }, wrap: (node) => doc(node) }),
  bulletList: () => ({
    node: { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('a'))] }] },
    wrap: (node) => doc(node),
  }),
  orderedList: () => ({
    node: { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph(text('a'))] }] },
    wrap: (node) => doc(node),
  }),
  listItem: () => ({
    node: { type: 'listItem', content: [paragraph(text('a'))] },
    wrap: (node) => doc({ type: 'bulletList', content: [node] }),
  }),
  blockquote: () => ({ node: { type: 'blockquote', content: [paragraph(text('a'))] }, wrap: (node) => doc(node) }),
  hardBreak: () => ({ node: { type: 'hardBreak' }, wrap: (node) => doc(paragraph(text('a'), node)) }),
  horizontalRule: () => ({ node: { type: 'horizontalRule' }, wrap: (node) => doc(node) }),
  image: () => ({ node: { type: 'image', attrs: { src: '/fichiers/abc/photo.png' } }, wrap: (node) => doc(node) }),
  table: () => ({ node: { type: 'table', content: [row(cell())] }, wrap: (node) => doc(node) }),
  tableRow: () => ({ node: row(cell()), wrap: (node) => doc({ type: 'table', content: [node] }) }),
  tableHeader: () => ({ node: cell('tableHeader'), wrap: (node) => doc({ type: 'table', content: [row(node)] }) }),
  tableCell: () => ({ node: cell(), wrap: (node) => doc({ type: 'table', content: [row(node)] }) }),
  text: () => ({ node: text('a'), wrap: (node) => doc(paragraph(node)) }),
}

const EXTRA_ATTRS: Record<string, unknown>[] = [
  { onclick: PWN },
  { onerror: PWN },
  { onmouseover: PWN },
  { style: 'background:url(javascript:alert(1))' },
  { class: 'x" onclick="' },
]

const MARK_TYPES = ['bold', 'italic', 'code', 'link']

// 3. Unknown node and mark types.
const UNKNOWN_NODES = [
  'script',
  'iframe',
  'style',
  'object',
  'embed',
  'svg',
  'math',
  'codeBlock',
  'video',
  'audio',
  'div',
  'span',
  'form',
  'input',
  'mention',
  'details',
  'Paragraph',
  '',
  'constructor',
  '__proto__',
  'toString',
]
const UNKNOWN_MARKS = ['underline', 'strike', 'textStyle', 'highlight', 'script', 'subscript', 'constructor', '']

function deep(depth: number, type: 'blockquote' | 'bulletList'): unknown {
  let node: unknown = paragraph(text('fond'))
  for (let i = 0; i < depth; i += 1) {
    node =
      type === 'blockquote'
        ? { type: 'blockquote', content: [node] }
        : { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('n')), node] }] }
  }
  return doc(node)
}

function deepString(depth: number) {
  return `${'{"type":"doc","content":['.repeat(depth)}${']}'.repeat(depth)}`
}

function cyclic() {
  const node: Record<string, unknown> = { type: 'blockquote', content: [] }
  ;(node.content as unknown[]).push(node)
  return doc(node)
}

class NotPlain {
  type = 'doc'
  content = [paragraph(text('a'))]
}

export function buildHostileCorpus(): HostileCase[] {
  const cases: HostileCase[] = []
  const add = (name: string, input: unknown, expect: HostileCase['expect'] = 'reject'): void => {
    cases.push({ name, input, expect })
  }

  SCRIPT_URLS.forEach((href, index) => {
    add(`link href #${index} ${JSON.stringify(href).slice(0, 40)}`, link(href))
    add(`image src #${index} ${JSON.stringify(href).slice(0, 40)}`, image({ src: href }))
  })
  add('link href as JSON string with unicode escapes', JSON.stringify(link('x')).replace('"x"', '"\\u006aavascript:alert(1)"'))
  add('link href number', link(42))
  add('link href object', link({ toString: 'javascript:alert(1)' }))
  add('link href array', link(['javascript:alert(1)']))
  add('link without href', doc(paragraph(text('a', [{ type: 'link' }]))))
  add('link target _blank', link('https://example.org', { target: '_blank' }))
  add('link rel opener', link('https://example.org', { rel: 'opener' }))
  add('link class', link('https://example.org', { class: 'x' }))
  add('link title with quotes', link('https://example.org', { title: `" onmouseover="${PWN}` }), 'accept')

  for (const [type, sample] of Object.entries(NODE_SAMPLES)) {
    EXTRA_ATTRS.forEach((extra, index) => {
      const { node, wrap } = sample()
      if (type === 'doc') {
        add(`doc extra attr #${index}`, { type: 'doc', attrs: extra, content: [node] })
        return
      }
      add(`${type} extra attr #${index}`, wrap({ ...node, attrs: { ...(node.attrs ?? {}), ...extra } }))
    })
  }
  for (const mark of MARK_TYPES) {
    EXTRA_ATTRS.forEach((extra, index) => {
      const attrs = mark === 'link' ? { href: 'https://example.org', ...extra } : extra
      add(`mark ${mark} extra attr #${index}`, doc(paragraph(text('a', [{ type: mark, attrs } as never]))))
    })
    add(`mark ${mark} extra key`, doc(paragraph(text('a', [{ type: mark, onclick: PWN } as never]))))
  }

  for (const type of UNKNOWN_NODES) {
    add(`unknown node ${JSON.stringify(type)} at top level`, doc({ type, content: [paragraph(text(PWN))] }))
    add(`unknown inline node ${JSON.stringify(type)}`, doc(paragraph({ type, text: `<script>${PWN}</script>` })))
  }
  for (const type of UNKNOWN_MARKS) {
    add(`unknown mark ${JSON.stringify(type)}`, doc(paragraph(text('a', [{ type } as never]))))
  }

  add('__proto__ key on node (JSON)', `{"type":"doc","content":[{"type":"paragraph","__proto__":{"onclick":"x"}}]}`)
  add('__proto__ key in attrs (JSON)', `{"type":"doc","content":[{"type":"heading","attrs":{"level":2,"__proto__":{"x":1}}}]}`)
  add('__proto__ key on mark (JSON)', `{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"a","marks":[{"type":"bold","__proto__":{}}]}]}]}`)
  add('__proto__ key on doc (JSON)', `{"type":"doc","__proto__":{"type":"doc"},"content":[]}`)
  add('constructor key in attrs', doc({ type: 'heading', attrs: { level: 2, constructor: PWN }, content: [text('a')] }))
  add('prototype key in attrs', doc({ type: 'paragraph', attrs: { prototype: {} } }))
  add('toString key in attrs', doc({ type: 'paragraph', attrs: { toString: PWN } }))
  add('hasOwnProperty key in attrs', doc({ type: 'paragraph', attrs: { hasOwnProperty: 1 } }))
  add('constructor key on node', doc({ type: 'paragraph', constructor: { prototype: { polluted: true } } }))
  add('Object.create(null) with extra key', Object.assign(Object.create(null), { type: 'doc', content: [], evil: 1 }))

  add('huge text (over 200 Ko)', doc(paragraph(text('a'.repeat(300_000)))))
  add('huge JSON string (over 200 Ko)', JSON.stringify(doc(paragraph(text('é'.repeat(120_000))))))
  add('too many characters (over 100 000)', doc(...Array.from({ length: 101 }, () => paragraph(text('b'.repeat(1000))))))
  add('huge alt text', image({ src: '/fichiers/abc/photo.png', alt: 'a'.repeat(10_000) }))
  add('huge number of empty paragraphs', doc(...Array.from({ length: 50_000 }, () => paragraph())))
  add('huge href', link(`https://example.org/${'a'.repeat(5000)}`))

  add('10 000 nested blockquotes', deep(10_000, 'blockquote'))
  add('10 000 nested lists', deep(10_000, 'bulletList'))
  add('10 000 nested docs (JSON string)', deepString(10_000))
  add('10 000 nested arrays (JSON string)', `{"type":"doc","content":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)
  add('41 nested blockquotes', deep(41, 'blockquote'))
  add('9 nested lists', deep(9, 'bulletList'))
  add('cyclic object', cyclic())

  const nonObjects: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['zero', 0],
    ['number', 42],
    ['NaN', Number.NaN],
    ['true', true],
    ['empty array', []],
    ['array of doc', [doc(paragraph(text('a')))]],
    ['plain string', 'bonjour'],
    ['empty string', ''],
    ['spaces', '   '],
    ['bigint', 10n],
    ['symbol', Symbol('doc')],
    ['function', () => doc()],
    ['date', new Date()],
    ['map', new Map([['type', 'doc']])],
    ['class instance', new NotPlain()],
    ['doc with string content', { type: 'doc', content: 'abc' }],
    ['doc with object content', { type: 'doc', content: { 0: paragraph() } }],
    ['doc without type', { content: [paragraph()] }],
    ['type Doc', { type: 'Doc', content: [paragraph()] }],
    ['top-level paragraph', paragraph(text('a'))],
    ['getter that throws', Object.defineProperty({ type: 'doc' }, 'content', { enumerable: true, get: () => { throw new Error('boom') } })],
    ['proxy that throws', new Proxy({}, { ownKeys: () => { throw new Error('boom') } })],
  ]
  for (const [name, input] of nonObjects) add(`non-document: ${name}`, input)

  const invalidJson = [
    '{',
    '{"type":"doc"',
    "{'type':'doc'}",
    'undefined',
    'NaN',
    '[1,2',
    '\u0000',
    '{"type":"doc","content":[],}',
    '"{\\"type\\":\\"doc\\"}"',
    'null',
    '<p onclick="x">html</p>',
    '{"type":"doc","content":[{"type":"paragraph"}]} trailing',
  ]
  for (const [index, input] of invalidJson.entries()) add(`invalid JSON #${index}`, input)

  const badSrcs = [
    'https://evil.example/x.png',
    'http://localhost/fichiers/abc/x.png',
    '/fichiers/../etc/passwd',
    '/fichiers/abc/..',
    '/fichiers/abc/%2e%2e',
    '/fichiers/abc/a%2Fb.png',
    '/fichiers/abc/a%5Cb.png',
    '/fichiers/abc/a%00.png',
    '/fichiers/abc/a%ZZ.png',
    '/fichiers/a/b/c.png',
    '/fichiers/abc/',
    '/fichiers//x.png',
    ' /fichiers/abc/x.png',
    '/fichiers/abc/x.png?onerror=1',
    '/fichiers/abc/x.png#frag',
    '/FICHIERS/abc/x.png',
    '/uploads/abc/x.png',
    'fichiers/abc/x.png',
    '/fichiers/abc/x".png',
  ]
  for (const [index, src] of badSrcs.entries()) add(`image bad src #${index} ${src.slice(0, 30)}`, image({ src }))
  add('image without src', image({ alt: 'a' }))
  add('image width string', image({ src: '/fichiers/abc/x.png', width: '100" onload="x' }))
  add('image inside paragraph', doc(paragraph({ type: 'image', attrs: { src: '/fichiers/abc/x.png' } })))
  add('image alt with script', image({ src: '/fichiers/abc/x.png', alt: `"><script>${PWN}</script>` }), 'accept')

  add('table: text directly in row', table({ type: 'tableRow', content: [text('x')] }))
  add('table: cell outside row', table(cell()))
  add('table: no rows', table())
  add('table: empty row', table(row()))
  add('table: uneven rows', table(row(cell(), cell()), row(cell())))
  add('table: colspan 0', table(row(cell('tableCell', { colspan: 0 }))))
  add('table: colspan 1000', table(row(cell('tableCell', { colspan: 1000 }))))
  add('table: colspan string', table(row(cell('tableCell', { colspan: '2' }))))
  add('table: rowspan negative', table(row(cell('tableCell', { rowspan: -1 }))))
  add('table: rowspan overflows', table(row(cell('tableCell', { rowspan: 3 }))))
  add('table: colwidth strings', table(row(cell('tableCell', { colwidth: ['100px'] }))))
  add('table: align justify', table(row(cell('tableCell', { align: 'justify' }))))
  add('table: align with CSS', table(row(cell('tableCell', { align: 'left;background:url(x)' }))))
  add('table: nested table', table(row({ type: 'tableCell', content: [{ type: 'table', content: [row(cell())] }] })))
  add('table: row at top level', doc(row(cell())))
  add('table: cell at top level', doc(cell()))
  add('table: empty cell', table(row({ type: 'tableCell', content: [] })))
  add('table: 3000 cells', table(...Array.from({ length: 100 }, () => row(...Array.from({ length: 30 }, () => cell())))))

  for (const level of [0, 1, 5, 6, 7, '2', 2.5, null, -1, 1e9]) {
    add(`heading level ${JSON.stringify(level)}`, doc({ type: 'heading', attrs: { level }, content: [text('a')] }))
  }
  add('heading without level (defaults to 1)', doc({ type: 'heading', content: [text('a')] }))

  const junkMarks: unknown[] = [
    'bold',
    [null],
    [1],
    [{}],
    [[]],
    [{ type: 'bold', attrs: { x: 1 } }],
    [{ type: 'bold', attrs: 'x' }],
    [{ type: 42 }],
    [{ type: 'bold' }, { type: 'bold' }],
    Array.from({ length: 20 }, () => ({ type: 'bold' })),
    { 0: { type: 'bold' } },
  ]
  for (const [index, marks] of junkMarks.entries()) {
    add(`junk marks #${index}`, doc(paragraph({ type: 'text', text: 'a', marks } as never)))
  }
  add('marks on a paragraph', doc({ type: 'paragraph', marks: [{ type: 'bold' }], content: [text('a')] }))
  add('code mark with link', doc(paragraph(text('a', [{ type: 'code' }, { type: 'link', attrs: { href: 'https://example.org' } }]))))

  add('empty text node', doc(paragraph({ type: 'text', text: '' })))
  add('text number', doc(paragraph({ type: 'text', text: 42 } as never)))
  add('text with NUL', doc(paragraph(text('a\u0000b'))))
  add('text with escape char', doc(paragraph(text('a\u001b[31mb'))))
  add('text with content', doc(paragraph({ type: 'text', text: 'a', content: [] } as never)))
  add('text with attrs', doc(paragraph({ type: 'text', text: 'a', attrs: { onclick: PWN } })))
  add('text at doc level', doc(text('a')))
  add('paragraph with text key', doc({ type: 'paragraph', text: 'a' }))
  add('list item outside list', doc({ type: 'listItem', content: [paragraph()] }))
  add('list with paragraph child', doc({ type: 'bulletList', content: [paragraph()] }))
  add('orderedList start negative', doc({ type: 'orderedList', attrs: { start: -1 }, content: [{ type: 'listItem', content: [paragraph()] }] }))
  add('orderedList start string', doc({ type: 'orderedList', attrs: { start: '1" onclick="x' }, content: [{ type: 'listItem', content: [paragraph()] }] }))
  add('orderedList type injection', doc({ type: 'orderedList', attrs: { type: '1" onclick="x' }, content: [{ type: 'listItem', content: [paragraph()] }] }))
  add('hardBreak with content', doc(paragraph({ type: 'hardBreak', content: [text('a')] })))

  // Accepted: hostile-looking text is only text, escaped by the serialiser.
  const textPayloads = [
    `<script>${PWN}</script>`,
    `<img src=x onerror="${PWN}">`,
    `"><svg onload=${PWN}>`,
    `javascript:${PWN}`,
    `<a href="javascript:${PWN}">x</a>`,
    `</p><iframe src="javascript:${PWN}"></iframe>`,
    `{{constructor.constructor('${PWN}')()}}`,
    `&lt;script&gt;${PWN}&lt;/script&gt;`,
    `<!--<script>${PWN}</script>-->`,
    `<style>body{background:url(javascript:${PWN})}</style>`,
  ]
  textPayloads.forEach((payload, index) => {
    add(`text payload #${index}`, doc(paragraph(text(payload))), 'accept')
    add(`text payload #${index} in heading, list and cell`, doc(
      { type: 'heading', attrs: { level: 3 }, content: [text(payload, [{ type: 'bold' }])] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text(payload, [{ type: 'italic' }]))] }] },
      { type: 'table', content: [row({ type: 'tableHeader', content: [paragraph(text(payload, [{ type: 'code' }]))] })] },
    ), 'accept')
  })
  add('safe link with hostile text', doc(paragraph(text(`<script>${PWN}</script>`, [{ type: 'link', attrs: { href: 'https://example.org/?q=<script>' } }]))), 'reject')
  add('safe link with encoded query', doc(paragraph(text('ok', [{ type: 'link', attrs: { href: 'https://example.org/?q=%3Cscript%3E&x="' } }]))), 'reject')
  add('safe link with javascript in path', doc(paragraph(text('ok', [{ type: 'link', attrs: { href: 'https://example.org/javascript:alert(1)' } }]))), 'accept')
  return cases
}
