import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi'
import { z } from 'zod'
import { API_DEFAULT_PER_PAGE, API_MAX_PER_PAGE, PUBLIC_CACHE_CONTROL } from './http.server.ts'
import {
  ErrorSchema,
  EventPageSchema,
  EventQuerySchema,
  GroupPageSchema,
  ResourcePageSchema,
  ResourceQuerySchema,
  ResourceSchema,
  SearchResultSchema,
  SlugParamsSchema,
  StructurePageSchema,
  TerritoryPageSchema,
} from './schemas.server.ts'

// The OpenAPI 3.1 document of the public API v1, generated from the zod schemas the endpoints answer with (and the
// tests parse them with): it cannot drift from what the API sends.

const PaginationQuery = z.object({
  page: z.string().regex(/^\d+$/).optional().openapi({ description: 'Numéro de page, à partir de 1.', example: '1' }),
  perPage: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .openapi({ description: `Éléments par page, de 1 à ${API_MAX_PER_PAGE} (${API_DEFAULT_PER_PAGE} par défaut).`, example: '20' }),
})

const cachedHeaders = {
  ETag: { description: 'Validateur faible ; renvoyez-le dans `If-None-Match` pour une réponse 304.', schema: { type: 'string' as const } },
  'Cache-Control': { description: PUBLIC_CACHE_CONTROL, schema: { type: 'string' as const } },
}
const pageHeaders = { ...cachedHeaders, Link: { description: 'Liens first, prev, next, last (RFC 8288).', schema: { type: 'string' as const } } }

const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema } })
const badRequest = { description: 'Paramètre invalide (message en français pour chacun).', content: json(ErrorSchema) }
const notModified = { description: 'Inchangé depuis l’ETag donné dans `If-None-Match`.' }

function listPath(options: { path: string; operationId: string; summary: string; schema: z.ZodTypeAny; query?: z.AnyZodObject }) {
  return {
    method: 'get' as const,
    path: options.path,
    operationId: options.operationId,
    summary: options.summary,
    request: { query: options.query ? options.query.merge(PaginationQuery) : PaginationQuery },
    responses: {
      200: { description: 'Une page.', headers: pageHeaders, content: json(options.schema) },
      304: notModified,
      400: badRequest,
    },
  }
}

export function openApiDocument(publicUrl: URL) {
  const registry = new OpenAPIRegistry()
  registry.registerPath(
    listPath({ path: '/resources', operationId: 'listResources', summary: 'Ressources publiques (filtres de la page /ressources)', schema: ResourcePageSchema, query: ResourceQuerySchema }),
  )
  registry.registerPath({
    method: 'get',
    path: '/resources/{slug}',
    operationId: 'getResource',
    summary: 'Une ressource publique',
    request: { params: SlugParamsSchema },
    responses: {
      200: { description: 'La ressource.', headers: cachedHeaders, content: json(ResourceSchema) },
      304: notModified,
      404: { description: 'Absente, ou pas publique.', content: json(ErrorSchema) },
    },
  })
  registry.registerPath(
    listPath({ path: '/events', operationId: 'listEvents', summary: 'Événements publics (à venir par défaut)', schema: EventPageSchema, query: EventQuerySchema }),
  )
  registry.registerPath(listPath({ path: '/groups', operationId: 'listGroups', summary: 'Groupes publics', schema: GroupPageSchema }))
  registry.registerPath(listPath({ path: '/territories', operationId: 'listTerritories', summary: 'Territoires du Pas-de-Calais', schema: TerritoryPageSchema }))
  registry.registerPath(listPath({ path: '/structures', operationId: 'listStructures', summary: 'Annuaire des structures (champs publics)', schema: StructurePageSchema }))
  registry.registerPath({
    method: 'get',
    path: '/search',
    operationId: 'search',
    summary: 'Recherche (les mêmes droits que la page /recherche)',
    description: 'Sans cookie de session, seuls les contenus publics. Réponse jamais mise en cache partagé.',
    request: {
      query: z.object({
        q: z.string().max(200).optional().openapi({ description: 'Mots cherchés.' }),
        type: z.string().optional(),
        territory: z.string().optional(),
        theme: z.string().optional(),
        programme: z.string().optional(),
        state: z.string().optional(),
        validated: z.enum(['true', 'false']).optional().openapi({ description: '`true` : seulement ce qui est « Validé par le réseau ».' }),
        sort: z.string().optional(),
        page: z.string().optional(),
        perPage: z.string().optional(),
      }),
    },
    responses: { 200: { description: 'Les résultats.', content: json(SearchResultSchema) }, 400: badRequest },
  })
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'API publique d’Essaim',
      version: '1.0.0',
      description:
        'Données publiques du réseau de l’ESS du Pas-de-Calais, en lecture seule : seulement ce que tout visiteur voit sur le site. ' +
        'Pagination par `page` et `perPage` (en-tête `Link`), `ETag` et `If-None-Match`, `Cache-Control: public, max-age=300`.',
      license: { name: 'Licence Ouverte 2.0 (Etalab)', identifier: 'etalab-2.0' },
    },
    servers: [{ url: new URL('/api/v1', publicUrl).toString(), description: 'Essaim' }],
  })
}
