import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { FORMER_MEMBER_LABEL } from '#app/modules/privacy/labels.ts'
import { formatDateTimeFr } from '#app/modules/resources/dates.ts'
import type { DiffPart } from '#app/modules/resources/diff.ts'
import {
  compareRevisions,
  getResourceForEditor,
  getRevision,
  listRevisions,
  restoreRevision,
} from '#app/modules/resources/resources.server.ts'
import resourcesStyles from '#app/modules/resources/ui/resources.css?url'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: resourcesStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Historique de « ${data.resource.title} » — Essaim` : 'Historique — Essaim' },
  { name: 'robots', content: 'noindex' },
]

const FIELD_NAMES: Record<string, string> = {
  type: 'Type',
  territory: 'Territoire',
  themes: 'Thématiques',
  visibility: 'Visibilité',
  programme: 'Programme',
  managingBody: 'Organisme',
  openingDate: 'Ouverture',
  deadline: 'Date limite',
  amountMin: 'Montant minimal',
  amountMax: 'Montant maximal',
  cofinancingRate: 'Taux de cofinancement',
  eligibleLegalForms: 'Structures éligibles',
  officialUrl: 'Lien officiel',
  startDate: 'Date de lancement',
  partners: 'Partenaires',
  audience: 'Public',
  results: 'Résultats',
  contact: 'Contact',
  context: 'Contexte',
  problem: 'Problème traité',
  steps: 'Étapes',
  conditions: 'Conditions de transfert',
  pitfalls: 'Pièges à éviter',
  provider: 'Organisme de formation',
  format: 'Format',
  sessions: 'Sessions',
  duration: 'Durée',
  cost: 'Coût',
  fundingOptions: 'Financements',
  registrationUrl: 'Lien d’inscription',
  structures: 'Structures',
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  const resource = await getResourceForEditor(params.slug ?? '', viewer)
  if (!resource) notFound()
  const revisions = await listRevisions(resource.id)
  const search = new URL(request.url).searchParams
  const fromId = search.get('de') ?? revisions[1]?.id
  const toId = search.get('a') ?? revisions[0]?.id
  let comparison = null
  if (fromId && toId && fromId !== toId) {
    const [from, to] = await Promise.all([getRevision(resource.id, fromId), getRevision(resource.id, toId)])
    if (from && to) {
      // Always older → newer, whatever order was picked.
      const [a, b] = from.createdAt <= to.createdAt ? [from, to] : [to, from]
      comparison = { from: a.createdAt, to: b.createdAt, ...compareRevisions(a, b) }
    }
  }
  return {
    resource: { slug: resource.slug, title: resource.title, version: resource.version },
    revisions,
    fromId: fromId ?? null,
    toId: toId ?? null,
    comparison,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const resource = await getResourceForEditor(params.slug ?? '', viewer)
  if (!resource) notFound()
  const formData = await request.formData()
  const result = await restoreRevision({
    resourceId: resource.id,
    revisionId: String(formData.get('revisionId') ?? ''),
    actor: viewer,
    expectedVersion: Number(formData.get('version')),
  })
  if (!result) notFound()
  if (result.status === 'saved') return redirectWithFlash(`/ressources/${result.resource.slug}/historique`, 'revision-restored')
  const error =
    result.status === 'conflict'
      ? 'La ressource a été modifiée entre-temps : rechargez la page puis recommencez.'
      : 'Cette version ne peut pas être restaurée telle quelle : ses données ne sont plus valides.'
  return data({ error }, { status: result.status === 'conflict' ? 409 : 400 })
}

function Parts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.type === 'added' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional diff parts
          <ins key={index}>{part.text}</ins>
        ) : part.type === 'removed' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional diff parts
          <del key={index}>{part.text}</del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional diff parts
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  )
}

export default function HistoryPage() {
  const { resource, revisions, fromId, toId, comparison } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="container">
      <p>
        <Link to={`/ressources/${resource.slug}`}>← Voir la ressource</Link> ·{' '}
        <Link to={`/ressources/${resource.slug}/modifier`}>Modifier</Link>
      </p>
      <h1>Historique de « {resource.title} »</h1>
      {actionData?.error ? (
        <p className="error-summary" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <Form method="get">
        <div className="table-wrapper">
          <table>
            <caption className="visually-hidden">
              Versions enregistrées, de la plus récente à la plus ancienne ; choisissez deux versions à comparer
            </caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Par</th>
                <th scope="col">Note</th>
                <th scope="col">Comparer de</th>
                <th scope="col">à</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((revision, index) => {
                const label = formatDateTimeFr(revision.createdAt)
                return (
                  <tr key={revision.id}>
                    <th scope="row">
                      <time dateTime={revision.createdAt}>{label}</time>
                      {index === 0 ? ' (actuelle)' : ''}
                    </th>
                    <td>{revision.authorName ?? FORMER_MEMBER_LABEL}</td>
                    <td>{revision.note ?? ''}</td>
                    <td>
                      <input
                        type="radio"
                        name="de"
                        value={revision.id}
                        defaultChecked={revision.id === fromId}
                        aria-label={`Comparer depuis la version du ${label}`}
                      />
                    </td>
                    <td>
                      <input
                        type="radio"
                        name="a"
                        value={revision.id}
                        defaultChecked={revision.id === toId}
                        aria-label={`Comparer jusqu’à la version du ${label}`}
                      />
                    </td>
                    <td>
                      {index > 0 ? (
                        <button
                          type="submit"
                          form={`restaurer-${revision.id}`}
                          className="link-button"
                        >
                          Restaurer<span className="visually-hidden"> la version du {label}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        {revisions.length > 1 ? (
          <p className="form-actions">
            <button type="submit" className="button button-secondary">
              Comparer les versions choisies
            </button>
          </p>
        ) : (
          <p>Une seule version pour l’instant : rien à comparer.</p>
        )}
      </Form>
      {revisions.slice(1).map((revision) => (
        <Form method="post" id={`restaurer-${revision.id}`} key={revision.id} hidden>
          <input type="hidden" name="revisionId" value={revision.id} />
          <input type="hidden" name="version" value={resource.version} />
        </Form>
      ))}

      {comparison ? (
        <section aria-labelledby="titre-comparaison" className="diff">
          <h2 id="titre-comparaison">
            Différences entre la version du {formatDateTimeFr(comparison.from)} et celle du {formatDateTimeFr(comparison.to)}
          </h2>
          <p className="hint">
            Le texte ajouté est <ins>souligné en vert</ins>, le texte retiré est <del>barré en rouge</del>.
          </p>
          <h3>Titre</h3>
          <p>
            <Parts parts={comparison.title} />
          </p>
          <h3>Résumé</h3>
          <p>
            <Parts parts={comparison.summary} />
          </p>
          <h3>Contenu</h3>
          <ul className="diff-lines">
            {comparison.body.map((line, index) =>
              line.type === 'changed' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: positional diff lines
                <li key={index} className="diff-changed">
                  <Parts parts={line.parts} />
                </li>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: positional diff lines
                <li key={index} className={`diff-${line.type}`}>
                  {line.type === 'added' ? (
                    <ins>
                      <span className="visually-hidden">Ajouté : </span>
                      {line.text}
                    </ins>
                  ) : line.type === 'removed' ? (
                    <del>
                      <span className="visually-hidden">Retiré : </span>
                      {line.text}
                    </del>
                  ) : (
                    line.text
                  )}
                </li>
              ),
            )}
          </ul>
          {comparison.fields.length ? (
            <>
              <h3>Autres champs modifiés</h3>
              <div className="table-wrapper">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Champ</th>
                      <th scope="col">Avant</th>
                      <th scope="col">Après</th>
                    </tr>
                  </thead>
                  <tbody>
                    {comparison.fields.map((field) => (
                      <tr key={field.name}>
                        <th scope="row">{FIELD_NAMES[field.name] ?? field.name}</th>
                        <td>{field.before || '—'}</td>
                        <td>{field.after || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
