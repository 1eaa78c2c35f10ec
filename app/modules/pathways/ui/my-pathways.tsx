import { Link } from '@remix-run/react'
import type { MyPathway } from '../pathways.server.ts'
import { progressLabel } from '../progress.ts'

// « Mes parcours » on /compte (issue 15): the pathways started, then those completed, with their progress.

export function MyPathwaysSection({ pathways }: { pathways: MyPathway[] }) {
  const started = pathways.filter((p) => !p.complete)
  const completed = pathways.filter((p) => p.complete)
  const item = (p: MyPathway) => (
    <li key={p.slug}>
      <Link to={`/parcours/${encodeURIComponent(p.slug)}`}>{p.title}</Link> : {progressLabel(p)}
    </li>
  )
  return (
    <section aria-labelledby="titre-parcours">
      <h2 id="titre-parcours">Mes parcours</h2>
      {pathways.length === 0 ? (
        <p>
          Vous n’avez commencé aucun parcours. <Link to="/parcours">Découvrir les parcours</Link>
        </p>
      ) : null}
      {started.length > 0 ? (
        <>
          <h3>En cours</h3>
          <ul>{started.map(item)}</ul>
        </>
      ) : null}
      {completed.length > 0 ? (
        <>
          <h3>Terminés</h3>
          <ul>{completed.map(item)}</ul>
        </>
      ) : null}
    </section>
  )
}
