import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { JSONContent } from '@tiptap/core'
import { useId } from 'react'
import richTextStyles from '#app/components/editor/rich-text.css?url'
import { FieldErrors } from '#app/components/forms.tsx'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { type PathwayFormAnswer, pathwayFormChoices, readPathwayForm } from '#app/modules/pathways/pathway-form.server.ts'
import {
  addStep,
  getPathwayForEditor,
  moveStep,
  PATHWAY_MESSAGES,
  removeStep,
  type StepField,
  setPathwayPublished,
  updatePathway,
} from '#app/modules/pathways/pathways.server.ts'
import { PathwayForm } from '#app/modules/pathways/ui/pathway-form.tsx'
import { badRequest, notFound, redirectWithFlash } from '#app/utils/http.server.ts'

// /parcours/:slug/modifier (issue 15): the pathway's fields, its steps (add at the end, remove, move up or down — one
// form per action, no JavaScript needed) and publish / back to draft. Only those who maintain it (the policy's
// `edit`); anyone else gets a 404.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: richTextStyles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Modifier « ${data.pathway.title} » — Parcours — Essaim` : 'Parcours introuvable — Essaim' },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  const view = await getPathwayForEditor(params.slug ?? '', viewer)
  if (!view) notFound()
  const { pathway } = view
  return {
    pathway: {
      id: pathway.id,
      slug: pathway.slug,
      title: pathway.title,
      status: pathway.status,
      introDoc: JSON.parse(pathway.introJson) as JSONContent,
      nextSteps: pathway.nextSteps,
      contactId: pathway.contactId ?? '',
      territorySlug: pathway.territorySlug ?? '',
      groupId: pathway.groupId ?? '',
    },
    steps: view.steps.map((s) => ({ id: s.id, number: s.number, title: s.reserved ? PATHWAY_MESSAGES.reserved : s.title, note: s.note, kind: s.kind })),
    can: view.can,
    choices: await pathwayFormChoices(viewer, pathway.groupId),
  }
}

type StepAnswer = { step: { errors: Partial<Record<StepField, string>>; values: { target: string; linkTitle: string; note: string } } }
type StatusAnswer = { status: string }
export type EditAnswer = PathwayFormAnswer | StepAnswer | StatusAnswer

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const view = await getPathwayForEditor(params.slug ?? '', viewer)
  if (!view) notFound()
  const { pathway } = view
  const here = `/parcours/${encodeURIComponent(pathway.slug)}/modifier`
  const form = await request.formData()
  const intent = form.get('intent')
  if (intent === 'save') {
    const { input, values } = readPathwayForm(form)
    const result = await updatePathway({ id: pathway.id, actor: viewer, input })
    if (result.ok) return redirectWithFlash(here, 'pathway-saved')
    if (result.reason === 'not-found') notFound()
    const errors = result.reason === 'invalid' ? result.errors : { groupId: 'Vous ne coordonnez pas ce groupe.' }
    return data<EditAnswer>({ errors, values }, { status: 400 })
  }
  if (intent === 'add-step') {
    const values = { target: String(form.get('target') ?? ''), linkTitle: String(form.get('linkTitle') ?? ''), note: String(form.get('note') ?? '') }
    const result = await addStep({ pathwayId: pathway.id, actor: viewer, input: values })
    if (result.ok) return redirectWithFlash(here, 'pathway-step-added')
    if (result.reason !== 'invalid') notFound()
    return data<EditAnswer>({ step: { errors: result.errors, values } }, { status: 400 })
  }
  const stepId = String(form.get('step') ?? '')
  if (intent === 'remove-step') {
    const result = await removeStep({ pathwayId: pathway.id, stepId, actor: viewer })
    if (!result.ok) notFound()
    return redirectWithFlash(here, 'pathway-step-removed')
  }
  if (intent === 'move-up' || intent === 'move-down') {
    const result = await moveStep({ pathwayId: pathway.id, stepId, direction: intent === 'move-up' ? 'up' : 'down', actor: viewer })
    if (!result.ok && result.reason !== 'edge') notFound()
    return redirectWithFlash(here, 'pathway-step-moved')
  }
  if (intent === 'publish' || intent === 'unpublish') {
    const result = await setPathwayPublished({ id: pathway.id, actor: viewer, publish: intent === 'publish' })
    if (result.ok) return redirectWithFlash(intent === 'publish' ? `/parcours/${encodeURIComponent(pathway.slug)}` : here, intent === 'publish' ? 'pathway-published' : 'pathway-unpublished')
    if (result.reason === 'no-steps') return data<EditAnswer>({ status: 'Ajoutez au moins une étape avant de publier le parcours.' }, { status: 400 })
    return data<EditAnswer>({ status: 'Ce changement n’est pas possible dans l’état actuel du parcours.' }, { status: 400 })
  }
  badRequest()
}

export default function EditPathwayPage() {
  const { pathway, steps, can, choices } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const id = useId()
  const formAnswer = answer && 'values' in answer ? answer : undefined
  const stepAnswer = answer && 'step' in answer ? answer.step : undefined
  const statusAnswer = answer && 'status' in answer ? answer.status : undefined
  const stepError = (name: StepField) => stepAnswer?.errors[name]
  return (
    <div className="container">
      <p>
        <Link to={`/parcours/${encodeURIComponent(pathway.slug)}`}>← Voir le parcours</Link>
      </p>
      <h1>{`Modifier « ${pathway.title} »`}</h1>

      <section aria-labelledby="publication">
        <h2 id="publication">Publication</h2>
        {statusAnswer ? (
          <p className="form-error" role="alert">
            {statusAnswer}
          </p>
        ) : null}
        <p>{pathway.status === 'published' ? 'Le parcours est publié : tout le monde peut le suivre.' : 'Le parcours est un brouillon : seules les personnes qui le font vivre le voient.'}</p>
        {can.publish ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit">Publier le parcours</button>
          </Form>
        ) : null}
        {can.unpublish ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unpublish" />
            <button type="submit" className="button-secondary">
              Repasser en brouillon
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="etapes">
        <h2 id="etapes">Les étapes</h2>
        {steps.length === 0 ? <p>Aucune étape pour l’instant.</p> : null}
        <ol>
          {steps.map((step, i) => (
            <li key={step.id}>
              <p>
                <strong>{step.title}</strong>
              </p>
              {step.note ? <p>{step.note}</p> : null}
              <div className="button-row">
                {i > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="step" value={step.id} />
                    <input type="hidden" name="intent" value="move-up" />
                    <button type="submit" className="button-secondary">
                      Monter<span className="visually-hidden">{` l’étape ${step.number}`}</span>
                    </button>
                  </Form>
                ) : null}
                {i < steps.length - 1 ? (
                  <Form method="post">
                    <input type="hidden" name="step" value={step.id} />
                    <input type="hidden" name="intent" value="move-down" />
                    <button type="submit" className="button-secondary">
                      Descendre<span className="visually-hidden">{` l’étape ${step.number}`}</span>
                    </button>
                  </Form>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="step" value={step.id} />
                  <input type="hidden" name="intent" value="remove-step" />
                  <button type="submit" className="button-secondary">
                    Retirer<span className="visually-hidden">{` l’étape ${step.number}`}</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
        <h3>Ajouter une étape</h3>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-step" />
          {stepAnswer ? (
            <p className="form-error" role="alert">
              L’étape n’a pas été ajoutée : corrigez les erreurs signalées.
            </p>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-target`}>
              Adresse de l’étape<span aria-hidden="true"> *</span>
            </label>
            <p className="hint" id={`${id}-target-hint`}>
              L’adresse d’une ressource (/ressources/…) ou d’un événement (/agenda/…) d’Essaim, ou un lien https:// vers un autre site.
            </p>
            <input
              id={`${id}-target`}
              name="target"
              required
              aria-required
              defaultValue={stepAnswer?.values.target}
              aria-describedby={`${id}-target-hint${stepError('target') ? ` ${id}-target-errors` : ''}`}
              aria-invalid={stepError('target') ? true : undefined}
            />
            <FieldErrors id={`${id}-target-errors`} errors={stepError('target') ? [stepError('target') as string] : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-link-title`}>Titre du lien (pour un autre site)</label>
            <input
              id={`${id}-link-title`}
              name="linkTitle"
              maxLength={150}
              defaultValue={stepAnswer?.values.linkTitle}
              aria-describedby={stepError('linkTitle') ? `${id}-linkTitle-errors` : undefined}
              aria-invalid={stepError('linkTitle') ? true : undefined}
            />
            <FieldErrors id={`${id}-linkTitle-errors`} errors={stepError('linkTitle') ? [stepError('linkTitle') as string] : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>Note de la coordination</label>
            <textarea
              id={`${id}-note`}
              name="note"
              rows={3}
              maxLength={1000}
              defaultValue={stepAnswer?.values.note}
              aria-describedby={stepError('note') ? `${id}-note-errors` : undefined}
              aria-invalid={stepError('note') ? true : undefined}
            />
            <FieldErrors id={`${id}-note-errors`} errors={stepError('note') ? [stepError('note') as string] : undefined} />
          </div>
          <button type="submit">Ajouter l’étape</button>
        </Form>
      </section>

      <section aria-labelledby="informations">
        <h2 id="informations">Informations du parcours</h2>
        <PathwayForm
          answer={formAnswer}
          defaults={{
            title: pathway.title,
            introDoc: pathway.introDoc,
            nextSteps: pathway.nextSteps,
            contactId: pathway.contactId,
            territorySlug: pathway.territorySlug,
            groupId: pathway.groupId,
          }}
          choices={choices}
          submitLabel="Enregistrer"
        />
      </section>
    </div>
  )
}
