/**
 * Sends an image chosen in the editor to /api/uploads and returns its address for the image node (`/fichiers/…`).
 * Errors are thrown as French sentences for the editor's image dialog.
 */
export async function uploadEditorImage(file: File, slug: string | null): Promise<{ src: string; alt?: string } | null> {
  const body = new FormData()
  body.append('file', file)
  const query = slug ? `?ressource=${encodeURIComponent(slug)}&usage=image` : '?usage=image'
  const response = await fetch(`/api/uploads${query}`, { method: 'POST', body, headers: { Accept: 'application/json' } })
  let result: { ok?: boolean; url?: string; error?: string } = {}
  try {
    result = await response.json()
  } catch {
    throw new Error('L’envoi de l’image a échoué. Réessayez.')
  }
  if (!result.ok || !result.url) throw new Error(result.error ?? 'L’envoi de l’image a échoué.')
  return { src: result.url }
}
