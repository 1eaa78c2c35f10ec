import { Form, Link } from '@remix-run/react'
import type { FeaturedManagerData } from '../featured-route.server.ts'
import { FEATURED_SEARCH_PARAM, type FeaturedActionData } from '../featured-form.ts'

// Managing « À la une » (issue 14 §6), the same on /admin/une (the home page) and in a group's Coordination tab: the
// featured resources in order (move up / down), an optional end date each, remove; add one by its address or by a
// search on its title. Plain forms posting to the page itself: everything works without JavaScript, and the server's
// French messages come back with what was typed.

function featuredError(actionData: unknown): FeaturedActionData['featuredError'] | null {
  if (!actionData || typeof actionData !== 'object' || !('featuredError' in actionData)) return null
  return (actionData as FeaturedActionData).featuredError
}

function ErrorText({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field-error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  )
}

/**
 * @param title With a title, the whole is one section under an h2 and its parts are h3 (the Coordination tab);
 *   without, its parts are h2 (a page of its own, under its h1).
 */
export function FeaturedManager({ data, actionData, title }: { data: FeaturedManagerData; actionData: unknown; title?: string }) {
  const error = featuredError(actionData)
  const Heading = title ? 'h3' : 'h2'
  const addError = error && !error.id && (error.field === 'ressource' || error.field === 'fin') ? error : null
  const audience = data.home
    ? 'Seules les ressources publiées et publiques peuvent être à la une de l’accueil.'
    : 'Seules les ressources publiées que les membres du groupe peuvent lire peuvent être à la une du groupe.'
  const body = (
    <>
      <section aria-labelledby="titre-une-liste">
        <Heading id="titre-une-liste">{data.home ? 'Ressources à la une de l’accueil' : 'Ressources à la une du groupe'}</Heading>
        {data.items.length === 0 ? (
          <p>Aucune ressource n’est à la une pour l’instant.</p>
        ) : (
          <ol className="coordination-list featured-manager-list">
            {data.items.map((item, index) => {
              const itemError = error?.id === item.id ? error : null
              const endId = `une-fin-${item.id}`
              const endErrorId = `${endId}-erreur`
              return (
                <li key={item.id}>
                  <p>
                    <strong>
                      <Link to={`/ressources/${item.slug}`}>{item.title}</Link>
                    </strong>{' '}
                    ({item.typeLabel}) —{' '}
                    {item.endLabel === null ? (
                      'sans date de fin'
                    ) : item.expired ? (
                      <>
                        <strong>n’est plus affichée</strong> depuis le <time dateTime={item.endsAt ?? undefined}>{item.endLabel}</time>
                      </>
                    ) : (
                      <>
                        jusqu’au <time dateTime={item.endsAt ?? undefined}>{item.endLabel}</time> inclus
                      </>
                    )}
                  </p>
                  {itemError && itemError.field === 'list' ? <ErrorText id={`une-erreur-${item.id}`} message={itemError.message} /> : null}
                  <div className="coordination-actions">
                    {index > 0 ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={item.id} />
                        <button type="submit" name="intent" value="featured-up" className="link-button">
                          Monter<span className="visually-hidden"> : {item.title}</span>
                        </button>
                      </Form>
                    ) : null}
                    {index < data.items.length - 1 ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={item.id} />
                        <button type="submit" name="intent" value="featured-down" className="link-button">
                          Descendre<span className="visually-hidden"> : {item.title}</span>
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post">
                      <input type="hidden" name="id" value={item.id} />
                      <button type="submit" name="intent" value="featured-remove" className="link-button">
                        Retirer de la une<span className="visually-hidden"> : {item.title}</span>
                      </button>
                    </Form>
                  </div>
                  <Form method="post" className="form featured-manager-end" noValidate key={itemError?.message ?? 'ok'}>
                    <input type="hidden" name="id" value={item.id} />
                    <div className="field">
                      <label htmlFor={endId}>
                        Date de fin (facultatif)<span className="visually-hidden"> pour {item.title}</span>
                      </label>
                      {itemError?.field === 'fin' ? <ErrorText id={endErrorId} message={itemError.message} /> : null}
                      <input
                        id={endId}
                        type="date"
                        name="fin"
                        defaultValue={itemError?.field === 'fin' ? (itemError.values.fin ?? '') : item.endDay}
                        aria-invalid={itemError?.field === 'fin' ? true : undefined}
                        aria-describedby={itemError?.field === 'fin' ? endErrorId : undefined}
                      />
                    </div>
                    <button type="submit" name="intent" value="featured-end" className="button button-secondary">
                      Enregistrer la date<span className="visually-hidden"> de fin pour {item.title}</span>
                    </button>
                  </Form>
                </li>
              )
            })}
          </ol>
        )}
      </section>

      <section aria-labelledby="titre-une-ajouter">
        <Heading id="titre-une-ajouter">Mettre une ressource à la une</Heading>
        <p>{audience}</p>
        <Form method="post" className="form" noValidate key={addError?.message ?? 'ok'}>
          <input type="hidden" name="intent" value="featured-add" />
          <div className="field">
            <label htmlFor="une-ressource">Adresse de la ressource</label>
            <p className="hint" id="une-ressource-aide">
              Collez l’adresse de sa page (…/ressources/son-identifiant) ou son identifiant seul.
            </p>
            {addError?.field === 'ressource' ? <ErrorText id="une-ressource-erreur" message={addError.message} /> : null}
            <input
              id="une-ressource"
              type="text"
              name="ressource"
              autoComplete="off"
              defaultValue={addError?.values.ressource ?? ''}
              aria-invalid={addError?.field === 'ressource' ? true : undefined}
              aria-describedby={addError?.field === 'ressource' ? 'une-ressource-aide une-ressource-erreur' : 'une-ressource-aide'}
            />
          </div>
          <div className="field">
            <label htmlFor="une-fin">Date de fin (facultatif)</label>
            <p className="hint" id="une-fin-aide">
              La ressource reste à la une jusqu’à ce jour inclus ; sans date, jusqu’à ce que vous la retiriez.
            </p>
            {addError?.field === 'fin' ? <ErrorText id="une-fin-erreur" message={addError.message} /> : null}
            <input
              id="une-fin"
              type="date"
              name="fin"
              defaultValue={addError?.values.fin ?? ''}
              aria-invalid={addError?.field === 'fin' ? true : undefined}
              aria-describedby={addError?.field === 'fin' ? 'une-fin-aide une-fin-erreur' : 'une-fin-aide'}
            />
          </div>
          <button type="submit" className="button">
            Mettre à la une
          </button>
        </Form>

        <Form method="get" className="form featured-manager-search" role="search" aria-label="Chercher une ressource à mettre à la une">
          <div className="field">
            <label htmlFor="une-recherche">Ou cherchez-la par son titre</label>
            <input id="une-recherche" type="search" name={FEATURED_SEARCH_PARAM} defaultValue={data.query} maxLength={100} />
          </div>
          <button type="submit" className="button button-secondary">
            Chercher
          </button>
        </Form>
        {data.query ? (
          data.candidates.length === 0 ? (
            <p role="status">Aucune ressource pouvant être mise à la une ne contient « {data.query} » dans son titre.</p>
          ) : (
            <ul className="coordination-list" aria-label={`Ressources dont le titre contient « ${data.query} »`}>
              {data.candidates.map((c) => (
                <li key={c.slug} className="coordination-actions">
                  <span>
                    <Link to={`/ressources/${c.slug}`}>{c.title}</Link> ({c.typeLabel})
                  </span>
                  {c.featured ? (
                    <span>Déjà à la une</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="ressource" value={c.slug} />
                      <button type="submit" name="intent" value="featured-add" className="link-button">
                        Mettre à la une<span className="visually-hidden"> : {c.title}</span>
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
    </>
  )
  if (!title) return <div className="featured-manager">{body}</div>
  return (
    <section aria-labelledby="titre-une" className="featured-manager">
      <h2 id="titre-une">{title}</h2>
      {body}
    </section>
  )
}
