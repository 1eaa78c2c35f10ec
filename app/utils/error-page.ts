// Pages and error classes without state or dependencies: the Express app uses them, and so does server.ts before
// the application is loaded (a DATA_DIR that cannot be written at start-up), without a second copy of anything.

/** A small French page, for the answers given before (or instead of) a Remix render: 403, 405, 413, 500. */
export function simpleErrorPage(title: string, message: string): string {
  const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  return (
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(title)} — Essaim</title></head>` +
    `<body><main><h1>${html(title)}</h1><p>${html(message)}</p><p><a href="/">Revenir à l’accueil d’Essaim</a></p></main></body></html>`
  )
}

/** What a visitor reads when the database refuses a write (full disk, read-only or failing DATA_DIR). */
export const STORAGE_UNAVAILABLE = {
  title: 'Enregistrement impossible pour le moment',
  message:
    'Le service ne peut pas enregistrer pour le moment : l’espace de stockage du serveur est plein ou en lecture seule. ' +
    'La consultation reste possible ; réessayez plus tard. L’équipe technique a été prévenue par le journal du serveur.',
} as const

/**
 * A database error that says the storage, not the request, is at fault: SQLITE_FULL (disk full), SQLITE_READONLY*
 * (read-only DATA_DIR or file), SQLITE_IOERR* (the disk fails), SQLITE_CANTOPEN. Answered 503, never 500: retrying
 * later may work, and nothing the visitor typed was wrong.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined
  return typeof code === 'string' && /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/.test(code)
}
