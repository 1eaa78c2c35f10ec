import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import richTextStyles from '#app/components/editor/rich-text.css?url'
import { getViewer, requirePerson } from '#app/modules/auth/viewer.server.ts'
import { eventPath } from '#app/modules/events/emails.server.ts'
import { can, registrationOpen } from '#app/modules/events/events.policy.ts'
import { type EventRecord, eventAccessItem, getEventForViewer } from '#app/modules/events/events.server.ts'
import { eventLocation, toCalendarEvents } from '#app/modules/events/ical.server.ts'
import { EVENT_KIND_LABELS, REGISTRATION_MESSAGES, rankFr } from '#app/modules/events/labels.ts'
import { cancelRegistration, listParticipants, myRegistration, register } from '#app/modules/events/registrations.server.ts'
import { cancelEvent } from '#app/modules/events/events.server.ts'
import { groupPath } from '#app/modules/groups/pages.server.ts'
import { formatEventScheduleFr } from '#app/utils/dates-fr.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'
import { useNonce } from '#app/utils/nonce.tsx'
import { countFr } from '#app/utils/plural.ts'
import { db } from '#db/client.server.ts'
import { commentsSection, handleCommentIntent, isCommentIntent } from '#app/modules/comments/comments-route.server.ts'
import { CommentsSection, isCommentAnswer } from '#app/modules/comments/ui/comments-section.tsx'

// The page of an event (/agenda/:id, issue 13): when and where, who organises, « Je participe » / « Se désinscrire »
// (plain POST forms), the participants for organisers only, the `.ics` file and schema.org Event JSON-LD. Who may
// read and register is the policy's (events.policy.ts): an event this viewer may not read is a 404.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: richTextStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Événement introuvable — Essaim' }]
  const { event, url } = data
  return [
    { title: `${event.title} — Agenda — Essaim` },
    { name: 'description', content: `${event.kindLabel}, ${event.schedule}.` },
    { tagName: 'link', rel: 'canonical', href: url },
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: 'Essaim' },
    { property: 'og:locale', content: 'fr_FR' },
    { property: 'og:title', content: event.title },
    { property: 'og:url', content: url },
    ...(event.visibility !== 'public' ? [{ name: 'robots', content: 'noindex' }] : []),
  ]
}

type Organiser = { name: string; href: string; kind: 'group' | 'structure' }

async function organiserOf(event: EventRecord): Promise<Organiser | null> {
  if (event.groupId) {
    const group = await db.selectFrom('groups').select(['slug', 'name', 'kind', 'territorySlug']).where('id', '=', event.groupId).executeTakeFirst()
    return group ? { name: group.name, href: groupPath(group), kind: 'group' } : null
  }
  if (event.structureId) {
    const structure = await db.selectFrom('structures').select(['slug', 'name']).where('id', '=', event.structureId).executeTakeFirst()
    return structure ? { name: structure.name, href: `/structures/${encodeURIComponent(structure.slug)}`, kind: 'structure' } : null
  }
  return null
}

/** schema.org Event of the page (JSON-LD). */
function structuredData(
  event: EventRecord,
  place: { communeName: string | null },
  organiser: Organiser | null,
  url: string,
): Record<string, unknown> {
  const base = getEnv().publicUrl
  const online = event.onlineUrl !== null
  const physical = event.address.trim() !== '' || place.communeName !== null
  const location: Record<string, unknown>[] = []
  if (physical)
    location.push({
      '@type': 'Place',
      name: eventLocation({ address: event.address, communeName: place.communeName, onlineUrl: null }),
      address: {
        '@type': 'PostalAddress',
        ...(event.address.trim() ? { streetAddress: event.address.trim() } : {}),
        ...(place.communeName ? { addressLocality: place.communeName } : {}),
        addressCountry: 'FR',
      },
    })
  if (online) location.push({ '@type': 'VirtualLocation', url: event.onlineUrl })
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.descriptionText,
    startDate: event.startsAt,
    endDate: event.endsAt,
    eventStatus: event.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: online
      ? physical
        ? 'https://schema.org/MixedEventAttendanceMode'
        : 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    ...(location.length > 0 ? { location: location.length === 1 ? location[0] : location } : {}),
    ...(organiser
      ? { organizer: { '@type': 'Organization', name: organiser.name, url: new URL(organiser.href, base).href } }
      : {}),
    url,
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const event = await getEventForViewer(params.id ?? '', viewer)
  if (!event) notFound()
  const [place] = await toCalendarEvents([event])
  const organiser = await organiserOf(event)
  const url = new URL(eventPath(event), getEnv().publicUrl).href
  const item = eventAccessItem(event)
  const mine = await myRegistration({ eventId: event.id, viewer })
  const participants = await listParticipants({ eventId: event.id, viewer })
  const here = new URL(request.url).pathname
  const canCancel = can(viewer, 'cancel', item)
  return {
    manage: {
      canEdit: can(viewer, 'edit', item),
      canCancel,
      // `?annuler` shows the cancellation's confirmation step (a plain POST form: works without JavaScript).
      confirmingCancel: canCancel && new URL(request.url).searchParams.has('annuler'),
    },
    event: {
      id: event.id,
      title: event.title,
      descriptionHtml: event.descriptionHtml,
      kindLabel: EVENT_KIND_LABELS[event.kind],
      schedule: formatEventScheduleFr(event.startsAt, event.endsAt),
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      place: eventLocation({ address: event.address, communeName: place.communeName, onlineUrl: null }),
      onlineUrl: event.onlineUrl,
      capacity: event.capacity,
      cancelled: event.status === 'cancelled',
      visibility: event.visibility,
    },
    organiser,
    url,
    registration: {
      mine,
      canRegister: can(viewer, 'register', item),
      anonymous: viewer.kind === 'anonymous',
      open: registrationOpen(item, new Date()),
      unverified: viewer.kind === 'person' && !viewer.verified,
      loginHref: `/connexion?redirectTo=${encodeURIComponent(here)}`,
    },
    participants,
    jsonLd: structuredData(event, place, organiser, url),
    // Issue 17: comments, exactly as private as the event (this page is a 404 otherwise).
    comments: await commentsSection(request, viewer, { kind: 'event', id: event.id }),
  }
}

export type EventActionData = { message: string }

/** « Je participe » (intent=register) and « Se désinscrire » (intent=unregister), posted to the page itself. */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? ''
  const page = eventPath({ id })
  if (request.headers.get('content-type')?.includes('form')) {
    const peek = await request.clone().formData()
    const commentIntent = peek.get('intent')
    if (isCommentIntent(commentIntent)) {
      // Comments (issue 17): readable event only (a 404 otherwise), the module checks the rest.
      const viewer = await getViewer(request)
      const event = await getEventForViewer(id, viewer)
      if (!event) notFound()
      return handleCommentIntent({ viewer, target: { kind: 'event', id: event.id }, intent: commentIntent, form: peek, page })
    }
  }
  const viewer = await requirePerson(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'register') {
    const result = await register({ eventId: id, actor: viewer })
    if (result.ok) return redirectWithFlash(page, result.already ? 'event-already' : result.state === 'waiting' ? 'event-waiting' : 'event-registered')
    if (result.reason === 'not-found') notFound()
    const message = result.reason === 'forbidden' ? REGISTRATION_MESSAGES.unverified : REGISTRATION_MESSAGES.closed
    return data<EventActionData>({ message }, { status: 403 })
  }
  if (intent === 'unregister') {
    const result = await cancelRegistration({ eventId: id, actor: viewer })
    if (result.ok) return redirectWithFlash(page, 'event-unregistered')
    if (result.reason === 'not-found') notFound()
    return data<EventActionData>({ message: REGISTRATION_MESSAGES.notRegistered }, { status: 400 })
  }
  if (intent === 'cancel') {
    const result = await cancelEvent({ id, actor: viewer })
    if (result.ok) return redirectWithFlash(page, 'event-cancelled')
    if (result.reason === 'not-found') notFound()
    const message = result.reason === 'cancelled' ? result.message : 'Seuls les organisateurs de l’événement peuvent l’annuler.'
    return data<EventActionData>({ message }, { status: 403 })
  }
  return badRequest()
}

/** JSON for a <script> element: `<` escaped so the text can never close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

export default function EventPage() {
  const { event, organiser, registration, participants, jsonLd, manage, comments } = useLoaderData<typeof loader>()
  const rawActionData = useActionData<typeof action>()
  const commentAnswer = isCommentAnswer(rawActionData) ? rawActionData : undefined
  const actionData = rawActionData && !isCommentAnswer(rawActionData) ? (rawActionData as EventActionData) : undefined
  const nonce = useNonce()
  const { mine } = registration
  return (
    <article className="container">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: JSON-LD built by us, `<` escaped (scriptJson) */}
      <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: scriptJson(jsonLd) }} />
      <p className="no-print">
        <Link to="/agenda">← Tout l’agenda</Link>
      </p>
      <p>
        <span className="badge badge-kind">{event.kindLabel}</span>
      </p>
      <h1>{event.title}</h1>
      {event.cancelled ? (
        <p className="status-banner" role="status">
          <strong>Annulé</strong> : cet événement n’aura pas lieu.
        </p>
      ) : null}
      {manage.canEdit || manage.canCancel ? (
        <nav aria-label="Gérer l’événement" className="no-print">
          <ul className="inline-list">
            {manage.canEdit ? (
              <li>
                <Link to={`/agenda/${event.id}/modifier`}>Modifier</Link>
              </li>
            ) : null}
            {manage.canCancel && !manage.confirmingCancel ? (
              <li>
                <Link to={`/agenda/${event.id}?annuler#annulation`}>Annuler l’événement</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {manage.confirmingCancel ? (
        <section aria-labelledby="annulation" className="notice">
          <h2 id="annulation">Annuler l’événement ?</h2>
          <p>
            La page restera visible avec la mention « Annulé », les calendriers abonnés le montreront annulé, et les
            personnes inscrites ou en liste d’attente seront prévenues par courriel. Cette action est définitive.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <div className="form-actions">
              <button type="submit" className="button button-danger">
                Confirmer l’annulation
              </button>
              <Link to={`/agenda/${event.id}`}>Ne pas annuler</Link>
            </div>
          </Form>
        </section>
      ) : null}
      <dl className="event-facts">
        <dt>Quand</dt>
        <dd>
          <time dateTime={event.startsAt}>{event.schedule}</time>
        </dd>
        {event.place ? (
          <>
            <dt>Où</dt>
            <dd>{event.place}</dd>
          </>
        ) : null}
        {event.onlineUrl ? (
          <>
            <dt>En ligne</dt>
            <dd>
              <a href={event.onlineUrl} rel="noopener noreferrer nofollow">
                {event.onlineUrl}
              </a>
            </dd>
          </>
        ) : null}
        {organiser ? (
          <>
            <dt>Organisé par</dt>
            <dd>
              <Link to={organiser.href}>{organiser.name}</Link>
            </dd>
          </>
        ) : null}
        {event.capacity !== null ? (
          <>
            <dt>Places</dt>
            <dd>{countFr(event.capacity, 'place', 'places')}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/agenda/${event.id}.ics`} download>
          Ajouter à mon agenda (fichier .ics)
        </a>
      </p>

      <section aria-labelledby="participation">
        <h2 id="participation">Participation</h2>
        {actionData ? (
          <p className="form-error" role="alert">
            {actionData.message}
          </p>
        ) : null}
        {mine?.state === 'registered' ? <p>Vous êtes inscrit ou inscrite à cet événement.</p> : null}
        {mine?.state === 'waiting' ? <p>{`Vous êtes ${rankFr(mine.rank)} sur la liste d’attente.`}</p> : null}
        {mine && !event.cancelled ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unregister" />
            <button type="submit" className="button-secondary">
              Se désinscrire
            </button>
          </Form>
        ) : null}
        {!mine && registration.canRegister ? (
          <Form method="post">
            <input type="hidden" name="intent" value="register" />
            <button type="submit">Je participe</button>
          </Form>
        ) : null}
        {!mine && !registration.canRegister ? (
          registration.anonymous && registration.open ? (
            <p>
              <Link to={registration.loginHref}>Connectez-vous pour vous inscrire</Link>
            </p>
          ) : registration.unverified && registration.open ? (
            <p>{REGISTRATION_MESSAGES.unverified}</p>
          ) : (
            <p>{event.cancelled ? 'Les inscriptions sont fermées : l’événement est annulé.' : REGISTRATION_MESSAGES.closed}</p>
          )
        ) : null}
      </section>

      <section aria-labelledby="description">
        <h2 id="description">Présentation</h2>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: HTML derived once at write time from validated JSON by the rich-text pipeline; never client HTML */}
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
      </section>

      {participants ? (
        <section aria-labelledby="participants">
          <h2 id="participants">{`Participants (${participants.participants.length})`}</h2>
          {participants.participants.length > 0 ? (
            <ul>
              {participants.participants.map((p) => (
                <li key={p.userId}>{p.name}</li>
              ))}
            </ul>
          ) : (
            <p>Aucune inscription pour l’instant.</p>
          )}
          {participants.waiting.length > 0 ? (
            <>
              <h3>{`Liste d’attente (${participants.waiting.length})`}</h3>
              <ol>
                {participants.waiting.map((p) => (
                  <li key={p.userId}>{p.name}</li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}

      {comments ? <CommentsSection section={comments} answer={commentAnswer} page={`/agenda/${event.id}`} /> : null}
    </article>
  )
}
