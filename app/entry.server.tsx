import { PassThrough } from 'node:stream'
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { applyCachePolicy } from './utils/cache-policy.server.ts'
import { METHOD_NOT_ALLOWED, isOversizedRequest, isStorageUnavailable, markStorageFailure, simpleErrorPage } from './utils/http-security.server.ts'
import { NonceProvider } from './utils/nonce.tsx'

// What server.ts needs at run time from the application is exported here, so it comes from the build — the same
// module instances as the routes (search statistics, the indexer's after-commit wake-up, the database client…).
// Importing the sources next to the build would load a second copy of every module.
export { startBackgroundWorkers } from './utils/workers.server.ts'
export { createExpressApp } from './utils/express-app.server.ts'
export { emailDeliveryLine } from './modules/email/dev-mailbox.server.ts'

const ABORT_DELAY = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A body over the size limit made the action fail: server.ts answers 413 instead; nothing to render.
  if (isOversizedRequest(request)) return new Response(null, { status: 413 })
  applyCachePolicy(request, responseHeaders)
  // A POST to a page without an action: Remix's 405 would render its internal message (with the route id).
  if (responseStatusCode === 405) return methodNotAllowed(responseHeaders)
  const nonce = typeof loadContext?.nonce === 'string' ? loadContext.nonce : undefined
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

function isBodyTooLarge(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if (e.name === 'BodyTooLargeError') return true
  }
  return false
}

function isInternalMethodNotAllowed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 405 && 'internal' in error
}

function methodNotAllowed(headers: Headers) {
  headers.set('Content-Type', 'text/html; charset=utf-8')
  headers.set('Allow', 'GET, HEAD')
  return new Response(simpleErrorPage(METHOD_NOT_ALLOWED.title, METHOD_NOT_ALLOWED.message), { status: 405, headers })
}

/** `.data` answers (client navigations) follow the same cache rule as the documents. */
export function handleDataRequest(response: Response, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  applyCachePolicy(request, response.headers)
  return response
}

/** Errors thrown by loaders/actions: logged on the server only (never sent to the browser in production). */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return
  if (error instanceof Response) return
  // A body over the size limit: server.ts answers 413 in place of the failed action.
  if (isOversizedRequest(request) || isBodyTooLarge(error)) return
  // A POST to a page without an action: answered 405 (handleRequest), not a server error.
  if (isInternalMethodNotAllowed(error)) return
  // A full or read-only disk: server.ts answers a French 503 in place of the error page (still logged below).
  if (isStorageUnavailable(error)) markStorageFailure(request)
  console.error(error instanceof Error ? error.stack : error)
}
