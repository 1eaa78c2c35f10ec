import { parseAtomFeed } from 'feedsmith'
import { describe, expect, test } from 'vitest'
import { hasControlCharacters } from '#app/utils/text.ts'
import { EMPTY_FEED_UPDATED, buildAtomFeed, htmlText, tagUri } from './atom.server.ts'

// The escaping the builder adds around the `feed` library (see atom.server.ts): each case is one where the library
// alone writes a wrong or invalid document.

const base = {
  id: tagUri('essaim.example', 'feed', 'test'),
  subtitle: 'Sous-titre',
  selfUrl: 'https://essaim.example/flux/ressources.atom?type=formation&theme=x',
  alternateUrl: 'https://essaim.example/ressources?type=formation&theme=x',
}

const entry = {
  id: tagUri('essaim.example', 'resource', '0193b000-0000-7000-8000-000000000001'),
  title: 'Appel <FSE+> & « co » ]]> fin',
  url: 'https://essaim.example/ressources/appel?x=1&y=2',
  summaryHtml: `<p>${htmlText('Résumé <b> & "cité"')}</p>`,
  authors: ['Coop & <Cie>', 'Mots &amp; merveilles'],
  categories: [{ term: 'theme-a', label: 'Eau <et> "air" & terre', scheme: 'https://essaim.example/ressources?theme=' }],
  published: '2026-11-01T10:00:00.000Z',
  updated: '2026-11-02T10:00:00.000Z',
}

describe('buildAtomFeed', () => {
  test('text round-trips: titles, names, labels with < > & " and a literal « &amp; »', () => {
    const xml = buildAtomFeed({ ...base, title: 'Ressources &amp; <flux>', entries: [entry] })
    const feed = parseAtomFeed(xml)
    expect(feed.title?.value).toBe('Ressources &amp; <flux>')
    const [parsed] = feed.entries ?? []
    expect(parsed.title).toEqual({ type: 'html', value: 'Appel &lt;FSE+&gt; &amp; « co » ]]&gt; fin' })
    expect(parsed.summary?.value).toBe('<p>Résumé &lt;b&gt; &amp; &quot;cité&quot;</p>')
    expect(parsed.authors).toEqual([{ name: 'Coop & <Cie>' }, { name: 'Mots &amp; merveilles' }])
    // `<` is not allowed in an XML attribute: the label says it with ‹ instead; quotes and & survive.
    expect(parsed.categories).toEqual([{ term: 'theme-a', label: 'Eau ‹et> "air" & terre', scheme: entry.categories[0].scheme }])
    expect(xml).not.toMatch(/="[^"]*</)
    expect(parsed.links).toEqual([{ href: entry.url }])
    expect(feed.links).toEqual([
      { rel: 'alternate', href: base.alternateUrl },
      { rel: 'self', href: base.selfUrl },
    ])
  })

  test('control characters are removed; updated is the latest entry, or a fixed instant when empty', () => {
    const xml = buildAtomFeed({ ...base, title: 'Flux\u0007', entries: [{ ...entry, title: 'Titre\u0000 propre', updated: '2026-11-05T00:00:00.000Z' }, entry] })
    expect(hasControlCharacters(xml)).toBe(false)
    const feed = parseAtomFeed(xml)
    expect(feed.title?.value).toBe('Flux')
    expect(feed.updated).toBe('2026-11-05T00:00:00.000Z')
    expect(parseAtomFeed(buildAtomFeed({ ...base, title: 'Vide', entries: [] })).updated).toBe(EMPTY_FEED_UPDATED)
  })
})
