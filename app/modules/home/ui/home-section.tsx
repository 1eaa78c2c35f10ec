import type { ReactNode } from 'react'

// A block of the home page that exists only when it has something to show: no items, no section (no placeholder
// promising a feature). The lead adds « Par où commencer ? » (pathways) and the featured resources with it:
//   <HomeSection id="parcours" title="Par où commencer ?" items={pathways}>{(items) => <PathwayCards items={items} />}</HomeSection>

export function HomeSection<T>({ id, title, items, children }: { id: string; title: string; items: readonly T[]; children: (items: readonly T[]) => ReactNode }) {
  if (items.length === 0) return null
  return (
    <section aria-labelledby={`titre-${id}`}>
      <h2 id={`titre-${id}`}>{title}</h2>
      {children(items)}
    </section>
  )
}
