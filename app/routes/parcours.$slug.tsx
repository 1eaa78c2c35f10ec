import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import richTextStyles from '#app/components/editor/rich-text.css?url'
import { getViewer, requirePerson } from '#app/modules/auth/viewer.server.ts'
import { getPathwayForViewer, markStep, PATHWAY_MESSAGES } from '#app/modules/pathways/pathways.server.ts'
import { progressLabel } from '#app/modules/pathways/progress.ts'
import { badRequest, notFound } from '#app/utils/http.server.ts'

// A pathway (/parcours/:slug, issue 15): its introduction, its ordered steps with the coordinator's notes and the live
// state of what they point to, « Et après ? » and the contact. Logged-in people mark steps done or not done (a plain
// POST per step, no JavaScript needed) and see « 3 étapes sur 5 » with a <progress>. A draft the viewer may not
// maintain is a 404; a step pointing to what they may not read shows « Étape réservée aux membres ».

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: richTextStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.pathway.title} — Parcours — Essaim` },
        { name: 'description', content: data.pathway.introText.slice(0, 200) },
        ...(data.pathway.status !== 'published' ? [{ name: 'robots', content: 'noindex' }] : []),
      ]
    : [{ title: 'Parcours introuvable — Essaim' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const view = await getPathwayForViewer(params.slug ?? '', viewer)
  if (!view) notFound()
  const { pathway } = view
  return {
    pathway: {
      slug: pathway.slug,
      title: pathway.title,
      introHtml: pathway.introHtml,
      introText: pathway.introText,
      nextSteps: pathway.nextSteps.split(/\n\s*\n/).filter((p) => p.trim()),
      status: pathway.status,
    },
    steps: view.steps,
    progress: view.progress ? { ...view.progress, label: progressLabel(view.progress) } : null,
    contact: view.contact,
    territoryName: view.territoryName,
    groupName: view.groupName,
    can: view.can,
    loginHref: `/connexion?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
  }
}

/** « J’ai fait cette étape » (intent=done) and « Pas encore faite » (intent=undone), one form per step. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const slug = params.slug ?? ''
  const form = await request.formData()
  const intent = form.get('intent')
  const stepId = String(form.get('step') ?? '')
  if ((intent !== 'done' && intent !== 'undone') || !stepId) badRequest()
  const result = await markStep({ slug, stepId, done: intent === 'done', actor: viewer })
  if (!result.ok) notFound()
  return redirect(`/parcours/${encodeURIComponent(slug)}#etape-${stepId}`)
}

export default function PathwayPage() {
  const { pathway, steps, progress, contact, territoryName, groupName, can, loginHref } = useLoaderData<typeof loader>()
  return (
    <article className="container pathway">
      <p className="no-print">
        <Link to="/parcours">← Tous les parcours</Link>
      </p>
      <h1>{pathway.title}</h1>
      {pathway.status !== 'published' ? (
        <p className="status-banner" role="status">
          <strong>Brouillon</strong> : ce parcours n’est visible que par les personnes qui le font vivre.
        </p>
      ) : null}
      {territoryName || groupName ? (
        <p>
          {territoryName ? `Territoire : ${territoryName}` : null}
          {territoryName && groupName ? ' · ' : null}
          {groupName ? `Proposé par : ${groupName}` : null}
        </p>
      ) : null}
      {can.edit ? (
        <p>
          <Link to={`/parcours/${encodeURIComponent(pathway.slug)}/modifier`}>Modifier le parcours</Link>
        </p>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: HTML derived at write time from validated JSON by the rich-text pipeline */}
      <div className="rich-text" dangerouslySetInnerHTML={{ __html: pathway.introHtml }} />

      <section aria-labelledby="progression">
        <h2 id="progression">Votre progression</h2>
        {progress ? (
          <>
            <p id="progression-texte">{progress.complete ? `${progress.label} : parcours terminé, bravo !` : progress.label}</p>
            <progress max={progress.total} value={progress.done} aria-labelledby="progression-texte">
              {progress.label}
            </progress>
          </>
        ) : (
          <p>
            Vous pouvez suivre ce parcours sans compte. <Link to={loginHref}>Connectez-vous</Link> pour cocher les étapes faites et
            retrouver votre progression la prochaine fois.
          </p>
        )}
      </section>

      <section aria-labelledby="etapes">
        <h2 id="etapes">Les étapes</h2>
        <ol className="pathway-steps">
          {steps.map((step) => (
            <li key={step.id} id={`etape-${step.id}`} className={step.done ? 'pathway-step is-done' : 'pathway-step'}>
              <h3>
                <span className="visually-hidden">{`Étape ${step.number} : `}</span>
                {step.reserved ? (
                  PATHWAY_MESSAGES.reserved
                ) : step.external ? (
                  <a href={step.href ?? ''} rel="noopener noreferrer">
                    {step.title}
                    <span className="visually-hidden"> (site extérieur)</span>
                  </a>
                ) : (
                  <Link to={step.href ?? ''}>{step.title}</Link>
                )}
              </h3>
              <p className="pathway-step-badges">
                {step.done ? <span className="badge badge-success">Faite</span> : null}
                {step.isNew ? <span className="badge">{PATHWAY_MESSAGES.newStep}</span> : null}
                {step.updatedSinceDone ? <span className="badge badge-warning">{PATHWAY_MESSAGES.updated}</span> : null}
                {step.live?.kind === 'cancelled' ? <span className="badge badge-warning">{PATHWAY_MESSAGES.cancelled}</span> : null}
                {step.live?.kind === 'closed' ? <span className="badge badge-warning">{PATHWAY_MESSAGES.closed}</span> : null}
              </p>
              {step.live?.kind === 'closed' ? (
                <p>
                  Cet appel est clos. <Link to={step.live.openCallsHref}>Voir les appels ouverts du même territoire</Link>
                </p>
              ) : null}
              {step.reserved ? <p>Cette étape s’adresse aux membres du réseau ou d’un groupe.</p> : null}
              {step.note ? <p className="pathway-note">{step.note}</p> : null}
              {can.track && !step.reserved ? (
                <Form method="post">
                  <input type="hidden" name="step" value={step.id} />
                  {step.done && !step.updatedSinceDone ? (
                    <>
                      <input type="hidden" name="intent" value="undone" />
                      <button type="submit" className="button-secondary">
                        Pas encore faite<span className="visually-hidden">{` : étape ${step.number}`}</span>
                      </button>
                    </>
                  ) : (
                    <>
                      <input type="hidden" name="intent" value="done" />
                      <button type="submit">
                        {step.updatedSinceDone ? 'J’ai relu cette étape' : 'J’ai fait cette étape'}
                        <span className="visually-hidden">{` : étape ${step.number}`}</span>
                      </button>
                    </>
                  )}
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {pathway.nextSteps.length > 0 ? (
        <section aria-labelledby="et-apres">
          <h2 id="et-apres">Et après ?</h2>
          {pathway.nextSteps.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </section>
      ) : null}
      {contact ? (
        <section aria-labelledby="contact">
          <h2 id="contact">Une question ?</h2>
          <p>{`Votre contact pour ce parcours : ${contact.name}.`}</p>
        </section>
      ) : null}
    </article>
  )
}
