import { renderToStaticMarkup } from 'react-dom/server'
import { StaticRouter } from 'react-router-dom/server.js'
import { describe, expect, test } from 'vitest'
import { Pagination } from './pagination.tsx'

const render = (page: number, pageCount: number) =>
  renderToStaticMarkup(
    <StaticRouter location="/">
      <Pagination page={page} pageCount={pageCount} href={(n) => `/liste?page=${n}`} />
    </StaticRouter>,
  ).replace(/ data-discover="true"/g, '')

describe('Pagination', () => {
  test('nothing for a single page', () => {
    expect(render(1, 1)).toBe('')
  })

  test('a labelled nav: previous, the pages around the current one (marked), next; each page named « Page n »', () => {
    const html = render(5, 10)
    expect(html).toMatch(/^<nav aria-label="Pagination" class="pagination"><ul class="inline-links">/)
    expect(html).toContain('<a rel="prev" href="/liste?page=4">Page précédente</a>')
    expect(html).toContain('<a rel="next" href="/liste?page=6">Page suivante</a>')
    expect(html).toContain('<span aria-current="page"><span class="visually-hidden">Page </span>5</span>')
    expect(html).toContain('<a href="/liste?page=1"><span class="visually-hidden">Page </span>1</a>')
    const pages = [...html.matchAll(/page=(\d+)"><span/g)].map((m) => Number(m[1]))
    expect(pages).toEqual([1, 3, 4, 6, 7, 10])
  })

  test('no previous link on the first page, no next link on the last', () => {
    expect(render(1, 3)).not.toContain('Page précédente')
    expect(render(3, 3)).not.toContain('Page suivante')
  })
})
