import { createHash } from 'node:crypto'
import { z } from 'zod'

// The HTTP side shared by every endpoint of the public API v1 (/api/v1/*): reading `page`/`perPage`, the French 400,
// the paginated envelope with its RFC 8288 `Link` header, a weak ETag computed from the content with `If-None-Match`
// → 304, and the cache and CORS headers of public data. Endpoints build their data from the modules (ANONYMOUS viewer)
// and hand it here; nothing here reads the database.

export const API_MAX_PER_PAGE = 100
export const API_DEFAULT_PER_PAGE = 20
export const API_MAX_PAGE = 100_000

/** Public content only: the same answer for everyone, kept five minutes by any cache. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300'

const PAGE_MESSAGE = 'Numéro de page invalide : un nombre entier à partir de 1.'
const PER_PAGE_MESSAGE = `Nombre d’éléments par page invalide : un nombre entier entre 1 et ${API_MAX_PER_PAGE}.`

/** A whole number written in decimal digits only (no "1e2", " 3", "0x10", "2.0"). */
const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message))

export const paginationQuerySchema = z.object({
  page: wholeNumber(PAGE_MESSAGE, 1, API_MAX_PAGE).optional(),
  perPage: wholeNumber(PER_PAGE_MESSAGE, 1, API_MAX_PER_PAGE).optional(),
})

export type Pagination = { page: number; perPage: number }

export type ApiIssues = Record<string, string>

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response }

/**
 * Reads the query string with `schema` (every value a string; repeated parameters are refused) plus `page` and
 * `perPage` (`per_page` is accepted as the older spelling of /api/v1/structures). Unknown parameters are ignored.
 * Bad values → `{ ok: false, response }`: a 400 in JSON naming each parameter in French.
 */
export function parseQuery<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
  options: { defaultPerPage?: number } = {},
): Parsed<{ query: z.output<S>; pagination: Pagination }> {
  const params = new URL(request.url).searchParams
  const values: Record<string, string> = {}
  const issues: ApiIssues = {}
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key)
    if (all.length > 1) issues[key] = 'Ce paramètre ne peut être donné qu’une fois.'
    else values[key] = all[0]
  }
  if (values.per_page !== undefined && values.perPage === undefined) values.perPage = values.per_page
  const pagination = paginationQuerySchema.safeParse({ page: values.page, perPage: values.perPage })
  const query = schema.safeParse(values)
  for (const result of [pagination, query]) {
    if (!result.success) for (const issue of result.error.issues) issues[String(issue.path[0])] ??= issue.message
  }
  if (Object.keys(issues).length > 0 || !pagination.success || !query.success) return { ok: false, response: invalidParameters(issues) }
  return {
    ok: true,
    value: {
      query: query.data,
      pagination: { page: pagination.data.page ?? 1, perPage: pagination.data.perPage ?? options.defaultPerPage ?? API_DEFAULT_PER_PAGE },
    },
  }
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  // Without this, a script on another origin could not read the pagination links nor the validator.
  'Access-Control-Expose-Headers': 'ETag, Link',
}

/** The API's error body: a code, a French message, and for bad parameters the message of each one. */
export function apiError(status: number, error: string, message: string, issues?: ApiIssues): Response {
  return Response.json(issues ? { error, message, issues } : { error, message }, {
    status,
    headers: { 'Cache-Control': 'no-store', ...CORS_HEADERS },
  })
}

export function invalidParameters(issues: ApiIssues): Response {
  return apiError(400, 'invalid_parameters', 'Paramètres invalides.', issues)
}

export function apiNotFound(message = 'Cette ressource n’existe pas ou n’est pas publique.'): Response {
  return apiError(404, 'not_found', message)
}

/** Weak validator of a JSON body: the same content gives the same tag, whatever the server or the time. */
export function weakEtag(json: string): string {
  return `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`
}

/** RFC 9110 §13.1.2: weak comparison, a list of tags, or `*`. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => opaque(tag) === opaque(etag))
}

/**
 * A public JSON answer: `Cache-Control`, CORS, a weak ETag from the body; a request whose `If-None-Match` holds that
 * tag gets a 304 without a body (same validator and cache headers).
 */
export function publicJson(request: Request, body: unknown, extraHeaders: Record<string, string> = {}): Response {
  const json = JSON.stringify(body)
  const etag = weakEtag(json)
  const headers = { 'Cache-Control': PUBLIC_CACHE_CONTROL, ETag: etag, ...CORS_HEADERS, ...extraHeaders }
  if (matchesIfNoneMatch(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers })
  return new Response(json, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } })
}

export type PageMeta = { page: number; perPage: number; total: number; pageCount: number }
export type PageLinks = { self: string; first: string; last: string; prev: string | null; next: string | null }

/**
 * The links of a page: the request's own address on the public origin, its filters kept, `page` changed (and `perPage`
 * kept as the client wrote it).
 */
export function pageLinks(request: Request, publicUrl: URL, meta: PageMeta): PageLinks {
  const requested = new URL(request.url)
  const link = (page: number) => {
    const url = new URL(requested.pathname, publicUrl)
    const params = new URLSearchParams(requested.search)
    params.set('page', String(page))
    url.search = params.toString()
    return url.toString()
  }
  return {
    self: link(meta.page),
    first: link(1),
    last: link(meta.pageCount),
    prev: meta.page > 1 ? link(Math.min(meta.page - 1, meta.pageCount)) : null,
    next: meta.page < meta.pageCount ? link(meta.page + 1) : null,
  }
}

/** RFC 8288 `Link` header of a page: first, prev, next, last. */
export function linkHeader(links: PageLinks): string {
  const parts = [`<${links.first}>; rel="first"`]
  if (links.prev) parts.push(`<${links.prev}>; rel="prev"`)
  if (links.next) parts.push(`<${links.next}>; rel="next"`)
  parts.push(`<${links.last}>; rel="last"`)
  return parts.join(', ')
}

export function pageMeta(pagination: Pagination, total: number): PageMeta {
  return { page: pagination.page, perPage: pagination.perPage, total, pageCount: Math.max(1, Math.ceil(total / pagination.perPage)) }
}

/** A paginated public answer: `{ data, meta, links }`, the `Link` header, and `publicJson`'s caching. */
export function publicPage<T>(request: Request, publicUrl: URL, data: T[], meta: PageMeta): Response {
  const links = pageLinks(request, publicUrl, meta)
  return publicJson(request, { data, meta, links }, { Link: linkHeader(links) })
}
