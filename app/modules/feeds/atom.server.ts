import { Feed } from 'feed'
import { escapeHtml } from '#app/modules/email/templates.server.ts'
import { stripControlCharacters } from '#app/utils/text.ts'

// The one Atom builder of the site (/flux/ressources.atom and /flux/appels.atom), over the `feed` library. What a feed
// reader needs (reference-systems.md §G.5): a permanent `atom:id` for the feed and each entry (a `tag:` URI from the
// database id, never from a title or a slug), `updated` on the feed and on each entry, `rel="self"` and
// `rel="alternate"` links.
//
// Escaping. `feed` writes through xml-js, whose handling we make exact here rather than trust:
// - entry titles and summaries go out as `type="html"` in CDATA: we write them as HTML, every text escaped, so that a
//   title « Appel <FSE+> & co » reads as that text, never as markup (and no `]]>` can end the CDATA early);
// - text elements (the feed title and subtitle, author names) are escaped by xml-js, but it first turns `&amp;` back
//   into `&`: we escape `&` once ourselves, so that a literal « &amp; » survives;
// - attributes (category labels) get `&` and `"` escaped but not `<`, which XML forbids there: a `<` in a label is
//   written as `‹` (labels are our own vocabulary: kinds, themes, territories);
// - control characters, which XML 1.0 forbids, are removed from every text.

export type AtomCategory = { term: string; label: string; scheme: string }

export type AtomEntry = {
  /** Permanent id: `tagUri(…)`. */
  id: string
  title: string
  url: string
  /** The summary as HTML (built with `escapeHtml` from plain text). */
  summaryHtml: string
  authors: string[]
  categories: AtomCategory[]
  published: string
  updated: string
}

export type AtomFeedInput = {
  id: string
  title: string
  subtitle: string
  selfUrl: string
  alternateUrl: string
  entries: readonly AtomEntry[]
}

/** When a feed has no entry, its `updated`: a fixed instant, so that an empty feed keeps its validator. */
export const EMPTY_FEED_UPDATED = '2026-01-01T00:00:00.000Z'

/** `tag:` URI (RFC 4151) of one thing of the site: its authority is the site's host, dated 2026 once for all. */
export function tagUri(host: string, ...parts: string[]): string {
  return `tag:${host},2026:${parts.join(':')}`
}

const clean = (value: string) => stripControlCharacters(value)
const textElement = (value: string) => clean(value).replace(/&/g, '&amp;')
const attribute = (value: string) => clean(value).replace(/</g, '‹')

/** Plain text as HTML for a `type="html"` element. */
export function htmlText(value: string): string {
  return escapeHtml(clean(value))
}

export function buildAtomFeed(input: AtomFeedInput): string {
  // The latest change of an entry (ISO-8601 UTC strings sort as instants).
  const updated = [EMPTY_FEED_UPDATED, ...input.entries.map((entry) => entry.updated)].sort().at(-1) ?? EMPTY_FEED_UPDATED
  const feed = new Feed({
    id: input.id,
    title: textElement(input.title),
    description: textElement(input.subtitle),
    updated: new Date(updated),
    link: input.alternateUrl,
    feedLinks: { atom: input.selfUrl },
    language: 'fr',
    // Entries without a person or structure to name (never in practice) still have an author, as Atom requires.
    author: { name: 'Essaim' },
    copyright: 'Licence Ouverte 2.0 (Etalab)',
    generator: false,
  })
  for (const entry of input.entries) {
    feed.addItem({
      id: entry.id,
      title: htmlText(entry.title),
      link: entry.url,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      description: entry.summaryHtml,
      author: entry.authors.map((name) => ({ name: textElement(name) })),
      category: entry.categories.map((c) => ({ term: attribute(c.term), name: attribute(c.label), scheme: c.scheme })),
    })
  }
  return feed.atom1()
}
