import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { MAX_UPLOAD_BYTES, type SaveUploadResult, TOO_LARGE_MESSAGE, saveUpload } from './uploads.server.ts'

/** Room for the form's other fields and the multipart boundaries around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024

export type ParsedUpload =
  | { ok: true; file: File; fields: FormData }
  | { ok: false; error: string; fields: FormData | null }

/**
 * Reads a multipart request holding one file in `field`, in memory with a cap per part (10 MB unless told): a larger
 * file is a French error (the route answers 400), never an exception.
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
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(unstable_createMemoryUploadHandler({ maxPartSize: limit.maxBytes })),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: limit.tooLargeMessage, fields: null }
    return { ok: false, error: 'L’envoi du fichier a échoué. Réessayez.', fields: null }
  }
  const file = formData.get(field)
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
