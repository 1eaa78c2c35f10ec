import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi'
import { z } from 'zod'
import { EVENT_KINDS } from '#db/schema/events.ts'
import { RESOURCE_TYPES } from '#app/modules/resources/labels.ts'
import { API_MAX_PER_PAGE } from './http.server.ts'

// One zod schema per answer of the public API v1: the OpenAPI document (openapi.server.ts) is generated from them,
// and the tests parse every answer with them. Objects are strict: a field the schema does not name fails the parse,
// so nothing leaks into the API unnoticed (and the document says `additionalProperties: false`).

extendZodWithOpenApi(z)

const text = z.string()
const nullableText = z.string().nullable()
const instant = z.string().openapi({ format: 'date-time', description: 'Instant ISO-8601 en UTC.' })
const day = z.string().openapi({ format: 'date', description: 'Date AAAA-MM-JJ.' })
const absoluteUrl = z.string().url().openapi({ format: 'uri' })

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ description: 'Code de l’erreur : `invalid_parameters`, `not_found`.', example: 'invalid_parameters' }),
    message: z.string().openapi({ description: 'Message en français.', example: 'Paramètres invalides.' }),
    issues: z
      .record(z.string())
      .optional()
      .openapi({ description: 'Pour un 400 : le message de chaque paramètre refusé.', example: { perPage: `Entre 1 et ${API_MAX_PER_PAGE}.` } }),
  })
  .strict()
  .openapi('Error')

export const PageMetaSchema = z
  .object({
    page: z.number().int().min(1),
    perPage: z.number().int().min(1).max(API_MAX_PER_PAGE),
    total: z.number().int().min(0).openapi({ description: 'Nombre d’éléments, toutes pages comprises.' }),
    pageCount: z.number().int().min(1),
  })
  .strict()
  .openapi('PageMeta')

export const PageLinksSchema = z
  .object({
    self: absoluteUrl,
    first: absoluteUrl,
    last: absoluteUrl,
    prev: absoluteUrl.nullable(),
    next: absoluteUrl.nullable(),
  })
  .strict()
  .openapi('PageLinks', { description: 'Les mêmes liens que l’en-tête `Link` (RFC 8288).' })

function page<T extends z.ZodTypeAny>(name: string, item: T) {
  return z.object({ data: z.array(item), meta: PageMetaSchema, links: PageLinksSchema }).strict().openapi(name)
}

const ThemeSchema = z.object({ slug: text, name: text }).strict().openapi('Theme')

// Shared by the summary and the whole record, and registered under neither name: the document then spells each object
// out (an `allOf` of a closed summary and more fields would match no resource at all).
const resourceSummaryFields = {
    slug: text,
    type: z.enum(RESOURCE_TYPES),
    title: text,
    summary: text,
    territory: text.openapi({ description: 'Slug du territoire, ou `departement` pour tout le Pas-de-Calais.' }),
    territoryName: text,
    themes: z.array(ThemeSchema),
    publishedAt: instant.nullable(),
    updatedAt: instant,
    programme: nullableText.openapi({ description: 'Appels à projets : programme (FSE+, FEDER, LEADER…).' }),
    openingDate: instant.nullable(),
    deadline: instant.nullable(),
    fundingState: z.enum(['open', 'upcoming', 'closed', 'none']).nullable().openapi({ description: 'Appels à projets : ouvert, à venir, clos, sans date.' }),
    provider: nullableText.openapi({ description: 'Formations : organisme.' }),
    format: nullableText,
    startDate: day.nullable(),
    url: absoluteUrl.openapi({ description: 'La page de la ressource sur Essaim.' }),
}

export const ResourceSummarySchema = z.object(resourceSummaryFields).strict().openapi('ResourceSummary')

const SessionSchema = z
  .object({ startsOn: day, endsOn: day, communeInsee: nullableText, communeName: nullableText })
  .strict()
  .openapi('TrainingSession')

export const DetailsSchema = z
  .object({
    eligibleLegalForms: z.array(text).optional(),
    partners: text.optional(),
    audience: text.optional(),
    results: text.optional(),
    contact: text.optional(),
    context: text.optional(),
    problem: text.optional(),
    steps: text.optional(),
    conditions: text.optional(),
    pitfalls: text.optional(),
    duration: text.optional(),
    fundingOptions: z.array(text).optional(),
  })
  .strict()
  .openapi('ResourceDetails', { description: 'Les champs propres à chaque type de ressource.' })

export const ResourceSchema = z
  .object({
  ...resourceSummaryFields,
  status: z.enum(['published', 'archived']).openapi({ description: 'Une ressource archivée reste lisible.' }),
  bodyHtml: text.openapi({ description: 'Le contenu en HTML (balises limitées, déjà nettoyé).' }),
  bodyText: text,
  amountMin: z.number().nullable(),
  amountMax: z.number().nullable(),
  cofinancingRate: z.number().nullable(),
  managingBody: nullableText,
  officialUrl: nullableText,
  cost: nullableText,
  registrationUrl: nullableText,
  details: DetailsSchema,
  sessions: z.array(SessionSchema),
  structures: z.array(z.object({ slug: text, name: text, url: absoluteUrl }).strict()),
  attachments: z.array(z.object({ name: text, mime: text, size: z.number().int(), url: absoluteUrl }).strict()),
  })
  .strict()
  .openapi('Resource')

export const ResourcePageSchema = page('ResourcePage', ResourceSummarySchema)

export const EventSchema = z
  .object({
    id: text,
    title: text,
    descriptionText: text,
    kind: z.enum(EVENT_KINDS),
    kindLabel: text,
    status: z.enum(['scheduled', 'cancelled']).openapi({ description: 'Un événement annulé reste publié, marqué annulé.' }),
    startsAt: instant,
    endsAt: instant,
    territory: nullableText,
    territoryName: nullableText,
    communeInsee: nullableText,
    communeName: nullableText,
    address: text,
    onlineUrl: nullableText,
    capacity: z.number().int().nullable(),
    registrationDeadline: instant.nullable(),
    organiser: z
      .object({ type: z.enum(['group', 'structure']), slug: text, name: text, url: absoluteUrl })
      .strict()
      .nullable()
      .openapi({ description: 'Le groupe ou la structure qui organise (null si son groupe n’est pas public).' }),
    url: absoluteUrl,
    icsUrl: absoluteUrl,
  })
  .strict()
  .openapi('Event')

export const EventPageSchema = page('EventPage', EventSchema)

export const GroupSchema = z
  .object({
    slug: text,
    name: text,
    description: text,
    kind: z.enum(['territory', 'thematic']),
    territory: nullableText,
    joinPolicy: z.enum(['open', 'request', 'invitation']),
    url: absoluteUrl,
  })
  .strict()
  .openapi('Group')

export const GroupPageSchema = page('GroupPage', GroupSchema)

export const TerritorySchema = z
  .object({
    slug: text,
    name: text,
    communeCount: z.number().int(),
    population: z.number().int(),
    epcis: z.array(z.object({ siren: text, name: text }).strict()),
    url: absoluteUrl,
  })
  .strict()
  .openapi('Territory')

export const TerritoryPageSchema = page('TerritoryPage', TerritorySchema)

export const StructureSchema = z
  .object({
    slug: text,
    name: text,
    legalForm: text,
    siret: nullableText,
    rna: nullableText,
    communeInsee: text,
    communeName: text,
    territory: text,
    territoryName: text,
    address: nullableText,
    website: nullableText,
    contactEmail: nullableText.openapi({ description: 'Seulement si la structure choisit de l’afficher.' }),
    contactPhone: nullableText.openapi({ description: 'Seulement si la structure choisit de l’afficher.' }),
    presentation: text,
    themes: z.array(text),
    employeesBracket: nullableText,
    volunteersBracket: nullableText,
    charterSignedAt: nullableText,
    labelGrantedAt: nullableText,
    createdAt: instant,
    updatedAt: instant,
    url: absoluteUrl,
  })
  .strict()
  .openapi('Structure')

export const StructurePageSchema = page('StructurePage', StructureSchema)

export const SearchResultSchema = z
  .object({
    query: text,
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    perPage: z.number().int().min(1),
    partialMatch: z.boolean().openapi({ description: 'Aucun document ne contient tous les mots : ceux-ci en contiennent au moins un.' }),
    hits: z.array(
      z
        .object({
          id: text,
          slug: text,
          type: text,
          title: text,
          summary: text,
          territory: nullableText,
          themes: z.array(text),
          url: text.openapi({ description: 'Chemin de la page sur Essaim.' }),
          validated: z.boolean().openapi({ description: '« Validé par le réseau » (validation en cours de validité).' }),
          highlight: z.object({ title: text, excerpt: text }).strict().openapi({ description: 'Extraits, mots trouvés entre <mark>.' }),
        })
        .strict(),
    ),
    facets: z
      .object({
        type: z.record(z.number()),
        territory: z.record(z.number()),
        theme: z.record(z.number()),
        validated: z.record(z.number()).openapi({ description: 'Résultats validés par le réseau (`true`) ou non (`false`).' }),
      })
      .strict(),
  })
  .strict()
  .openapi('SearchResult')

// Query strings (besides `page` and `perPage`, read by http.server.ts). Every value arrives as a string.

const slugParam = z.string().max(100, 'Valeur trop longue.').regex(/^[a-z0-9-]+$/, 'Slug invalide : lettres minuscules, chiffres et tirets.')
const yesNo = (description: string) =>
  z.enum(['oui', 'non'], { errorMap: () => ({ message: 'Valeur invalide : « oui » ou « non ».' }) }).optional().openapi({ description })

export const ResourceQuerySchema = z.object({
  type: z
    .enum(RESOURCE_TYPES, { errorMap: () => ({ message: `Type inconnu : ${RESOURCE_TYPES.join(', ')}.` }) })
    .optional()
    .openapi({ description: 'Type de ressource.' }),
  territoire: slugParam.optional().openapi({ description: 'Slug du territoire (`departement` : tout le Pas-de-Calais).', example: 'calaisis' }),
  theme: slugParam.optional().openapi({ description: 'Slug de la thématique.' }),
  ouverts: yesNo('`oui` : les appels à projets ouverts aujourd’hui seulement.'),
  valide: yesNo('`oui` : les ressources « Validé par le réseau » seulement (validation en cours de validité).'),
  tri: z
    .enum(['recent', 'echeance'], { errorMap: () => ({ message: 'Tri inconnu : « recent » ou « echeance ».' }) })
    .optional()
    .openapi({ description: '`recent` (par défaut) ou `echeance` : échéance la plus proche d’abord.' }),
})

export const EventQuerySchema = z.object({
  passes: yesNo('`oui` : les événements passés (les plus récents d’abord) au lieu des événements à venir.'),
  territoire: slugParam.optional().openapi({ description: 'Slug du territoire.', example: 'arrageois' }),
  type: z
    .enum(EVENT_KINDS, { errorMap: () => ({ message: `Type d’événement inconnu : ${EVENT_KINDS.join(', ')}.` }) })
    .optional()
    .openapi({ description: 'Type d’événement.' }),
})

export const NoQuerySchema = z.object({})

export const SlugParamsSchema = z.object({ slug: z.string().openapi({ description: 'Le slug de la ressource (celui de son adresse /ressources/<slug>).' }) })
