import { describe, expect, test } from 'vitest'
import { GLOSSARY } from './glossary.ts'
import { fold, linkGlossaryTerms } from './glossary-links.server.ts'

// The linking of glossary terms in stored HTML: only in text, first occurrence, whole words, case and accents.

const scic = '<a href="/glossaire#scic" class="glossary-term" title="SCIC : Société coopérative d’intérêt collectif, définition dans le glossaire"><abbr title="Société coopérative d’intérêt collectif">'
const scop = '<a href="/glossaire#scop" class="glossary-term" title="SCOP : Société coopérative et participative, définition dans le glossaire"><abbr title="Société coopérative et participative">'
const tiers = '<a href="/glossaire#tiers-lieu" class="glossary-term" title="Tiers-lieu : définition dans le glossaire">'

describe('linkGlossaryTerms', () => {
  test.each([
    ['plain text: the acronym in an <abbr> inside the link', '<p>Créer une SCIC.</p>', `<p>Créer une ${scic}SCIC</abbr></a>.</p>`],
    ['title case « Scic » is the same term', '<p>La Scic du Ternois.</p>', `<p>La ${scic}Scic</abbr></a> du Ternois.</p>`],
    ['lowercase « scic » is not an acronym', '<p>scic en minuscules</p>', '<p>scic en minuscules</p>'],
    ['two occurrences: only the first is linked', '<p>Une SCIC, puis une autre SCIC.</p>', `<p>Une ${scic}SCIC</abbr></a>, puis une autre SCIC.</p>`],
    ['first occurrence in a later paragraph', '<p>Rien.</p><p>Des SCIC ici.</p><p>SCIC encore.</p>', `<p>Rien.</p><p>Des ${scic}SCIC</abbr></a> ici.</p><p>SCIC encore.</p>`],
    ['punctuation around the word', '<p>(SCIC) ; « SCIC »</p>', `<p>(${scic}SCIC</abbr></a>) ; « SCIC »</p>`],
    ['plural « SCOPs » and invariable « SCOP »', '<p>Les SCOPs du bassin.</p>', `<p>Les ${scop}SCOPs</abbr></a> du bassin.</p>`],
    ['inside a link: never; the next plain occurrence instead', '<p><a href="https://www.les-scic.coop">Les SCIC</a> et une SCIC.</p>', `<p><a href="https://www.les-scic.coop">Les SCIC</a> et une ${scic}SCIC</abbr></a>.</p>`],
    ['inside a heading: never', '<h2>La SCIC</h2><p>Texte.</p>', '<h2>La SCIC</h2><p>Texte.</p>'],
    ['inside code: never', '<p><code>SCIC</code></p>', '<p><code>SCIC</code></p>'],
    ['already linked to the glossary: not again', '<p><a href="/glossaire#scic">SCIC</a> et SCIC.</p>', '<p><a href="/glossaire#scic">SCIC</a> et SCIC.</p>'],
    ['whole words only', '<p>SCICS2 et ASCIC, SCICOP</p>', '<p>SCICS2 et ASCIC, SCICOP</p>'],
    ['inside bold text: linked inside the <strong>', '<p><strong>SCIC</strong></p>', `<p><strong>${scic}SCIC</abbr></a></strong></p>`],
    ['words: case, accents and plural', '<p>Deux Tiers-Lieux ouverts.</p>', `<p>Deux ${tiers}Tiers-Lieux</a> ouverts.</p>`],
    ['a word spelled without its accent still links', '<p>Le mecenat de competences.</p>', '<p>Le <a href="/glossaire#mecenat" class="glossary-term" title="Mécénat : définition dans le glossaire">mecenat de competences</a>.</p>'],
    ['« FSE+ » whole, not « FSE » then « + »', '<p>Le FSE+ finance.</p>', '<p>Le <a href="/glossaire#fse-plus" class="glossary-term" title="FSE+ : Fonds social européen plus, définition dans le glossaire"><abbr title="Fonds social européen plus">FSE+</abbr></a> finance.</p>'],
    ['capitals-only acronyms: « ami » and « Leader » are words', '<p>Un ami, un Leader.</p>', '<p>Un ami, un Leader.</p>'],
    ['typographic apostrophe or plain one', "<p>Un chantier d'insertion.</p>", '<p>Un <a href="/glossaire#aci" class="glossary-term" title="ACI : définition dans le glossaire">chantier d\'insertion</a>.</p>'],
    ['nothing to link: the HTML untouched', '<p>Bonjour &amp; bienvenue</p>', '<p>Bonjour &amp; bienvenue</p>'],
  ])('%s', (_name, input, expected) => {
    const only = GLOSSARY.filter((t) => ['scic', 'scop', 'tiers-lieu', 'mecenat', 'fse-plus', 'ami', 'leader', 'aci'].includes(t.slug))
    expect(linkGlossaryTerms(input, only)).toBe(expected)
  })

  test('several terms in one text node, each once, in order', () => {
    const out = linkGlossaryTerms('<p>Une SCOP devient SCIC ; la SCOP reste.</p>', GLOSSARY.filter((t) => t.slug === 'scic' || t.slug === 'scop'))
    expect(out).toBe(`<p>Une ${scop}SCOP</abbr></a> devient ${scic}SCIC</abbr></a> ; la SCOP reste.</p>`)
  })

  test('the whole glossary over a realistic body: one link per term found, none in the heading or the link', () => {
    const out = linkGlossaryTerms(
      '<h2>Le FSE+ pour les SIAE</h2><p>Les SIAE (ACI, EI, ETTI) peuvent mobiliser le FSE+ avec l’appui du DLA. Voir <a href="https://www.cress-hdf.org">la CRESS</a>.</p>',
    )
    expect(out.match(/class="glossary-term"/g)).toHaveLength(6)
    expect(out).toContain('<h2>Le FSE+ pour les SIAE</h2>')
    expect(out).toContain('<a href="https://www.cress-hdf.org">la CRESS</a>')
  })

  test('fold keeps the length (indices of the folded text are those of the original)', () => {
    for (const text of ['Économie’s', 'Œuvre à l’été', 'ﬁn 9\u00a0h']) expect(fold(text)).toHaveLength(text.length)
  })
})
