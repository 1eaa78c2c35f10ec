import { Form, useLocation } from '@remix-run/react'
import { FOLLOW_ACTION, type FollowKind } from '../follows.ts'

// « Suivre » / « Ne plus suivre »: a plain POST form (works without JavaScript), back to this page afterwards. The two
// states have distinct labels (no aria-pressed on top: the label says it all). Nothing for anonymous visitors.

export type FollowState = { kind: FollowKind; key: string; following: boolean } | null

export function FollowButton({ state, follow, stop }: { state: FollowState; follow: string; stop: string }) {
  const location = useLocation()
  if (!state) return null
  return (
    <Form method="post" action={FOLLOW_ACTION} className="follow-form">
      <input type="hidden" name="intent" value={state.following ? 'stop' : 'follow'} />
      <input type="hidden" name="kind" value={state.kind} />
      <input type="hidden" name="key" value={state.key} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className={state.following ? 'button button-secondary button-small' : 'button button-small'}>
        {state.following ? stop : follow}
      </button>
    </Form>
  )
}
