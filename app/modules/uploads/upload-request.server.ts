import { MAX_UPLOAD_BYTES, type SaveUploadResult, TOO_LARGE_MESSAGE, saveUpload } from './uploads.server.ts'

/** Room for the form's other fields and the multipart boundaries around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024

export type ParsedUpload =
  | { ok: true; file: File; fields: FormData }
  | { ok: false; error: string; fields: FormData | null }

/**
 * Reads a multipart request holding one file in `field`, in memory with a cap (10 MB unless told, plus room for the
 * other fields): a larger file is a French error (the route answers 400), never an exception.
 */
export async function readUploadRequest(
  request: Request,
  field = 'file',
  limit: { maxBytes: number; tooLargeMessage: string } = { maxBytes: MAX_UPLOAD_BYTES, tooLargeMessage: TOO_LARGE_MESSAGE },
): Promise<ParsedUpload> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) {
    return { ok: false, error: 'Aucun fichier n’a été envoyé.', fields: null }
  }
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > limit.maxBytes + MULTIPART_OVERHEAD_BYTES) return { ok: false, error: limit.tooLargeMessage, fields: null }
  // The platform's multipart parser, not Remix's: the latter splits `Content-Disposition` on « ; » and « = », so a
  // file named « Compte rendu; v2.pdf » or « a=b.pdf » could not be sent. The body is cut at the limit while it is
  // read (a chunked body has no Content-Length), so at most the limit is ever held in memory.
  const maxBody = limit.maxBytes + MULTIPART_OVERHEAD_BYTES
  let tooLarge = false
  let received = 0
  const capped = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength
        if (received > maxBody) {
          tooLarge = true
          controller.error(new Error('Upload too large'))
        } else controller.enqueue(chunk)
      },
    }),
  )
  let formData: FormData
  try {
    formData = await new Request(request.url, { method: 'POST', headers: { 'content-type': type }, body: capped, duplex: 'half' } as RequestInit).formData()
  } catch {
    return { ok: false, error: tooLarge ? limit.tooLargeMessage : 'L’envoi du fichier a échoué. Réessayez.', fields: null }
  }
  const file = formData.get(field)
  if (file instanceof File && file.size > limit.maxBytes) return { ok: false, error: limit.tooLargeMessage, fields: formData }
  if (!(file instanceof File) || file.size === 0) {
    return { ok: false, error: 'Choisissez un fichier à envoyer.', fields: formData }
  }
  return { ok: true, file, fields: formData }
}

/** Reads and stores the uploaded file. */
export async function handleUpload(
  request: Request,
  options: { uploaderId: string; resourceId: string | null; imagesOnly?: boolean },
): Promise<SaveUploadResult & { fields: FormData | null }> {
  const parsed = await readUploadRequest(request)
  if (!parsed.ok) return parsed
  const bytes = new Uint8Array(await parsed.file.arrayBuffer())
  const result = await saveUpload({ bytes, originalName: parsed.file.name, ...options })
  return { ...result, fields: parsed.fields }
}
