import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireAdmin } from '#app/modules/auth/session.server.ts'
import { isoWeek, listStatWeeks, weeklyQueryStats } from '#app/modules/search/query-stats.server.ts'

export const meta: MetaFunction = () => [{ title: 'Recherche : statistiques — Administration — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const weeks = await listStatWeeks()
  const asked = new URL(request.url).searchParams.get('semaine') ?? ''
  const week = weeks.includes(asked) ? asked : (weeks[0] ?? isoWeek(new Date()))
  return { week, weeks, ...(await weeklyQueryStats(week)) }
}

const numberFr = new Intl.NumberFormat('fr-FR')

function weekLabel(week: string) {
  const [year, w] = week.split('-W')
  return `semaine ${Number(w)} de ${year}`
}

export default function SearchStatsPage() {
  const { week, weeks, top, zero } = useLoaderData<typeof loader>()
  return (
    <div className="container">
      <h1>Recherche : ce que cherchent les visiteurs</h1>
      <p>
        Les recherches sont comptées par semaine, sans rien garder de qui les a faites (ni compte, ni adresse IP, ni
        heure). Les recherches sans résultat montrent ce qui manque sur Essaim ou un synonyme à ajouter.
      </p>
      <p>
        <Link to="/admin/recherche/synonymes">Modifier les synonymes et sigles</Link>
      </p>
      <p>
        <Link to="/admin/une">Choisir les ressources à la une de l’accueil</Link>
      </p>
      {weeks.length > 1 ? (
        <Form method="get" className="form">
          <div className="field">
            <label htmlFor="semaine">Semaine</label>
            <select id="semaine" name="semaine" defaultValue={week}>
              {weeks.map((w) => (
                <option key={w} value={w}>
                  {weekLabel(w)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            Afficher
          </button>
        </Form>
      ) : null}
      <h2>Recherches sans résultat ({weekLabel(week)})</h2>
      <StatsTable caption="Recherches sans résultat, les plus fréquentes d’abord" rows={zero} zeroColumn />
      <h2>Recherches les plus fréquentes ({weekLabel(week)})</h2>
      <StatsTable caption="Recherches les plus fréquentes" rows={top} />
    </div>
  )
}

function StatsTable({
  caption,
  rows,
  zeroColumn = false,
}: {
  caption: string
  rows: { query: string; searches: number; zeroResults: number }[]
  zeroColumn?: boolean
}) {
  if (rows.length === 0) return <p>Aucune recherche cette semaine.</p>
  return (
    <div className="table-wrapper">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Recherche</th>
            <th scope="col">{zeroColumn ? 'Fois sans résultat' : 'Nombre de recherches'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.query}>
              <td>
                <Link to={`/recherche?q=${encodeURIComponent(row.query)}`}>« {row.query} »</Link>
              </td>
              <td>{numberFr.format(zeroColumn ? row.zeroResults : row.searches)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
