import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import richTextStyles from '#app/components/editor/rich-text.css?url'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { eventPath } from '#app/modules/events/emails.server.ts'
import { eventFormDefaults, getEventForOrganiser, moduleFieldErrors, organiserName, parseEventForm } from '#app/modules/events/event-form.server.ts'
import { organiserValue } from '#app/modules/events/events.schema.ts'
import { updateEvent } from '#app/modules/events/events.server.ts'
import { EventForm } from '#app/modules/events/ui/event-form.tsx'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { notFound, redirectWithFlash } from '#app/utils/http.server.ts'

// Editing an event (/agenda/:id/modifier, issue 13): its organisers (coordinators of the organising group, members of
// the organising structure) and admins. An event the viewer may not read is a 404; one they read but may not edit a
// 403; a cancelled one is edited by nobody (403 with the reason). The organiser does not change. `updateEvent` keeps the
// UID and raises SEQUENCE when the date, the time or the place changes; a stale form is refused (409), not overwritten.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: richTextStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Modifier « ${data.title} » — Agenda — Essaim` : 'Événement introuvable — Essaim' },
  { name: 'robots', content: 'noindex' },
]

async function requireEditable(request: Request, id: string) {
  const viewer = await requirePerson(request)
  const found = await getEventForOrganiser(id, viewer, 'edit')
  if (!found.ok && found.reason === 'not-found') notFound()
  if (!found.ok) throw new Response(null, { status: 403 })
  return { viewer, event: found.event }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireEditable(request, params.id ?? '')
  const [defaults, organiser, territories] = await Promise.all([eventFormDefaults(event), organiserName(event), listTerritories()])
  return {
    id: event.id,
    title: event.title,
    version: event.version,
    defaults,
    organiser,
    territories: territories.map((t) => ({ slug: t.slug, name: t.name })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, event } = await requireEditable(request, params.id ?? '')
  const formData = await request.formData()
  // The organiser does not change here: whatever was posted, the event's own is read.
  formData.set('organiser', organiserValue(event))
  const parsed = await parseEventForm(formData)
  if (!parsed.ok) return data(parsed.reply, { status: 400 })
  const { groupId: _g, structureId: _s, ...input } = parsed.input
  const result = await updateEvent({ id: event.id, input, expectedVersion: Number(formData.get('expectedVersion')), actor: viewer })
  if (result.ok) return redirectWithFlash(eventPath(event), 'event-updated')
  switch (result.reason) {
    case 'not-found':
      notFound()
      break
    case 'forbidden':
      return data(parsed.submission.reply({ formErrors: ['Vous ne pouvez pas modifier cet événement.'] }), { status: 403 })
    case 'cancelled':
      return data(parsed.submission.reply({ formErrors: [result.message] }), { status: 403 })
    case 'conflict':
      return data(parsed.submission.reply({ formErrors: [result.message] }), { status: 409 })
    case 'invalid':
      return data(parsed.submission.reply({ fieldErrors: moduleFieldErrors(result.errors) }), { status: 400 })
  }
}

export default function EditEventPage() {
  const { id, title, version, defaults, organiser, territories } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const page = `/agenda/${id}`
  return (
    <div className="container narrow">
      <Breadcrumbs items={[{ label: 'Agenda', to: '/agenda' }, { label: title, to: page }, { label: 'Modifier' }]} />
      <h1>Modifier l’événement</h1>
      <p>
        <Link to={page}>{title}</Link> : les personnes qui se sont abonnées à l’agenda verront la nouvelle date ou le
        nouveau lieu dans leur calendrier.
      </p>
      <EventForm
        id="modifier-evenement"
        lastResult={lastResult}
        defaultValue={defaults}
        organisers={null}
        organiserName={organiser}
        territories={territories}
        submitLabel="Enregistrer les modifications"
        cancelHref={page}
        version={version}
      />
    </div>
  )
}
