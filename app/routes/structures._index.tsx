import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { Pagination } from '#app/components/pagination.tsx'
import { getOptionalUser } from '#app/modules/auth/session.server.ts'
import { BADGES, DIRECTORY_SORTS, LABEL_NAME, LEGAL_FORMS, legalFormLabel } from '#app/modules/structures/labels.ts'
import { DirectoryQuerySchema } from '#app/modules/structures/structures.schema.ts'
import { logoUrl } from '#app/modules/structures/logo.ts'
import { listStructures } from '#app/modules/structures/structures.server.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { listThemes } from '#app/modules/themes/themes.server.ts'
import { countFr } from '#app/utils/plural.ts'

export const meta: MetaFunction = () => [
  { title: 'Structures de l’ESS — Essaim' },
  { name: 'description', content: 'L’annuaire des structures de l’économie sociale et solidaire du Pas-de-Calais.' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = DirectoryQuerySchema.parse(Object.fromEntries(url.searchParams))
  const [user, result, territories, themes] = await Promise.all([
    getOptionalUser(request),
    listStructures(query),
    listTerritories(),
    listThemes(),
  ])
  return {
    query,
    result: {
      ...result,
      items: result.items.map((s) => ({
        slug: s.slug,
        name: s.name,
        legalForm: legalFormLabel(s.legalForm),
        presentation: s.presentation,
        communeName: s.communeName,
        territoryName: s.territoryName,
        charter: Boolean(s.charterSignedAt),
        label: Boolean(s.labelGrantedAt),
        logo: s.logoKey ? { src: logoUrl(s.slug, s.logoKey, 64), src2x: logoUrl(s.slug, s.logoKey, 128) } : null,
      })),
    },
    territories: territories.map((t) => ({ value: t.slug, label: t.name })),
    themes: themes.map((t) => ({ value: t.slug, label: t.name })),
    canCreate: Boolean(user),
  }
}

function pageHref(query: Record<string, string | number | undefined>, page: number) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || value === undefined || value === '' || (key === 'tri' && value === 'nom')) continue
    params.set(key, String(value))
  }
  if (page > 1) params.set('page', String(page))
  const search = params.toString()
  return search ? `/structures?${search}` : '/structures'
}

function countLabel(total: number) {
  if (total === 0) return 'Aucune structure ne correspond à ces critères.'
  return countFr(total, 'structure', 'structures')
}

function Select({
  name,
  label,
  options,
  value,
  all,
  onChange,
}: {
  name: string
  label: string
  options: readonly { value: string; label: string }[]
  value: string | undefined
  all?: string
  onChange: (event: React.ChangeEvent<HTMLSelectElement>) => void
}) {
  return (
    <div className="field">
      <label htmlFor={`filtre-${name}`}>{label}</label>
      <select id={`filtre-${name}`} name={name} defaultValue={value ?? ''} onChange={onChange}>
        {all ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export default function StructuresDirectory() {
  const { query, result, territories, themes, canCreate } = useLoaderData<typeof loader>()
  const submit = useSubmit()
  const navigation = useNavigation()
  const busy = navigation.state === 'loading' && navigation.location.pathname === '/structures'
  // With JavaScript, a changed list filter applies at once (the button stays for the text filter and without JS).
  const applyFilters = (event: React.ChangeEvent<HTMLSelectElement>) => {
    if (event.currentTarget.form) submit(event.currentTarget.form, { replace: true, preventScrollReset: true })
  }
  // Keys make the uncontrolled fields follow the URL after a client-side navigation (back button, pagination).
  const formKey = JSON.stringify({ ...query, page: undefined })
  return (
    <div className="container">
      <h1>Structures de l’ESS</h1>
      <p>
        Associations, coopératives, mutuelles, fondations, entreprises sociales… du Pas-de-Calais.{' '}
        {canCreate ? <Link to="/structures/nouvelle">Créer la page de votre structure</Link> : null}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: React 18 does not know <search> and warns about it */}
      <div role="search" aria-label="Filtrer les structures">
        <Form method="get" className="form filters" key={formKey}>
          <div className="field">
            <label htmlFor="filtre-q">Nom de la structure</label>
            <input id="filtre-q" type="search" name="q" defaultValue={query.q} maxLength={100} />
          </div>
          <Select name="territoire" label="Territoire" options={territories} value={query.territoire} all="Tous les territoires" onChange={applyFilters} />
          <Select name="forme" label="Forme juridique" options={LEGAL_FORMS} value={query.forme} all="Toutes les formes" onChange={applyFilters} />
          <Select name="theme" label="Thématique" options={themes} value={query.theme} all="Toutes les thématiques" onChange={applyFilters} />
          <Select name="badge" label="Distinction" options={BADGES} value={query.badge} all="Toutes les structures" onChange={applyFilters} />
          <Select name="tri" label="Trier par" options={DIRECTORY_SORTS} value={query.tri} onChange={applyFilters} />
          <div className="form-actions">
            <button type="submit" className="button">
              Filtrer
            </button>
            <Link to="/structures">Effacer les filtres</Link>
          </div>
        </Form>
      </div>

      <p role="status" aria-live="polite" aria-atomic="true" aria-busy={busy || undefined}>
        {countLabel(result.total)}
        {result.pageCount > 1 ? ` — page ${result.page} sur ${result.pageCount}` : null}
      </p>

      {result.items.length ? (
        <ul className="card-grid">
          {result.items.map((s) => (
            <li key={s.slug} className="card">
              {/* The name is next to it: the logo adds nothing for a screen reader. */}
              {s.logo ? (
                <img src={s.logo.src} srcSet={`${s.logo.src2x} 2x`} alt="" width="48" height="48" className="card-logo" loading="lazy" />
              ) : null}
              <h2>
                <Link to={`/structures/${s.slug}`}>{s.name}</Link>
              </h2>
              <p>
                {s.legalForm} · {s.communeName} ({s.territoryName})
              </p>
              <p>{s.presentation}</p>
              {s.charter || s.label ? (
                <p>
                  {s.charter ? <span className="badge">Charte de l’ESS signée</span> : null}{' '}
                  {s.label ? <span className="badge">{LABEL_NAME}</span> : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      <Pagination page={result.page} pageCount={result.pageCount} href={(n) => pageHref(query, n)} />

      <p>
        Données ouvertes : <a href="/structures.csv">télécharger l’annuaire au format CSV</a> ou interroger{' '}
        <a href="/api/v1/structures">l’API JSON</a>.
      </p>
    </div>
  )
}
