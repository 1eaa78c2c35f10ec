import { useEffect, useId, useState } from 'react'

/**
 * The page's address in a read-only field anyone can select and copy; with JavaScript and a clipboard, a button
 * copies it in one click and says so.
 */
export function CopyLink({ url }: { url: string }) {
  const id = useId()
  const [canCopy, setCanCopy] = useState(false)
  const [message, setMessage] = useState('')
  useEffect(() => setCanCopy(typeof navigator !== 'undefined' && Boolean(navigator.clipboard)), [])
  return (
    <div className="copy-link">
      <label htmlFor={id}>Lien de cette page</label>
      <input id={id} type="url" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
      {canCopy ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url)
              setMessage('Lien copié.')
            } catch {
              setMessage('La copie a échoué : sélectionnez le lien et copiez-le.')
            }
          }}
        >
          Copier le lien
        </button>
      ) : null}
      <p role="status" className="hint">
        {message}
      </p>
    </div>
  )
}
