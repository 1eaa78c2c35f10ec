import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { listFollowsForViewer } from '#app/modules/follows/follows.server.ts'
import { FOLLOW_ACTION, FOLLOW_KIND_LABELS } from '#app/modules/follows/follows.ts'
import { formatDateFr } from '#app/utils/dates-fr.ts'

// /compte/abonnements (issue 17 §3): everything the person follows, grouped by kind, each with « Ne plus suivre »,
// and « Tout arrêter » per kind. Automatic follows (what one wrote or registered for) say so, and stop the same way.

export const meta: MetaFunction = () => [{ title: 'Mes abonnements — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  return { groups: await listFollowsForViewer(viewer) }
}

export default function AccountFollowsPage() {
  const { groups } = useLoaderData<typeof loader>()
  return (
    <div className="container">
      <Breadcrumbs items={[{ label: 'Mon compte', to: '/compte' }, { label: 'Mes abonnements' }]} />
      <h1>Mes abonnements</h1>
      <p>
        Vous êtes prévenu dans vos <Link to="/notifications">notifications</Link> de ce qui est nouveau dans ce que vous
        suivez. Vous suivez automatiquement ce que vous écrivez et les événements auxquels vous vous inscrivez ; vous
        pouvez l’arrêter comme le reste.
      </p>
      {groups.length === 0 ? <p>Vous ne suivez encore rien. Cherchez le bouton « Suivre » sur une ressource, une structure, un groupe, un territoire ou une recherche.</p> : null}
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`abonnements-${group.kind}`}>
          <h2 id={`abonnements-${group.kind}`}>{`${FOLLOW_KIND_LABELS[group.kind]} (${group.items.length})`}</h2>
          <ul className="follow-list">
            {group.items.map((item) => (
              <li key={item.key}>
                {item.href ? <Link to={item.href}>{item.label}</Link> : <span>{item.label}</span>}{' '}
                <span className="hint">
                  {item.auto ? `automatique, depuis le ${formatDateFr(item.since)}` : `depuis le ${formatDateFr(item.since)}`}
                </span>
                <Form method="post" action={FOLLOW_ACTION} className="follow-form">
                  <input type="hidden" name="intent" value="stop" />
                  <input type="hidden" name="kind" value={item.kind} />
                  <input type="hidden" name="key" value={item.key} />
                  <input type="hidden" name="redirectTo" value="/compte/abonnements" />
                  <button type="submit" className="link-button">
                    Ne plus suivre<span className="visually-hidden">{` : ${item.label}`}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post" action={FOLLOW_ACTION}>
            <input type="hidden" name="intent" value="stop-all" />
            <input type="hidden" name="kind" value={group.kind} />
            <input type="hidden" name="redirectTo" value="/compte/abonnements" />
            <button type="submit" className="button button-secondary button-small">
              Tout arrêter<span className="visually-hidden">{` : ${FOLLOW_KIND_LABELS[group.kind].toLowerCase()}`}</span>
            </button>
          </Form>
        </section>
      ))}
    </div>
  )
}
