import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer } from '#app/modules/auth/viewer.ts'
import { NOTIFICATION_KINDS, bellLabel, notificationText } from './kinds.ts'
import { FANOUT_RULES, canSeeGroupNotice, planRecipients } from './notifications.policy.ts'

describe('planRecipients: who gets what, once, never the actor', () => {
  const sources = { named: ['ana', 'bob'], followers: ['bob', 'cleo', 'dan', 'cleo'], registered: ['dan', 'eve'] }
  test.each([
    ['reply', ['ana', 'bob']],
    ['mention', ['ana', 'bob']],
    ['join_decision', ['ana', 'bob']],
    ['review_decision', ['ana', 'bob']],
    ['new_resource', ['bob', 'cleo', 'dan']],
    ['call_closing', ['bob', 'cleo', 'dan']],
    ['event_changed', ['bob', 'cleo', 'dan', 'eve']],
    ['event_cancelled', ['bob', 'cleo', 'dan', 'eve']],
  ] as const)('%s → %j', (kind, expected) => {
    expect(planRecipients(kind, sources, null)).toEqual(expected)
  })

  test('overlapping follows give one recipient; the actor is left out', () => {
    expect(planRecipients('event_changed', { registered: ['dan'], followers: ['dan', 'dan', 'eve'] }, 'eve')).toEqual(['dan'])
    expect(planRecipients('reply', { named: ['ana'] }, 'ana')).toEqual([])
  })

  test('every kind has a rule', () => {
    for (const kind of NOTIFICATION_KINDS) expect(FANOUT_RULES[kind].length).toBeGreaterThan(0)
  })
})

describe('canSeeGroupNotice', () => {
  const member = personViewer({ id: 'm', role: 'member', emailVerifiedAt: 'x' }, { groups: [['g', 'member']] })
  const other = personViewer({ id: 'o', role: 'member', emailVerifiedAt: 'x' })
  const admin = personViewer({ id: 'a', role: 'admin', emailVerifiedAt: 'x' })
  test.each([
    ['member, hidden group', member, true, true],
    ['non-member, hidden group', other, true, false],
    ['non-member, visible group', other, false, true],
    ['admin, hidden group', admin, true, true],
    ['anonymous, hidden group', ANONYMOUS, true, false],
  ] as const)('%s → %s', (_name, viewer, hidden, expected) => {
    expect(canSeeGroupNotice(viewer, { id: 'g', hidden })).toBe(expected)
  })
})

describe('wording', () => {
  test('the bell’s accessible name', () => {
    expect(bellLabel(0)).toBe('Notifications, aucune non lue')
    expect(bellLabel(1)).toBe('Notifications, 1 non lue')
    expect(bellLabel(3)).toBe('Notifications, 3 non lues')
  })
  test('each kind has its sentence', () => {
    const texts = NOTIFICATION_KINDS.map((k) => notificationText(k, 'X', { actorName: 'Léa', approved: true, decision: 'approve', deadline: '2026-12-10T11:00:00Z' }, () => '10 décembre'))
    expect(new Set(texts).size).toBe(NOTIFICATION_KINDS.length)
    expect(texts[0]).toBe('Léa a répondu à votre commentaire sur « X »')
    expect(notificationText('call_closing', 'FSE', { deadline: 'd' }, () => '10 décembre 2026 à 12 h')).toBe('L’appel « FSE » se clôture le 10 décembre 2026 à 12 h')
  })
})
