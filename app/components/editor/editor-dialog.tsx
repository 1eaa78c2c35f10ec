import { useEffect, useId, useRef } from 'react'
import { createPortal } from 'react-dom'

// A modal dialog for the editor (link, image). Native <dialog>: focus trap, Escape and the inert background come
// from the browser. Rendered in document.body so it never nests a form inside the page's form.

export function EditorDialog({
  open,
  title,
  submitLabel,
  busy = false,
  onSubmit,
  onCancel,
  children,
}: {
  open: boolean
  title: string
  submitLabel: string
  busy?: boolean
  onSubmit: () => boolean | Promise<boolean>
  onCancel: () => void
  children: React.ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  if (typeof document === 'undefined') return null
  return createPortal(
    <dialog
      ref={ref}
      className="rich-text-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          event.stopPropagation()
          void onSubmit()
        }}
      >
        <h2 id={titleId} className="rich-text-dialog-title">
          {title}
        </h2>
        {children}
        <div className="rich-text-dialog-actions">
          <button type="submit" className="button" disabled={busy} aria-disabled={busy || undefined}>
            {submitLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  )
}
