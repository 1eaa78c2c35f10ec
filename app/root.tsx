import {
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
} from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { ErrorPage, errorTitle } from './components/error-page.tsx'
import { FlashMessage } from './components/flash-message.tsx'
import { SiteFooter, SiteHeader } from './components/site-shell.tsx'
import { getSessionFromRequest } from './modules/auth/session.server.ts'
import { readFlash } from './utils/flash.server.ts'
import { useNonce } from './utils/nonce.tsx'
import appStyles from './styles/app.css?url'
import { type PersonViewer, isAdmin } from '#app/modules/auth/viewer.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { countQueue } from '#app/modules/moderation/queue.server.ts'
import { countUnreadNotifications } from '#app/modules/notifications/notifications.server.ts'
import { isCoordinator } from '#app/modules/resources/review.ts'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
]

export const meta: MetaFunction = ({ error }) => [
  {
    title: error
      ? errorTitle(isRouteErrorResponse(error) ? error.status : 500)
      : 'Essaim — réseau de l’ESS du Pas-de-Calais',
  },
  {
    name: 'description',
    content:
      'Essaim, le réseau de partage de connaissances de l’économie sociale et solidaire (ESS) dans le Pas-de-Calais.',
  },
]

/** The header's « Modération (n) »: for coordinators and admins only, null for anyone else (no link). */
async function moderationCount(viewer: PersonViewer): Promise<number | null> {
  if (!viewer.verified || !(isAdmin(viewer) || isCoordinator(viewer))) return null
  return countQueue(viewer)
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, renewedCookie } = await getSessionFromRequest(request)
  const flash = readFlash(request)
  // Both cookies must reach the browser: the session's slid expiry and the clearing of a flash message once shown.
  // Remix keeps every loader's Set-Cookie on document and data responses (no `headers` export needed for that).
  const headers = new Headers()
  if (renewedCookie) headers.append('Set-Cookie', renewedCookie)
  const clearFlash = new Headers(flash.headers).get('Set-Cookie')
  if (clearFlash) headers.append('Set-Cookie', clearFlash)
  // One viewer for the header's two counts (moderation, the bell): the one memoised for this request (getViewer), so
  // the route's own loader reuses it — memberships are read once per request.
  const current = user ? await getViewer(request) : null
  const viewer = current?.kind === 'person' ? (current as PersonViewer) : null
  return data(
    {
      user:
        user && viewer
          ? {
              name: user.name,
              role: user.role,
              emailVerified: Boolean(user.emailVerifiedAt),
              moderation: await moderationCount(viewer),
              notifications: await countUnreadNotifications(viewer),
            }
          : null,
      flash: flash.message,
    },
    { headers },
  )
}

/** A 429 thrown by a route keeps its Retry-After when the root error boundary renders it. */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers()
  const retryAfter = errorHeaders?.get('Retry-After')
  if (retryAfter) headers.set('Retry-After', retryAfter)
  return headers
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang="fr" dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>('root')?.user ?? null
}

function Shell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <SiteHeader user={data?.user ?? null} />
      <main id="contenu" tabIndex={-1}>
        {data?.flash ? <FlashMessage message={data.flash} /> : null}
        {children}
      </main>
      <SiteFooter />
    </>
  )
}

export default function App() {
  useLoaderData<typeof loader>()
  return (
    <Shell>
      <Outlet />
    </Shell>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return (
    <Shell>
      <ErrorPage status={status} withTitle={false} />
    </Shell>
  )
}
