import { Window } from 'happy-dom'
import { GLOSSARY, type GlossaryTerm, glossaryHref } from './glossary.ts'

// Links the glossary's terms where they first appear in a resource's stored HTML, on the server at render (no
// layout shift, nothing for the browser to do). The HTML is parsed (happy-dom, already the rich-text pipeline's
// DOM), and only text nodes change: never inside a link, a heading, code or an <abbr>; one link per term, at its
// first linkable occurrence; whole words only; accents, apostrophes and case folded for words, acronyms matched in
// capitals (« SCIC ») or with a capital first letter (« Scic »); a final « s » allowed (« les SCOPs »). A term the
// text already links to the glossary is not linked again. Without any match the HTML is returned untouched.

const SKIPPED = new Set(['A', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'CODE', 'PRE', 'ABBR', 'SCRIPT', 'STYLE', 'BUTTON', 'LABEL'])
const TEXT_NODE = 3
const ELEMENT_NODE = 1

type Form = { text: string; folded: string; acronym: boolean; capitalsOnly: boolean }
type Matcher = { term: GlossaryTerm; forms: Form[] }

/** One code unit for one code unit: lowercase, accents dropped, typographic apostrophe and no-break spaces plain. */
export function fold(text: string): string {
  let out = ''
  for (const char of text) {
    if (char.length !== 1) {
      out += char
      continue
    }
    if (char === '’' || char === 'ʼ') out += "'"
    else if (char === '\u00a0' || char === '\u202f') out += ' '
    else {
      const lower = char.toLowerCase()
      const base = (lower.length === 1 ? lower : char).normalize('NFD').charAt(0)
      out += base
    }
  }
  return out
}

const isAcronym = (form: string) => form === form.toUpperCase() && /\p{Lu}/u.test(form)

function matchersOf(terms: readonly GlossaryTerm[]): Matcher[] {
  return terms.map((term) => {
    const texts = [term.term, term.expansion, ...(term.aliases ?? [])].filter((t): t is string => Boolean(t))
    const forms = [...new Set(texts)].map((text) => ({ text, folded: fold(text), acronym: isAcronym(text), capitalsOnly: Boolean(term.capitalsOnly) }))
    // Longest first: « FSE+ » before « FSE », « société coopérative de production » before a shorter form.
    forms.sort((a, b) => b.text.length - a.text.length)
    return { term, forms }
  })
}

const DEFAULT_MATCHERS = matchersOf(GLOSSARY)
const wordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c)

/** Whether `original[start, start+length)` (plus an optional final « s ») is this form as a whole word; its length. */
function matchAt(original: string, start: number, form: Form): number | null {
  let length = form.text.length
  const slice = original.slice(start, start + length)
  if (form.acronym) {
    const title = form.text.charAt(0) + form.text.slice(1).toLowerCase()
    if (!(slice === form.text || (!form.capitalsOnly && slice === title))) return null
  }
  if (original[start + length] === 's' || original[start + length] === 'S') {
    if (!wordChar(original[start + length + 1])) length++
  }
  if (wordChar(original[start - 1]) || wordChar(original[start + length])) return null
  // « FSE+ » is a whole word; « FSE » followed by « + » is the longer form's business.
  return length
}

function firstMatch(text: string, matchers: readonly Matcher[]): { matcher: Matcher; form: Form; start: number; length: number } | null {
  const folded = fold(text)
  let best: { matcher: Matcher; form: Form; start: number; length: number } | null = null
  for (const matcher of matchers) {
    for (const form of matcher.forms) {
      let from = 0
      while (from <= folded.length) {
        const start = folded.indexOf(form.folded, from)
        if (start < 0 || (best && start > best.start)) break
        const length = matchAt(text, start, form)
        if (length !== null) {
          if (!best || start < best.start || (start === best.start && length > best.length)) best = { matcher, form, start, length }
          break
        }
        from = start + 1
      }
    }
  }
  return best
}

let window: Window | undefined
function documentOf() {
  window ??= new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } })
  return window.document
}

/** The stored HTML with each glossary term linked at its first linkable occurrence. */
export function linkGlossaryTerms(html: string, terms?: readonly GlossaryTerm[]): string {
  const matchers = terms ? matchersOf(terms) : DEFAULT_MATCHERS
  if (!html || matchers.length === 0) return html
  const document = documentOf()
  const root = document.createElement('div')
  root.innerHTML = html
  const pending = new Map(matchers.map((m) => [m.term.slug, m]))
  // Terms the text already links to.
  for (const link of root.querySelectorAll('a[href^="/glossaire#"]')) pending.delete(String(link.getAttribute('href')).slice('/glossaire#'.length))
  let changed = false

  const walk = (node: ReturnType<typeof document.createElement>) => {
    for (let child = node.firstChild; child && pending.size > 0; child = child.nextSibling) {
      if (child.nodeType === ELEMENT_NODE) {
        if (!SKIPPED.has((child as typeof node).tagName)) walk(child as typeof node)
        continue
      }
      if (child.nodeType !== TEXT_NODE) continue
      let text = child as unknown as { data: string; splitText(offset: number): typeof text } & ChildNode
      for (;;) {
        const found = firstMatch(text.data, [...pending.values()])
        if (!found) break
        const matched = text.splitText(found.start)
        const rest = matched.splitText(found.length)
        const link = document.createElement('a')
        link.setAttribute('href', glossaryHref(found.matcher.term.slug))
        link.setAttribute('class', 'glossary-term')
        const { term } = found.matcher
        if (found.form.acronym && term.expansion) {
          const abbr = document.createElement('abbr')
          abbr.setAttribute('title', term.expansion)
          abbr.textContent = matched.data
          link.appendChild(abbr)
          link.setAttribute('title', `${term.term} : ${term.expansion}, définition dans le glossaire`)
        } else {
          link.textContent = matched.data
          link.setAttribute('title', `${term.term} : définition dans le glossaire`)
        }
        matched.replaceWith(link as unknown as string)
        pending.delete(term.slug)
        changed = true
        text = rest
        child = rest as unknown as typeof child
        if (pending.size === 0) break
      }
    }
  }
  walk(root)
  return changed ? root.innerHTML : html
}
