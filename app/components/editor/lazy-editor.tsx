import { lazy, Suspense, useEffect, useId, useState } from 'react'
import { FieldErrors } from '#app/components/forms.tsx'
import type { RichTextEditorProps } from './rich-text-editor.tsx'
import './lazy-editor.css'

// The only way routes should use the editor. Tiptap lives in its own chunk, loaded after hydration on editing
// pages only. Server-side and before hydration this renders the label, a loading state and — for people
// without JavaScript — a French explanation; the current document is still posted unchanged, so editing the
// other fields of a form without JavaScript never erases the text.

const RichTextEditor = lazy(() => import('./rich-text-editor.tsx').then((module) => ({ default: module.RichTextEditor })))

export const NO_JS_MESSAGE =
  'L’éditeur de texte a besoin de JavaScript. Sans JavaScript, vous pouvez remplir et enregistrer les autres champs, puis rédiger ce texte plus tard depuis un navigateur où JavaScript est activé.'

export function LazyRichTextEditor(props: RichTextEditorProps) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  if (!hydrated) return <EditorPlaceholder {...props} />
  return (
    <Suspense fallback={<EditorPlaceholder {...props} />}>
      <RichTextEditor {...props} />
    </Suspense>
  )
}

function EditorPlaceholder({ name, label, defaultValue, errors, errorId, describedBy, textFallback }: RichTextEditorProps) {
  const id = useId()
  const ownErrorId = errorId ?? `${id}-errors`
  return (
    <div className={`rich-text-field field rich-text-placeholder${errors?.length ? ' has-error' : ''}`}>
      <div id={`${id}-label`} className="rich-text-label">
        {label}
      </div>
      {textFallback ? (
        <div className="rich-text-fallback">
          <label htmlFor={`${id}-text`} className="visually-hidden">
            {label}
          </label>
          <textarea
            id={`${id}-text`}
            name={textFallback.name}
            rows={8}
            defaultValue={textFallback.defaultValue}
            aria-describedby={[describedBy, errors?.length ? ownErrorId : null].filter(Boolean).join(' ') || undefined}
            aria-invalid={errors?.length ? true : undefined}
          />
          <p className="hint">Sans JavaScript : texte simple, une ligne vide sépare les paragraphes.</p>
        </div>
      ) : (
        <>
          {/* The second copy is shown by lazy-editor.css when the browser runs no script (`@media (scripting: none)`):
              some browsers parse <noscript> without showing it (Chromium with scripts switched off for the page). */}
          <noscript>
            <p className="notice">{NO_JS_MESSAGE}</p>
          </noscript>
          <p className="notice rich-text-nojs">{NO_JS_MESSAGE}</p>
        </>
      )}
      {/* Hidden by lazy-editor.css when the page runs no script. */}
      <p className="rich-text-loading" role="status">
        Chargement de l’éditeur de texte…
      </p>
      <FieldErrors id={ownErrorId} errors={errors} />
      {defaultValue ? <input type="hidden" name={name} value={JSON.stringify(defaultValue)} /> : null}
    </div>
  )
}
