import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import type { ResourceStatus } from '#db/schema/resources.ts'
import { TERRITORY_DEPARTEMENT } from './resources.schema.ts'
import { NOTE_MAX, REVIEW_DECISIONS, type ReviewDecision, type ReviewItem, isCoordinator, mayReview, needsReview, reviewTransition } from './review.ts'

const verified = '2026-01-01T00:00:00.000Z'
// The resource of the table is written by `a`, in territory `artois`.
const actors = {
  anonymous: ANONYMOUS,
  system: systemActor('import'),
  member: personViewer({ id: 'm', role: 'member', emailVerifiedAt: verified }),
  author: personViewer({ id: 'a', role: 'member', emailVerifiedAt: verified }, { coordinates: ['artois'] }),
  artoisCoordinator: personViewer({ id: 'c', role: 'member', emailVerifiedAt: verified }, { coordinates: ['artois'] }),
  unverifiedCoordinator: personViewer({ id: 'u', role: 'member', emailVerifiedAt: null }, { coordinates: ['artois'] }),
  calaisisCoordinator: personViewer({ id: 'k', role: 'member', emailVerifiedAt: verified }, { coordinates: ['calaisis'] }),
  groupCoordinator: personViewer({ id: 'g', role: 'member', emailVerifiedAt: verified }, { groups: [['g1', 'coordinator']] }),
  admin: personViewer({ id: 'x', role: 'admin', emailVerifiedAt: verified }),
}
type Who = keyof typeof actors
const reviewers: Who[] = ['artoisCoordinator', 'admin']
const statuses: ResourceStatus[] = ['draft', 'pending', 'published', 'archived']
const item = (status: ResourceStatus, territory = 'artois'): ReviewItem => ({ status, territory, authorId: 'a', deletedAt: null })
const expectedTo: Record<ReviewDecision, ResourceStatus> = { approve: 'published', 'request-changes': 'draft', refuse: 'draft' }

describe('reviewTransition: status × actor × decision', () => {
  const rows = statuses.flatMap((status) =>
    (Object.keys(actors) as Who[]).flatMap((who) =>
      REVIEW_DECISIONS.map((decision) => {
        const expected =
          who === 'author'
            ? { ok: false, reason: 'own-resource' }
            : !reviewers.includes(who)
              ? { ok: false, reason: 'not-reviewer' }
              : status !== 'pending'
                ? { ok: false, reason: 'not-pending' }
                : { ok: true, to: expectedTo[decision] }
        return { status, who, decision, expected }
      }),
    ),
  )
  test.each(rows)('$status, $who, $decision → $expected', ({ status, who, decision, expected }) => {
    expect(reviewTransition(actors[who], decision, item(status), 'Une remarque.')).toEqual(expected)
  })

  test('a note is required to ask for changes or to refuse, not to approve', () => {
    const c = actors.artoisCoordinator
    expect(reviewTransition(c, 'request-changes', item('pending'), '   ')).toEqual({ ok: false, reason: 'note-required' })
    expect(reviewTransition(c, 'refuse', item('pending'), '')).toEqual({ ok: false, reason: 'note-required' })
    expect(reviewTransition(c, 'approve', item('pending'), '')).toEqual({ ok: true, to: 'published' })
  })

  test('a note of more than 2 000 characters is refused', () => {
    const c = actors.artoisCoordinator
    expect(reviewTransition(c, 'approve', item('pending'), 'x'.repeat(NOTE_MAX))).toEqual({ ok: true, to: 'published' })
    expect(reviewTransition(c, 'refuse', item('pending'), 'x'.repeat(NOTE_MAX + 1))).toEqual({ ok: false, reason: 'note-too-long' })
  })

  test('a deleted resource is not pending any more', () => {
    expect(reviewTransition(actors.admin, 'approve', { ...item('pending'), deletedAt: verified }, '')).toEqual({ ok: false, reason: 'not-pending' })
  })
})

describe('mayReview', () => {
  test('a resource of the whole département is for admins only', () => {
    const coordinatorOfAll = personViewer({ id: 'd', role: 'member', emailVerifiedAt: verified }, { coordinates: [TERRITORY_DEPARTEMENT] })
    const whole = item('pending', TERRITORY_DEPARTEMENT)
    expect(mayReview(coordinatorOfAll, whole)).toBe(false)
    expect(mayReview(actors.artoisCoordinator, whole)).toBe(false)
    expect(mayReview(actors.admin, whole)).toBe(true)
  })

  test('a Calaisis coordinator decides on Calaisis, not on Artois', () => {
    expect(mayReview(actors.calaisisCoordinator, item('pending', 'calaisis'))).toBe(true)
    expect(mayReview(actors.calaisisCoordinator, item('pending', 'artois'))).toBe(false)
  })

  test('an admin does not decide on their own resource', () => {
    expect(mayReview(actors.admin, { territory: 'artois', authorId: 'x' })).toBe(false)
  })

  test('a resource whose author was deleted can be decided on', () => {
    expect(mayReview(actors.artoisCoordinator, { territory: 'artois', authorId: null })).toBe(true)
  })
})

describe('needsReview', () => {
  const rows: { who: Who; approved: number; threshold: number; expected: boolean }[] = [
    { who: 'member', approved: 0, threshold: 2, expected: true },
    { who: 'member', approved: 1, threshold: 2, expected: true },
    { who: 'member', approved: 2, threshold: 2, expected: false },
    { who: 'member', approved: 0, threshold: 0, expected: false },
    { who: 'artoisCoordinator', approved: 0, threshold: 2, expected: false },
    { who: 'groupCoordinator', approved: 0, threshold: 2, expected: false },
    { who: 'admin', approved: 0, threshold: 2, expected: false },
    { who: 'system', approved: 0, threshold: 2, expected: false },
  ]
  test.each(rows)('$who with $approved approved, threshold $threshold → $expected', ({ who, approved, threshold, expected }) => {
    const actor = actors[who]
    if (actor.kind === 'anonymous') throw new Error('not an actor')
    expect(needsReview(actor, approved, threshold)).toBe(expected)
  })

  test('isCoordinator: territory or group coordinators, not members nor the system', () => {
    expect(isCoordinator(actors.artoisCoordinator)).toBe(true)
    expect(isCoordinator(actors.groupCoordinator)).toBe(true)
    expect(isCoordinator(actors.member)).toBe(false)
    expect(isCoordinator(actors.system)).toBe(false)
  })
})
