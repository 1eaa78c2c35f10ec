import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { isAdmin } from '#app/modules/auth/viewer.ts'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import type { QueueKind } from '#app/modules/moderation/queue.ts'
import { QUEUE_SOURCES, listQueue } from '#app/modules/moderation/queue.server.ts'
import { isCoordinator } from '#app/modules/resources/review.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { notFound } from '#app/utils/http.server.ts'
import { countFr } from '#app/utils/plural.ts'

// The one moderation queue (issue 14): what the coordinator or admin may decide on, oldest first, filtered by kind and
// territory (a GET form, works without JS). Decisions are taken on each item's page. Anyone else: 404.

export const meta: MetaFunction = () => [{ title: 'Modération — Essaim' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  if (!viewer.verified || !(isAdmin(viewer) || isCoordinator(viewer))) notFound()
  const url = new URL(request.url)
  const kinds = QUEUE_SOURCES.map((s) => ({ value: s.kind, label: s.label }))
  const rawKind = url.searchParams.get('type') ?? ''
  const kind = kinds.some((k) => k.value === rawKind) ? (rawKind as QueueKind) : null
  const territories = await listTerritories()
  const rawTerritory = url.searchParams.get('territoire') ?? ''
  const territory = territories.some((t) => t.slug === rawTerritory) ? rawTerritory : null
  const items = await listQueue(viewer, { kind, territory })
  const names = new Map(territories.map((t) => [t.slug, t.name]))
  const labels = new Map(kinds.map((k) => [k.value, k.label]))
  return {
    kinds,
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    kind,
    territory,
    items: items.map((i) => ({
      ...i,
      kindLabel: labels.get(i.kind) ?? i.kind,
      territoryName: i.territory ? (names.get(i.territory) ?? null) : null,
      date: formatDateTimeFr(new Date(i.since)),
    })),
  }
}

export default function ModerationPage() {
  const { kinds, territories, kind, territory, items } = useLoaderData<typeof loader>()
  return (
    <div className="container">
      <Breadcrumbs items={[{ label: 'Accueil', to: '/' }, { label: 'Modération' }]} />
      <h1>Modération</h1>
      <Form method="get" role="search" aria-label="Filtrer la file de modération">
        <label htmlFor="type">Type</label>
        <select id="type" name="type" defaultValue={kind ?? ''}>
          <option value="">Tous les types</option>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <label htmlFor="territoire">Territoire</label>
        <select id="territoire" name="territoire" defaultValue={territory ?? ''}>
          <option value="">Tous les territoires</option>
          {territories.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
        <button type="submit">Filtrer</button>
      </Form>
      {items.length === 0 ? (
        <p>Rien à relire pour le moment.</p>
      ) : (
        <>
          <p aria-live="polite">{countFr(items.length, 'élément en attente', 'éléments en attente')}, du plus ancien au plus récent.</p>
          <ol className="moderation-queue">
            {items.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <p>
                  <span>{item.kindLabel}</span> — <Link to={item.href}>{item.title}</Link>
                </p>
                <p>{item.summary}</p>
                <p>
                  Depuis le {item.date}
                  {item.territoryName ? ` · ${item.territoryName}` : ''}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  )
}
