import { StaticRouter } from 'react-router-dom/server'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { Breadcrumbs } from './breadcrumbs.tsx'

function render(element: React.ReactElement): string {
  return renderToString(<StaticRouter location="/">{element}</StaticRouter>).replaceAll(' data-discover="true"', '')
}

describe('Breadcrumbs', () => {
  test('a named navigation landmark with an ordered trail; links up to the current page, which is marked', () => {
    const html = render(
      <Breadcrumbs trail={[{ label: 'Structures', to: '/structures' }, { label: 'La Ruche', to: '/structures/la-ruche' }, { label: 'Membres' }]} />,
    )
    expect(html).toMatch(/^<nav aria-label="Fil d’Ariane"><ol class="inline-links">/)
    expect(html).toContain('<a href="/structures">Structures</a>')
    expect(html).toContain('<a href="/structures/la-ruche">La Ruche</a>')
    expect(html).toContain('<span aria-current="page">Membres</span>')
    expect(html.match(/<li>/g)).toHaveLength(3)
  })

  test('the last crumb is never a link, even if given an address', () => {
    const html = render(<Breadcrumbs trail={[{ label: 'Mon compte', to: '/compte' }, { label: 'Mon profil', to: '/compte/profil' }]} />)
    expect(html).not.toContain('href="/compte/profil"')
    expect(html).toContain('<span aria-current="page">Mon profil</span>')
  })
})
