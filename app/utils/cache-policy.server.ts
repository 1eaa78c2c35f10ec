// Who may keep a copy of a page. One rule for every HTML document and every `.data` answer of the app
// (entry.server.tsx calls it): a page rendered for a logged-in viewer, a page that sets a cookie, and a page that is
// private by nature is `Cache-Control: private, no-store` — neither a shared cache nor the browser's disk keeps it,
// so the back button after logging out shows nothing. Every page varies with the cookie. Anonymous public pages keep
// whatever their route says.

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?essaim_session=/

/** Pages private whoever asks (an anonymous request is redirected to the login page, which is not cached either). */
const PRIVATE_PATHS = [
  /^\/compte(?:\/|$)/,
  /^\/admin(?:\/|$)/,
  /^\/dev(?:\/|$)/,
  /^\/invitations\//,
  /^\/membres\//,
  /^\/ressources\/nouvelle(?:\/|$)/,
  /^\/structures\/nouvelle(?:\/|$)/,
  /^\/ressources\/[^/]+\/(?:modifier|brouillon|historique)(?:\/|$)/,
  /^\/structures\/[^/]+\/(?:modifier|membres)(?:\/|$)/,
  /^\/(?:connexion|inscription|deconnexion|mot-de-passe-oublie|reinitialiser-mot-de-passe|confirmer-email|confirmation-email)(?:\/|$)/,
]

export function isPrivateResponse(request: Request, headers: Headers): boolean {
  if (SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) return true
  if (headers.has('set-cookie')) return true
  const path = new URL(request.url).pathname.replace(/\.data$/, '')
  return PRIVATE_PATHS.some((pattern) => pattern.test(path))
}

export function applyCachePolicy(request: Request, headers: Headers): void {
  const vary = headers.get('vary')
  if (!vary || !/(?:^|,\s*)cookie(?:\s*,|$)/i.test(vary)) headers.append('Vary', 'Cookie')
  if (isPrivateResponse(request, headers)) headers.set('Cache-Control', 'private, no-store')
}
