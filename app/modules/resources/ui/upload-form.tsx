import { useRef, useState } from 'react'

/**
 * Attaching a file. Without JavaScript: a plain multipart form posted to the editing page. With JavaScript: the same
 * form sent with XHR to /api/uploads, so that a progress bar shows how far the upload is.
 */
export function UploadForm({ slug, accept, error }: { slug: string; accept: string; error?: string | null }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(error ? { text: error, error: true } : null)

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget
    const input = form.elements.namedItem('file') as HTMLInputElement | null
    const file = input?.files?.[0]
    if (!file || typeof XMLHttpRequest === 'undefined') return
    event.preventDefault()
    const body = new FormData()
    body.append('file', file)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/uploads?ressource=${encodeURIComponent(slug)}`)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100))
    })
    xhr.addEventListener('load', () => {
      setProgress(null)
      let response: { ok?: boolean; error?: string } = {}
      try {
        response = JSON.parse(xhr.responseText)
      } catch {
        response = { ok: false, error: 'L’envoi du fichier a échoué. Réessayez.' }
      }
      if (response.ok) {
        // Reload the page so the list of attachments shows the new file (and the form resets).
        window.location.assign(`/ressources/${encodeURIComponent(slug)}/modifier?piece-jointe=ajoutee#pieces-jointes`)
      } else {
        setMessage({ text: response.error ?? 'L’envoi du fichier a échoué.', error: true })
      }
    })
    xhr.addEventListener('error', () => {
      setProgress(null)
      setMessage({ text: 'La connexion a été interrompue pendant l’envoi. Réessayez.', error: true })
    })
    setMessage(null)
    setProgress(0)
    xhr.send(body)
  }

  return (
    <form ref={formRef} method="post" encType="multipart/form-data" className="form" onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="upload" />
      <div className="field">
        <label htmlFor="piece-jointe">Fichier à joindre</label>
        <p className="hint" id="piece-jointe-aide">
          PDF, ODT, DOCX, ODS, XLSX, PNG, JPEG ou WebP, 10 Mo au plus. Les métadonnées des images sont supprimées.
        </p>
        <input
          id="piece-jointe"
          type="file"
          name="file"
          accept={accept}
          required
          aria-describedby={`piece-jointe-aide${message?.error ? ' piece-jointe-erreur' : ''}`}
          aria-invalid={message?.error ? true : undefined}
        />
        {message?.error ? (
          <p className="field-error" id="piece-jointe-erreur">
            <span aria-hidden="true">⚠ </span>
            {message.text}
          </p>
        ) : null}
      </div>
      {progress !== null ? (
        <div>
          <label htmlFor="progression-envoi">Envoi en cours : {progress} %</label>
          <progress id="progression-envoi" className="upload-progress" max={100} value={progress}>
            {progress} %
          </progress>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={progress !== null}>
          Joindre le fichier
        </button>
      </div>
    </form>
  )
}
