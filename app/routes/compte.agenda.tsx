import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { requireUser } from '#app/modules/auth/session.server.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { hasFeedToken, rotateFeedToken } from '#app/modules/events/feeds.server.ts'
import { siteUrl } from '#app/modules/email/templates.server.ts'

// /compte/agenda: the person's private calendar feed (issue 13) — the events of their groups, group-only ones
// included, at an address holding a personal token. The token is stored hashed, so its address is shown once, right
// after it is made; « Renouveler le lien » makes a new one and the old address stops working at once.

export const meta: MetaFunction = () => [{ title: 'Mon agenda personnel — Essaim' }]

const FEED_MESSAGES = {
  noGroup: 'Vous n’êtes membre d’aucun groupe : rejoignez un groupe pour recevoir ses événements dans votre agenda.',
  unverified: 'Confirmez votre adresse électronique avec le lien reçu par courriel pour obtenir votre agenda personnel.',
} as const

function feedUrl(token: string): string {
  return siteUrl(`/agenda/prive/${token}.ics`)
}

async function feedState(request: Request) {
  const user = await requireUser(request)
  const viewer = await getViewer(request)
  const verified = viewer.kind === 'person' && viewer.verified
  const inGroups = viewer.kind === 'person' && viewer.groups.size > 0
  return { user, blocked: !verified ? FEED_MESSAGES.unverified : !inGroups ? FEED_MESSAGES.noGroup : null }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, blocked } = await feedState(request)
  return { blocked, hasFeed: await hasFeedToken(user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, blocked } = await feedState(request)
  const formData = await request.formData()
  if (formData.get('intent') !== 'rotate-feed') return data({ url: null, error: 'Action inconnue.' }, { status: 400 })
  if (blocked) return data({ url: null, error: blocked }, { status: 400 })
  const token = await rotateFeedToken({ userId: user.id })
  return data({ url: feedUrl(token), error: null }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function AccountAgendaPage() {
  const { blocked, hasFeed } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const url = result?.url ?? null
  return (
    <div className="container">
      <Breadcrumbs items={[{ label: 'Mon compte', to: '/compte' }, { label: 'Mon agenda personnel' }]} />
      <h1>Mon agenda personnel</h1>
      <p>
        Ajouter à votre agenda (Outlook, Google Agenda, Thunderbird…) les événements de vos groupes, y compris ceux
        réservés à leurs membres : abonnez votre application d’agenda à votre lien personnel. Elle le relit d’elle-même
        toutes les quelques heures.
      </p>
      <p>
        Ce lien est personnel : gardez-le pour vous. Si vous quittez un groupe, ses événements réservés disparaissent de
        votre agenda à la mise à jour suivante ; si vous ne faites plus partie d’aucun groupe, le lien ne fonctionne plus.
      </p>
      {result?.error ? (
        <p className="field-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {blocked && !result?.error ? <p role="status">{blocked}</p> : null}

      {url ? (
        <section aria-labelledby="titre-lien">
          <h2 id="titre-lien">Votre lien personnel</h2>
          <p role="status">Votre nouveau lien est prêt. Copiez-le maintenant : pour des raisons de sécurité, il ne sera plus affiché.</p>
          <div className="field">
            <label htmlFor="lien-agenda">Adresse de votre agenda (iCalendar)</label>
            <input id="lien-agenda" type="text" readOnly value={url} />
          </div>
        </section>
      ) : null}

      {blocked ? null : (
        <section aria-labelledby="titre-renouveler">
          <h2 id="titre-renouveler">{hasFeed || url ? 'Renouveler le lien' : 'Obtenir mon lien'}</h2>
          {hasFeed || url ? (
            <p>
              Vous avez déjà un lien personnel. Le renouveler en crée un nouveau et l’ancien cesse aussitôt de
              fonctionner : faites-le si vous l’avez partagé par erreur, puis abonnez à nouveau votre application.
            </p>
          ) : (
            <p>Vous n’avez pas encore de lien personnel.</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="rotate-feed" />
            <button type="submit" className="button">
              {hasFeed || url ? 'Renouveler le lien' : 'Obtenir mon lien'}
            </button>
          </Form>
        </section>
      )}

      <section aria-labelledby="titre-comment">
        <h2 id="titre-comment">Comment s’abonner</h2>
        <ul>
          <li>Outlook : Ajouter un calendrier, puis « S’abonner à partir du web », et collez le lien.</li>
          <li>Google Agenda : Autres agendas, « + », puis « À partir de l’URL », et collez le lien.</li>
          <li>Thunderbird : Nouvel agenda, « Sur le réseau », et collez le lien.</li>
        </ul>
      </section>
    </div>
  )
}
