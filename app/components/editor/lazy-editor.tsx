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
  'L’éditeur de texte a besoin de JavaScript : activez-le pour rédiger le contenu. Les autres champs du formulaire s’enregistrent sans.'

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

function EditorPlaceholder({ name, label, defaultValue, errors, errorId }: RichTextEditorProps) {
  const id = useId()
  const ownErrorId = errorId ?? `${id}-errors`
  return (
    <div className={`rich-text-field field rich-text-placeholder${errors?.length ? ' has-error' : ''}`}>
      <div id={`${id}-label`} className="rich-text-label">
        {label}
      </div>
      <noscript>
        <p className="notice">{NO_JS_MESSAGE}</p>
      </noscript>
      {/* Shown by lazy-editor.css when the browser runs no script (`@media (scripting: none)`): some browsers parse
          <noscript> without showing it (Chromium with scripts switched off for the page). The <noscript> copy stays for
          browsers that do not know that media feature. */}
      <p className="notice rich-text-nojs">{NO_JS_MESSAGE}</p>
      {/* Hidden by lazy-editor.css when the page runs no script. */}
      <p className="rich-text-loading" role="status">
        Chargement de l’éditeur de texte…
      </p>
      <FieldErrors id={ownErrorId} errors={errors} />
      {defaultValue ? <input type="hidden" name={name} value={JSON.stringify(defaultValue)} /> : null}
    </div>
  )
}
