import { renderToString } from 'react-dom/server'
import { StaticRouter } from 'react-router-dom/server'
import { describe, expect, test } from 'vitest'
import { Pagination, pageWindow } from './pagination.tsx'

const render = (element: React.ReactElement) =>
  renderToString(<StaticRouter location="/">{element}</StaticRouter>).replaceAll(' data-discover="true"', '').replaceAll('<!-- -->', '')

describe('pageWindow', () => {
  test('first, last and two on each side, gaps marked once', () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3])
    expect(pageWindow(6, 12)).toEqual([1, null, 4, 5, 6, 7, 8, null, 12])
    expect(pageWindow(1, 12)).toEqual([1, 2, 3, null, 12])
    expect(pageWindow(12, 12)).toEqual([1, null, 10, 11, 12])
  })
})

describe('Pagination', () => {
  test('nothing for a single page', () => {
    expect(render(<Pagination page={1} pageCount={1} href={(n) => `?page=${n}`} />)).toBe('')
  })

  test('a named navigation, previous and next, the current page marked, every number read as « Page N »', () => {
    const html = render(<Pagination page={2} pageCount={3} href={(n) => `/structures?page=${n}`} label="Pagination des résultats" />)
    expect(html).toMatch(/^<nav aria-label="Pagination des résultats" class="pagination"><ul>/)
    expect(html).toContain('<a rel="prev" href="/structures?page=1"><span aria-hidden="true">← </span>Page précédente</a>')
    expect(html).toContain('<a rel="next" href="/structures?page=3">Page suivante<span aria-hidden="true"> →</span></a>')
    expect(html).toContain('<span aria-current="page"><span class="visually-hidden">Page </span>2</span>')
    expect(html).toContain('<a href="/structures?page=3"><span class="visually-hidden">Page </span>3</a>')
  })

  test('no previous link on the first page, no next link on the last', () => {
    expect(render(<Pagination page={1} pageCount={2} href={(n) => `?page=${n}`} />)).not.toContain('rel="prev"')
    expect(render(<Pagination page={2} pageCount={2} href={(n) => `?page=${n}`} />)).not.toContain('rel="next"')
  })
})
