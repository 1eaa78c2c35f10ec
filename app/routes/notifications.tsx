import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Pagination } from '#app/components/pagination.tsx'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '#app/modules/notifications/notifications.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'
import { badRequest, notFound, redirectWithFlash, safeRedirectPath } from '#app/utils/http.server.ts'

// /notifications (issue 17 §4): the person's notifications, newest first, 20 a page, each linking to what it is
// about; « Marquer comme lue » and « Tout marquer comme lu » are plain forms. Only what the person may still read is
// listed (the targets' policies, now), and the header's count says the same.

export const meta: MetaFunction = () => [{ title: 'Notifications — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request)
  const page = Number(new URL(request.url).searchParams.get('page')) || 1
  return data(await listNotifications(viewer, { page }), { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const form = await request.formData()
  const back = safeRedirectPath(form.get('redirectTo'), '/notifications')
  switch (form.get('intent')) {
    case 'read': {
      const id = form.get('id')
      if (typeof id !== 'string' || !id) badRequest()
      // Someone else's or unknown: nothing changes, and nothing says whether it exists.
      await markNotificationRead(viewer, id)
      return redirectWithFlash(back, 'notifications-read')
    }
    case 'read-all':
      await markAllNotificationsRead(viewer)
      return redirectWithFlash(back, 'notifications-read')
    default:
      notFound()
  }
}

export default function NotificationsPage() {
  const { items, unread, page, pageCount, total } = useLoaderData<typeof loader>()
  const here = page > 1 ? `/notifications?page=${page}` : '/notifications'
  return (
    <div className="container">
      <h1>Notifications</h1>
      <p role="status">
        {total === 0 ? 'Aucune notification pour l’instant.' : unread === 0 ? 'Tout est lu.' : `${unread} non ${unread === 1 ? 'lue' : 'lues'}.`}{' '}
        <Link to="/compte/abonnements">Gérer mes abonnements</Link>{' '}
        <Link to="/compte/notifications">Choisir les courriels que je reçois</Link>
      </p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <input type="hidden" name="redirectTo" value={here} />
          <button type="submit" className="button button-secondary button-small">
            Tout marquer comme lu
          </button>
        </Form>
      ) : null}
      {items.length > 0 ? (
        <ol className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.read ? 'notification' : 'notification notification-unread'}>
              <p>
                {item.read ? null : <span className="badge">Non lue</span>} <Link to={item.href}>{item.text}</Link>
              </p>
              <p className="hint">
                <time dateTime={item.createdAt}>{formatDateTimeFr(item.createdAt)}</time>
              </p>
              {item.read ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={item.id} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <button type="submit" className="link-button">
                    Marquer comme lue<span className="visually-hidden">{` : ${item.text}`}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination page={page} pageCount={pageCount} href={(n) => `/notifications?page=${n}`} label="Pages des notifications" />
    </div>
  )
}
