import { Form } from '@remix-run/react'
import type { JSONContent } from '@tiptap/core'
import { useId } from 'react'
import { LazyRichTextEditor } from '#app/components/editor/lazy-editor.tsx'
import { FieldErrors } from '#app/components/forms.tsx'
import type { PathwayFormAnswer, PathwayFormChoices, PathwayFormValues } from '../pathway-form.server.ts'

// The form of a pathway's fields (create and edit). Plain POST, `noValidate`: the server's French messages show,
// with what was typed kept.

type Props = {
  answer?: PathwayFormAnswer
  defaults: Partial<PathwayFormValues> & { introDoc?: JSONContent | null }
  choices: PathwayFormChoices
  submitLabel: string
}

export function PathwayForm({ answer, defaults, choices, submitLabel }: Props) {
  const id = useId()
  const errors = answer?.errors ?? {}
  const values = answer?.values ?? defaults
  const hasErrors = Object.keys(errors).length > 0
  const invalid = (name: keyof typeof errors) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-errors` } : {})
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      {hasErrors ? (
        <p className="form-error" role="alert">
          {errors.form ?? 'Le parcours n’a pas été enregistré : corrigez les erreurs signalées.'}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-title`}>
          Titre<span aria-hidden="true"> *</span>
        </label>
        <input id={`${id}-title`} name="title" required aria-required maxLength={150} defaultValue={values.title ?? ''} {...invalid('title')} />
        <FieldErrors id={`${id}-title-errors`} errors={errors.title ? [errors.title] : undefined} />
      </div>
      <LazyRichTextEditor
        name="intro"
        label="Introduction *"
        features="discussion"
        maxChars={5000}
        defaultValue={(answer?.values.intro as JSONContent | null | undefined) ?? defaults.introDoc ?? null}
        errors={errors.intro ? [errors.intro] : undefined}
        errorId={`${id}-intro-errors`}
        textFallback={{ name: 'introText', defaultValue: answer?.values.introText }}
      />
      <div className="field">
        <label htmlFor={`${id}-next`}>Et après ?</label>
        <p className="hint" id={`${id}-next-hint`}>
          Ce que la personne peut faire une fois le parcours terminé. Une ligne vide sépare les paragraphes.
        </p>
        <textarea
          id={`${id}-next`}
          name="nextSteps"
          rows={5}
          maxLength={3000}
          defaultValue={values.nextSteps ?? ''}
          aria-describedby={`${id}-next-hint${errors.nextSteps ? ` ${id}-nextSteps-errors` : ''}`}
          aria-invalid={errors.nextSteps ? true : undefined}
        />
        <FieldErrors id={`${id}-nextSteps-errors`} errors={errors.nextSteps ? [errors.nextSteps] : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-contact`}>Personne à contacter</label>
        <select id={`${id}-contact`} name="contactId" defaultValue={values.contactId ?? ''} {...invalid('contactId')}>
          <option value="">Aucune</option>
          {choices.contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldErrors id={`${id}-contactId-errors`} errors={errors.contactId ? [errors.contactId] : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-territory`}>Territoire</label>
        <select id={`${id}-territory`} name="territorySlug" defaultValue={values.territorySlug ?? ''} {...invalid('territorySlug')}>
          <option value="">Tout le Pas-de-Calais</option>
          {choices.territories.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
        <FieldErrors id={`${id}-territorySlug-errors`} errors={errors.territorySlug ? [errors.territorySlug] : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-group`}>Groupe qui fait vivre le parcours</label>
        <p className="hint" id={`${id}-group-hint`}>
          Sa coordination pourra modifier le parcours.
        </p>
        <select
          id={`${id}-group`}
          name="groupId"
          defaultValue={values.groupId ?? ''}
          aria-describedby={`${id}-group-hint${errors.groupId ? ` ${id}-groupId-errors` : ''}`}
          aria-invalid={errors.groupId ? true : undefined}
        >
          <option value="">Aucun</option>
          {choices.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <FieldErrors id={`${id}-groupId-errors`} errors={errors.groupId ? [errors.groupId] : undefined} />
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  )
}
