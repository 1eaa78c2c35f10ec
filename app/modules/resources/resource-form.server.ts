import { getCommuneOption } from '#app/modules/territories/territories.server.ts'
import { toParisInputValue } from './dates.ts'
import { type FullResource, toInput } from './resources.server.ts'
import type { ResourceFormDefaults } from './ui/resource-form.tsx'

/** The editing form's values for a stored resource: dates in Paris time, communes by name and postal code. */
export async function formDefaults(resource: FullResource): Promise<ResourceFormDefaults> {
  const input = toInput(resource) as Record<string, unknown>
  const defaults: ResourceFormDefaults = { ...input, body: undefined }
  if (resource.type === 'financement-europeen') {
    defaults.openingDate = toParisInputValue(resource.openingDate)
    defaults.deadline = toParisInputValue(resource.deadline)
  }
  if (resource.type === 'formation') {
    defaults.sessions = await Promise.all(
      resource.sessions.map(async (session) => {
        const commune = session.communeInsee ? await getCommuneOption(session.communeInsee) : null
        const postalCode = commune?.postalCodes[0]
        return {
          startsOn: session.startsOn,
          endsOn: session.endsOn,
          commune: commune ? `${commune.name}${postalCode ? ` (${postalCode})` : ''}` : '',
        }
      }),
    )
  }
  for (const [key, value] of Object.entries(defaults)) {
    if (typeof value === 'number') defaults[key as keyof ResourceFormDefaults] = String(value)
  }
  return defaults
}
