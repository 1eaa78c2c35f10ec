import type { ResourceRow, ResourceStatus, ResourceType, ResourceVisibility } from '#db/schema/resources.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { createResource } from '#app/modules/resources/resources.server.ts'
import { type ResourceInput, resourceSchema } from '#app/modules/resources/resources.schema.ts'
import { textToDoc } from '#app/modules/rich-text/rich-text.server.ts'

let counter = 0

/** Valid form values for each kind (as strings and numbers, the way the form or the import sends them). */
export function resourceValues(type: ResourceType = 'financement-europeen', overrides: Record<string, unknown> = {}) {
  counter++
  const common = {
    type,
    title: `Ressource de test numéro ${counter}`,
    summary: 'Un résumé court qui dit l’essentiel en une phrase.',
    body: JSON.stringify(textToDoc('Premier paragraphe du contenu.\n\nSecond paragraphe, plus long, avec des détails.')),
    territory: 'arrageois',
    themes: ['financement'],
    visibility: 'public',
  }
  const kind: Record<ResourceType, Record<string, unknown>> = {
    'financement-europeen': {
      programme: 'FSE+',
      managingBody: 'Département du Pas-de-Calais',
      openingDate: '2026-01-05T09:00',
      deadline: '2027-03-31T12:00',
      amountMin: 20000,
      amountMax: 150000,
      cofinancingRate: 60,
      eligibleLegalForms: ['association', 'scop', 'scic'],
      officialUrl: 'https://www.pasdecalais.fr/fse',
    },
    initiative: { startDate: '2025-09-01', partners: 'Mairie, centre social', audience: 'Familles', results: '120 familles', contact: 'contact@exemple.fr' },
    'bonne-pratique': { context: 'Un quartier sans épicerie.', problem: 'Accès à une alimentation de qualité.', steps: 'Diagnostic, collectif, local.' },
    formation: {
      provider: 'URSCOP Hauts-de-France',
      format: 'presentiel',
      sessions: [{ startsOn: '2027-02-10', endsOn: '2027-02-11', commune: 'Arras' }],
      duration: '2 jours',
      cost: 'Gratuit pour les adhérents',
      fundingOptions: ['opco'],
      registrationUrl: 'https://www.exemple.fr/inscription',
    },
  }
  return { ...common, ...kind[type], ...overrides }
}

export function resourceInput(type: ResourceType = 'financement-europeen', overrides: Record<string, unknown> = {}): ResourceInput {
  return resourceSchema.parse(resourceValues(type, overrides))
}

/** Creates a resource through the module (so revisions, themes and sessions exist like in real life). */
export async function createTestResource(options: {
  author: { id: string }
  type?: ResourceType
  status?: ResourceStatus
  visibility?: ResourceVisibility
  overrides?: Record<string, unknown>
}): Promise<ResourceRow> {
  const visibility = options.visibility ?? 'public'
  // A group-only resource is for at least one group: the Calaisis territory group (seeded everywhere) unless told.
  const groups = visibility === 'group' ? ['calaisis'] : []
  const input = resourceInput(options.type, { visibility, groups, ...options.overrides })
  // Test setup writes as the system (any status, for any author); what people may do is tested through the policy.
  const result = await createResource({ input, actor: systemActor('test'), author: options.author, status: options.status ?? 'published' })
  if (result.status !== 'saved') throw new Error(`createTestResource: ${JSON.stringify(result)}`)
  return result.resource
}
