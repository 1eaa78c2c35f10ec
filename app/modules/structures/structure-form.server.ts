import { parseWithZod } from '@conform-to/zod'
import { resolveCommuneInput } from '#app/modules/territories/territories.server.ts'
import { StructureSchema } from './structures.schema.ts'
import type { StructureWriteInput } from './structures.server.ts'

/**
 * Reads the structure form: the zod schema for the fields, the commune resolved from the autocomplete (or the text
 * typed without JavaScript). Either a value ready for the module, or the submission to reply with (400).
 */
export async function parseStructureForm(formData: FormData) {
  const submission = parseWithZod(formData, { schema: StructureSchema })
  const commune = await resolveCommuneInput(formData, 'commune')
  if (submission.status !== 'success' || 'error' in commune || !commune.insee) {
    const communeError = 'error' in commune ? commune.error : null
    return {
      ok: false as const,
      reply: submission.reply(communeError ? { fieldErrors: { commune: [communeError] } } : {}),
    }
  }
  const { commune: _c, communeLabel: _l, ...rest } = submission.value
  const value: StructureWriteInput = { ...rest, communeInsee: commune.insee }
  return { ok: true as const, value, submission }
}
