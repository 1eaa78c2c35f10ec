import http from 'node:http'
import { isStorageUnavailable, simpleErrorPage } from '../app/utils/error-page.ts'

/** A start-up failure that comes from the data folder (full, read-only, failing), not from the code or settings. */
export function isStartupStorageFailure(error: unknown): boolean {
  if (isStorageUnavailable(error)) return true
  const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined
  return typeof code === 'string' && ['EROFS', 'ENOSPC', 'EACCES', 'EPERM', 'EIO', 'EDQUOT'].includes(code)
}

const STARTUP_UNAVAILABLE = {
  title: 'Service momentanément indisponible',
  message:
    'Essaim ne peut pas démarrer pour le moment : l’espace de stockage du serveur est plein ou en lecture seule. ' +
    'Le service reprendra seul dès que l’espace sera rétabli ; réessayez dans quelques minutes.',
}

/**
 * Runs `start` (migrations and seeds) until the data folder lets it. When the folder cannot be written, the process
 * neither crashes nor restarts in a loop: it says why in the log, in French, answers every request on the port with
 * a French 503 page (Retry-After), and tries again every `retryMs`; once `start` succeeds the stand-in server is
 * closed and the real one can listen. Any other error is thrown as before.
 */
export async function startWhenStorageAllows(
  start: () => Promise<void>,
  options: { port: number; dataDir: string; retryMs?: number; log?: (line: string) => void },
): Promise<void> {
  const retryMs = options.retryMs ?? 30_000
  const log = options.log ?? console.error
  let standIn: http.Server | undefined
  for (let attempt = 1; ; attempt++) {
    try {
      await start()
      break
    } catch (error) {
      if (!isStartupStorageFailure(error)) throw error
      const code = (error as { code?: string }).code
      if (attempt === 1) {
        log(
          `Le dossier de données ${options.dataDir} ne peut pas être écrit (${code}) : disque plein ou en lecture seule. ` +
            `Le site répond « ${STARTUP_UNAVAILABLE.title} » (503) et réessaie toutes les ${Math.round(retryMs / 1000)} s.`,
        )
      }
      standIn ??= await listenStandIn(options.port)
      await new Promise((resolve) => setTimeout(resolve, retryMs))
    }
  }
  if (standIn) {
    const server = standIn
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    log(`Le dossier de données ${options.dataDir} est de nouveau accessible : démarrage.`)
  }
}

function listenStandIn(port: number): Promise<http.Server> {
  const page = simpleErrorPage(STARTUP_UNAVAILABLE.title, STARTUP_UNAVAILABLE.message)
  const server = http.createServer((request, response) => {
    // The body of a form is not read: nothing can be kept, and the page says so.
    request.resume()
    const api = request.url?.startsWith('/api/')
    response.writeHead(503, {
      'Content-Type': api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': '60',
      Connection: 'close',
    })
    response.end(api ? JSON.stringify({ ok: false, error: STARTUP_UNAVAILABLE.message }) : page)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, () => resolve(server))
  })
}
