import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import richTextStyles from '#app/components/editor/rich-text.css?url'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { eventPath } from '#app/modules/events/emails.server.ts'
import { listOrganiserOptions, moduleFieldErrors, parseEventForm } from '#app/modules/events/event-form.server.ts'
import { createEvent } from '#app/modules/events/events.server.ts'
import { EventForm } from '#app/modules/events/ui/event-form.tsx'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'

// Proposing an event (/agenda/nouveau, issue 13): for the coordinators of a group, the members of a structure (with a
// confirmed address) and admins — the organiser picker lists what this person may organise for (events.policy.ts
// `canCreateFor`, asked again by `createEvent`). Others get a 403 page saying why. `?organisateur=group:<id>` preselects.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: richTextStyles }]

export const meta: MetaFunction = () => [{ title: 'Proposer un événement — Agenda — Essaim' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  const organisers = await listOrganiserOptions(viewer)
  if (organisers.length === 0) return data({ allowed: false as const, verified: viewer.verified, organisers, territories: [], preselected: '' }, { status: 403 })
  const territories = await listTerritories()
  const asked = new URL(request.url).searchParams.get('organisateur') ?? ''
  const preselected = organisers.some((o) => o.value === asked) ? asked : organisers.length === 1 ? organisers[0].value : ''
  return {
    allowed: true as const,
    verified: viewer.verified,
    organisers,
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
    preselected,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const organisers = await listOrganiserOptions(viewer)
  if (organisers.length === 0) throw new Response(null, { status: 403 })
  const parsed = await parseEventForm(await request.formData())
  if (!parsed.ok) return data(parsed.reply, { status: 400 })
  const result = await createEvent({ actor: viewer, input: parsed.input })
  if (!result.ok && result.reason === 'forbidden') {
    return data(parsed.submission.reply({ fieldErrors: { organiser: ['Vous ne pouvez pas proposer d’événement pour cet organisateur.'] } }), { status: 403 })
  }
  if (!result.ok) return data(parsed.submission.reply({ fieldErrors: moduleFieldErrors(result.errors) }), { status: 400 })
  return redirectWithFlash(eventPath(result.event), 'event-created')
}

export default function NewEventPage() {
  const { allowed, verified, organisers, territories, preselected } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Agenda', to: '/agenda' }, { label: 'Proposer un événement' }]} />
      <h1>Proposer un événement</h1>
      {allowed ? (
        <EventForm
          id="nouvel-evenement"
          lastResult={lastResult}
          defaultValue={{ organiser: preselected, visibility: 'public', kind: '' }}
          organisers={organisers}
          territories={territories}
          submitLabel="Publier l’événement"
          cancelHref="/agenda"
        />
      ) : (
        <div className="notice">
          {verified ? (
            <p>
              Les événements sont proposés par les coordinateurs et coordinatrices d’un groupe et par les membres d’une
              structure. Pour en proposer un, rejoignez <Link to="/structures">votre structure</Link> ou contactez la
              coordination de <Link to="/groupes">votre groupe</Link>.
            </p>
          ) : (
            <p>
              Pour proposer un événement, confirmez d’abord votre adresse électronique avec le lien reçu par courriel. Vous
              pouvez en demander un nouveau depuis <Link to="/compte">votre compte</Link>.
            </p>
          )}
        </div>
      )}
    </div>
  )
}
