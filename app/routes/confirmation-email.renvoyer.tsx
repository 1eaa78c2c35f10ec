import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { resendEmailVerification } from '#app/modules/auth/accounts.server.ts'
import { requireUser } from '#app/modules/auth/session.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { redirectWithFlash } from '#app/utils/http.server.ts'
import { enforceAuthRateLimit } from '#app/utils/rate-limit.server.ts'

// Resource route: POST only (the button lives on /compte and on /confirmer-email). A GET goes to the account page.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  throw redirect('/compte')
}

export async function action({ request, context }: ActionFunctionArgs) {
  enforceAuthRateLimit(context.clientIp, getEnv().authRateLimitPerMinute)
  const user = await requireUser(request)
  const result = await resendEmailVerification(user.id)
  return redirectWithFlash('/compte', result === 'sent' ? 'verification-sent' : 'email-already-verified')
}
