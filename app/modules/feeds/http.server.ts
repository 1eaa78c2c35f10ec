import { PUBLIC_CACHE_CONTROL, matchesIfNoneMatch, weakEtag } from '#app/modules/api/http.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { type FeedParameter, type FeedQuery, parseFeedQuery } from './params.server.ts'

// The HTTP side of the feeds, as the public API's (app/modules/api/http.server.ts): a French 400 in plain text for a
// bad parameter (never a 500), a weak ETag from the body with `If-None-Match` → 304, public caching for five minutes.

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8'
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8'

export function badFeedParameters(issues: Record<string, string>): Response {
  const lines = Object.entries(issues).map(([key, message]) => `- ${key} : ${message}`)
  return new Response(['Paramètres invalides pour ce flux.', ...lines, ''].join('\n'), {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

export function feedBody(request: Request, body: string, contentType: string, filename: string): Response {
  const etag = weakEtag(body)
  const headers = {
    'Cache-Control': PUBLIC_CACHE_CONTROL,
    ETag: etag,
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'ETag',
  }
  if (matchesIfNoneMatch(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers })
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': contentType, 'Content-Disposition': `inline; filename="${filename}"`, ...headers },
  })
}

/** A feed route's loader: its parameters read (400 when bad), the feed built for everyone, the cached answer. */
export async function feedResponse(
  request: Request,
  options: {
    accepted: readonly FeedParameter[]
    build: (query: FeedQuery, publicUrl: URL) => Promise<string>
    contentType: string
    filename: string
  },
): Promise<Response> {
  const parsed = await parseFeedQuery(new URL(request.url), options.accepted)
  if (!parsed.ok) return badFeedParameters(parsed.issues)
  return feedBody(request, await options.build(parsed.query, getEnv().publicUrl), options.contentType, options.filename)
}
