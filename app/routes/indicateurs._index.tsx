import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { BarChartSvg } from '#app/components/bar-chart.tsx'
import { ErrorSummary, FieldErrors } from '#app/components/forms.tsx'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { formatMonthKey, monthOf, shiftMonth } from '#app/modules/events/month.ts'
import { computeIndicators } from '#app/modules/indicators/indicators.server.ts'
import { indicatorScope } from '#app/modules/indicators/indicators.policy.ts'
import {
  filtersQuery,
  formatPeriodKey,
  parseIndicatorFilters,
  periodLabelFr,
  SUPPRESSION_RULE,
  twelveMonthsTo,
} from '#app/modules/indicators/indicators.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'

// /indicateurs (issue 16): the network's indicators per territory and month. Admins and coordinators get the full
// dashboard; everybody else the public summary (public content only, no full-only table). Filters in the address
// through a plain GET form; a bad value is a French 400 that keeps what was typed. Charts are SVG drawn on the server,
// each with its data table; each table has its CSV file (/indicateurs/<table>.csv, same filters, same rules).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Indicateurs du réseau${data?.periodLabel ? `, ${data.periodLabel}` : ''} — Essaim` },
  { name: 'description', content: 'Les chiffres du réseau de l’ESS du Pas-de-Calais, territoire par territoire et mois par mois, à télécharger en CSV.' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const scope = indicatorScope(viewer)
  const territories = await listTerritories()
  const now = new Date()
  const thisMonth = monthOf(now)
  const lastMonth = shiftMonth(thisMonth, -1)
  const shared = {
    scope,
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    shortcuts: { lastMonth: formatMonthKey(lastMonth), lastYear: formatPeriodKey(twelveMonthsTo(lastMonth)) },
  }
  const parsed = parseIndicatorFilters(new URL(request.url).searchParams, territories.map((t) => t.slug), now)
  if (!parsed.ok) {
    return data({ ...shared, typed: parsed.typed, errors: parsed.errors, tables: [], query: '', periodLabel: '', where: '' }, { status: 400 })
  }
  const { filters } = parsed
  const tables = await computeIndicators({ viewer, scope, ...filters })
  return data({
    ...shared,
    typed: { territoire: filters.territory ?? '', periode: formatPeriodKey(filters.period) },
    errors: {},
    tables,
    query: filtersQuery(filters),
    periodLabel: periodLabelFr(filters.period),
    where: filters.territory === null ? 'tout le réseau' : (territories.find((t) => t.slug === filters.territory)?.name ?? ''),
  })
}

export default function IndicatorsPage() {
  const { scope, territories, shortcuts, typed, errors, tables, query, periodLabel, where } = useLoaderData<typeof loader>()
  const fieldErrors = errors as { territoire?: string; periode?: string }
  const territoryFor = (slug: string) => `territoire=${encodeURIComponent(slug)}`
  return (
    <div className="container">
      <h1>Indicateurs du réseau</h1>
      <p>
        {scope === 'full'
          ? 'Le tableau de bord complet, réservé aux administrateurs et aux coordinateurs : il compte ce que vous pouvez lire sur Essaim, territoire par territoire et mois par mois.'
          : 'Le résumé public des chiffres du réseau : seuls les contenus publics sont comptés. Le tableau de bord complet est réservé aux administrateurs et aux coordinateurs.'}{' '}
        Rien n’y concerne une personne : ce ne sont que des nombres.
      </p>
      <ErrorSummary
        fields={[
          { id: 'territoire', label: 'Territoire', errors: fieldErrors.territoire ? [fieldErrors.territoire] : undefined },
          { id: 'periode', label: 'Période', errors: fieldErrors.periode ? [fieldErrors.periode] : undefined },
        ]}
      />
      <Form method="get" className="form" noValidate aria-label="Filtrer les indicateurs">
        <div className="field">
          <label htmlFor="territoire">Territoire</label>
          <select
            id="territoire"
            name="territoire"
            defaultValue={fieldErrors.territoire ? '' : typed.territoire}
            aria-invalid={fieldErrors.territoire ? true : undefined}
            aria-describedby={fieldErrors.territoire ? 'territoire-erreur' : undefined}
          >
            <option value="">Tout le réseau</option>
            {territories.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
          <FieldErrors id="territoire-erreur" errors={fieldErrors.territoire ? [`${fieldErrors.territoire} (« ${typed.territoire} »)`] : undefined} />
        </div>
        <div className="field">
          <label htmlFor="periode">Période</label>
          <p className="hint" id="periode-aide">
            Un mois (AAAA-MM, par exemple {shortcuts.lastMonth}) ou douze mois (AAAA-MM_AAAA-MM, par exemple {shortcuts.lastYear}).
            Vide : les douze derniers mois.
          </p>
          <input
            id="periode"
            name="periode"
            type="text"
            defaultValue={typed.periode}
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={fieldErrors.periode ? true : undefined}
            aria-describedby={fieldErrors.periode ? 'periode-aide periode-erreur' : 'periode-aide'}
          />
          <FieldErrors id="periode-erreur" errors={fieldErrors.periode ? [fieldErrors.periode] : undefined} />
        </div>
        <button type="submit" className="button button-secondary">
          Afficher
        </button>
      </Form>
      <p>
        Raccourcis :{' '}
        <Link to={`/indicateurs?${territoryFor(typed.territoire)}&periode=${shortcuts.lastMonth}`}>le mois dernier</Link>,{' '}
        <Link to={`/indicateurs?${territoryFor(typed.territoire)}&periode=${shortcuts.lastYear}`}>les douze mois jusqu’au mois dernier</Link>.
      </p>
      <p>{SUPPRESSION_RULE}</p>
      <p>
        Données publiées sous{' '}
        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" hrefLang="fr">
          Licence Ouverte 2.0
        </a>{' '}
        : réutilisation libre en citant « Essaim » et la date du téléchargement.
      </p>
      {tables.length > 0 ? (
        <>
          <h2 id="resultats">{`${where.charAt(0).toUpperCase()}${where.slice(1)}, ${periodLabel}`}</h2>
          <nav aria-label="Les tableaux">
            <ul className="inline-links">
              {tables.map((t) => (
                <li key={t.slug}>
                  <a href={`#${t.slug}`}>{t.title}</a>
                </li>
              ))}
            </ul>
          </nav>
        </>
      ) : null}
      {tables.map((t) => (
        <section key={t.slug} aria-labelledby={t.slug} className="indicator">
          <h3 id={t.slug}>{t.title}</h3>
          <p>{t.description}</p>
          <BarChartSvg chart={t.chart} id={`graphique-${t.slug}`} />
          {t.rows.length === 0 ? (
            <p>Aucune donnée pour cette période.</p>
          ) : (
            // The wrapper scrolls sideways on a narrow screen: keyboard users reach it (RGAA 7.3, axe
            // scrollable-region-focusable), and it is named by the table's caption.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
            <section className="table-wrapper" tabIndex={0} aria-labelledby={`tableau-${t.slug}`}>
              <table>
                <caption id={`tableau-${t.slug}`}>{`${t.title} — ${where}, ${periodLabel}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.rowHeader}</th>
                    {t.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {t.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{t.slug === 'recherches-sans-resultat' ? `« ${r.label} »` : r.label}</th>
                      {r.cells.map((cell, i) => (
                        <td key={t.columns[i]}>{cell.text}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {t.note ? <p>{t.note}</p> : null}
          <p>
            <a href={`/indicateurs/${t.slug}.csv?${query}`} download>
              Télécharger le tableau « {t.title} » (CSV)
            </a>
          </p>
        </section>
      ))}
    </div>
  )
}
