import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { requirePerson } from '#app/modules/auth/viewer.server.ts'
import { followTarget, stopAllOfKind, stopFollowing } from '#app/modules/follows/follows.server.ts'
import { isFollowKind } from '#app/modules/follows/follows.ts'
import { badRequest, notFound, redirectWithFlash, safeRedirectPath } from '#app/utils/http.server.ts'

// POST /abonnements: the follow and stop buttons of every page, and « Tout arrêter » on /compte/abonnements. Plain
// forms: back to the page they came from, with a message. A target one may not read is a 404 (never confirm it).

export async function loader() {
  return redirect('/compte/abonnements')
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request)
  const form = await request.formData()
  const intent = form.get('intent')
  const kind = form.get('kind')
  const key = String(form.get('key') ?? '')
  const back = safeRedirectPath(form.get('redirectTo'), '/compte/abonnements')
  if (!isFollowKind(kind)) badRequest()
  switch (intent) {
    case 'follow': {
      const result = await followTarget(viewer, kind, key)
      if (!result.ok && result.reason === 'not-found') notFound()
      return redirectWithFlash(back, result.ok ? 'follow-started' : 'follow-unverified')
    }
    case 'stop':
      await stopFollowing(viewer, kind, key)
      return redirectWithFlash(back, 'follow-stopped')
    case 'stop-all':
      await stopAllOfKind(viewer, kind)
      return redirectWithFlash(back, 'follows-stopped')
    default:
      badRequest()
  }
}
