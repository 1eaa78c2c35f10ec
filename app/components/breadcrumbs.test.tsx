import { renderToStaticMarkup } from 'react-dom/server'
import { StaticRouter } from 'react-router-dom/server.js'
import { describe, expect, test } from 'vitest'
import { Breadcrumbs } from './breadcrumbs.tsx'

describe('Breadcrumbs', () => {
  test('a labelled nav with an ordered list: links, then the current page marked aria-current', () => {
    const html = renderToStaticMarkup(
      <StaticRouter location="/">
        <Breadcrumbs items={[{ label: 'Structures', to: '/structures' }, { label: 'Les Ateliers', to: '/structures/ateliers' }, { label: 'Membres' }]} />
      </StaticRouter>,
    )
    expect(html).toBe(
      '<nav aria-label="Fil d’Ariane"><ol class="inline-links">' +
        '<li><a data-discover="true" href="/structures">Structures</a></li>' +
        '<li><a data-discover="true" href="/structures/ateliers">Les Ateliers</a></li>' +
        '<li><span aria-current="page">Membres</span></li>' +
        '</ol></nav>',
    )
  })
})
