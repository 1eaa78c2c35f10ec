import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { emailHeaders } from '#app/modules/email/outbox.server.ts'
import { upsertManualFollow } from '#app/modules/follows/store.server.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { runDigests, dueWindow, parisMidnight } from './digest.server.ts'
import { DEFAULT_EMAIL_FREQUENCY, applyUnsubscribe } from './email-settings.ts'
import { getEmailSettings, saveEmailSettings, unsubscribe } from './email-settings.server.ts'
import { drainNotificationOutbox } from './fanout.server.ts'
import { enqueueNotification } from './outbox.server.ts'

// Notification emails on a real database: the settings and their defaults, the immediate email of the fan-out, the
// digests (nothing new → nothing, grouped content, calls closing in 30 days, permissions re-read at send time,
// idempotency across a second run and a run stopped mid-way, Paris-day windows across the DST changes).
// Each test works in its own fake week of 2027 (the fan-out's and the job's clocks), so tests do not see each other.

beforeEach(async () => {
  await drainNotificationOutbox({ limit: 10_000, now: new Date('2030-01-01T00:00:00Z') })
})

async function emailsTo(address: string) {
  return db.selectFrom('emailOutbox').selectAll().where('toAddress', '=', address).orderBy('createdAt').execute()
}

/** Publishes resources with the fan-out's clock at `at` (their notifications are created then). */
async function fanOutAt(at: string) {
  await drainNotificationOutbox({ limit: 10_000, now: new Date(at) })
}

describe('settings', () => {
  test('defaults: only decisions about one’s own content are immediate; changes are stored and read back', async () => {
    const user = await createTestUser()
    const settings = await getEmailSettings(user.id)
    expect(settings).toEqual(DEFAULT_EMAIL_FREQUENCY)
    expect(Object.entries(settings).filter(([, f]) => f === 'immediate').map(([k]) => k).sort()).toEqual(['join_decision', 'review_decision'])
    expect(settings.reaction).toBe('never')
    await saveEmailSettings(user.id, { ...settings, new_resource: 'daily', review_decision: 'never' })
    expect(await getEmailSettings(user.id)).toEqual({ ...DEFAULT_EMAIL_FREQUENCY, new_resource: 'daily', review_decision: 'never' })
    // Unsubscribing from the weekly digest stops every kind sent in it, nothing else.
    await unsubscribe(user.id, 'weekly')
    const after = await getEmailSettings(user.id)
    expect(after.reply).toBe('never')
    expect(after.new_resource).toBe('daily')
    expect(after.join_decision).toBe('immediate')
    expect(applyUnsubscribe(after, 'all')).toEqual(Object.fromEntries(Object.keys(after).map((k) => [k, 'never'])))
  })
})

describe('immediate emails', () => {
  test('only for a kind set to « immédiatement », once, with the unsubscribe headers and links, nothing private', async () => {
    const [author, follower, eager] = await Promise.all([createTestUser(), createTestUser(), createTestUser()])
    await upsertManualFollow(follower.id, { kind: 'territory', key: 'ternois' })
    await upsertManualFollow(eager.id, { kind: 'territory', key: 'ternois' })
    await saveEmailSettings(eager.id, { ...DEFAULT_EMAIL_FREQUENCY, new_resource: 'immediate' })
    const resource = await createTestResource({ author, overrides: { territory: 'ternois', title: 'Recyclerie du Ternois : le bilan' } })
    await enqueueNotification({ kind: 'review_decision', resourceId: resource.id, authorId: author.id, decision: 'approve', actorId: null })
    await fanOutAt('2027-01-06T10:00:00Z')
    await fanOutAt('2027-01-06T10:05:00Z')
    // The follower (new resources: weekly by default) gets nothing now; the one who chose « immédiatement » one email.
    expect(await emailsTo(follower.email)).toEqual([])
    const [eagerEmail, ...more] = await emailsTo(eager.email)
    expect(more).toEqual([])
    expect(eagerEmail!.template).toBe('notification-new_resource')
    expect(eagerEmail!.subject).toContain('Recyclerie du Ternois : le bilan')
    expect(eagerEmail!.textBody).not.toContain('Premier paragraphe')
    const headers = emailHeaders(eagerEmail!)
    expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:\d+\/desabonnement\/[\w-]+\.[\w-]+>$/)
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(eagerEmail!.htmlBody).toContain('/compte/notifications')
    expect(eagerEmail!.htmlBody).toContain('/desabonnement/')
    expect(eagerEmail!.textBody).toContain('/desabonnement/')
    // The author: the review decision, immediately (the default).
    const authorEmails = await emailsTo(author.email)
    expect(authorEmails.map((e) => e.template)).toEqual(['notification-review_decision'])
    expect(authorEmails[0]!.subject).toBe('Votre ressource « Recyclerie du Ternois : le bilan » a été publiée après relecture')
  })

  test('a group-only resource: no email to a follower who is not in the group, even set to « immédiatement »', async () => {
    const group = await createTestGroup()
    const [author, outsider] = await Promise.all([createTestUser(), createTestUser()])
    await upsertManualFollow(outsider.id, { kind: 'territory', key: 'montreuillois' })
    await saveEmailSettings(outsider.id, { ...DEFAULT_EMAIL_FREQUENCY, new_resource: 'immediate' })
    await createTestResource({ author, visibility: 'group', overrides: { territory: 'montreuillois', groups: [group.slug] } })
    await fanOutAt('2027-01-06T11:00:00Z')
    expect(await emailsTo(outsider.email)).toEqual([])
  })
})

describe('digests', () => {
  test('nothing new in the window → no email; a notification outside the window does not count', async () => {
    const [author, follower] = await Promise.all([createTestUser(), createTestUser()])
    await upsertManualFollow(follower.id, { kind: 'territory', key: 'audomarois' })
    await createTestResource({ author, overrides: { territory: 'audomarois' } })
    // Created on Monday 18 January at 0 h 30, Paris: the week of 18–24, not the week before.
    await fanOutAt('2027-01-17T23:30:00Z')
    const report = await runDigests('weekly', { now: new Date('2027-01-18T06:00:00Z') })
    expect(report.window.startDay).toBe('2027-01-11')
    expect(report.sent).not.toContain(follower.id)
    expect(await emailsTo(follower.email)).toEqual([])
  })

  test('grouped by territory and kind, with the calls closing in the next 30 days the person may read', async () => {
    const [author, reader] = await Promise.all([createTestUser(), createTestUser()])
    await upsertManualFollow(reader.id, { kind: 'territory', key: 'calaisis' })
    await upsertManualFollow(reader.id, { kind: 'territory', key: 'boulonnais' })
    await createTestResource({ author, type: 'initiative', overrides: { territory: 'calaisis', title: 'Épicerie solidaire de Calais' } })
    await createTestResource({ author, type: 'initiative', overrides: { territory: 'boulonnais', title: 'Ressourcerie du Boulonnais' } })
    // A call closing in 10 days (a reader of the Calaisis may read it); another one closing in 60 days (not listed).
    await createTestResource({ author, overrides: { territory: 'calaisis', title: 'Appel FSE+ du Calaisis', deadline: '2027-02-11T12:00' } })
    await createTestResource({ author, overrides: { territory: 'calaisis', title: 'Appel lointain du Calaisis', deadline: '2027-04-01T12:00' } })
    await fanOutAt('2027-01-27T09:00:00Z')
    const report = await runDigests('weekly', { now: new Date('2027-02-01T06:00:00Z') })
    expect(report.sent).toContain(reader.id)
    const [email, ...more] = await emailsTo(reader.email)
    expect(more).toEqual([])
    expect(email!.template).toBe('digest-weekly')
    expect(email!.subject).toBe('Votre résumé hebdomadaire Essaim : 4 nouveautés')
    const text = email!.textBody
    expect(text).toContain('du 25 janvier 2027 au 31 janvier 2027')
    // Territories in the site's order, each with its kinds.
    expect(text.indexOf('BOULONNAIS')).toBeGreaterThan(-1)
    expect(text.indexOf('CALAISIS')).toBeGreaterThan(-1)
    expect(text).toContain('Nouvelle ressource dans vos abonnements : « Épicerie solidaire de Calais »')
    expect(text).toContain('Nouvelle ressource dans vos abonnements : « Ressourcerie du Boulonnais »')
    const calls = text.slice(text.indexOf('APPELS À PROJETS QUI SE CLÔTURENT DANS LES 30 JOURS'))
    expect(calls).toContain('Appel FSE+ du Calaisis')
    expect(calls).toContain('clôture le 11 février 2027')
    expect(calls).not.toContain('Appel lointain du Calaisis')
    expect(email!.htmlBody).toContain('<h2>Calaisis</h2>')
    expect(emailHeaders(email!)['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
  })

  test('a member who left the group between the event and the digest does not get its item', async () => {
    const group = await createTestGroup()
    const [author, stays, leaves] = await Promise.all([createTestUser(), createTestUser(), createTestUser()])
    for (const user of [stays, leaves]) {
      await addTestGroupMember(group.id, user.id)
      await upsertManualFollow(user.id, { kind: 'territory', key: 'montreuillois' })
    }
    await createTestResource({ author, visibility: 'group', overrides: { territory: 'montreuillois', groups: [group.slug], title: 'Compte rendu du groupe' } })
    await fanOutAt('2027-02-10T09:00:00Z')
    // Both were notified (members then); one leaves before Monday.
    await db.deleteFrom('groupMemberships').where('groupId', '=', group.id).where('userId', '=', leaves.id).execute()
    const report = await runDigests('weekly', { now: new Date('2027-02-15T06:00:00Z') })
    expect(report.sent).toContain(stays.id)
    expect(report.sent).not.toContain(leaves.id)
    expect((await emailsTo(stays.email))[0]!.textBody).toContain('Compte rendu du groupe')
    expect(await emailsTo(leaves.email)).toEqual([])
  })

  test('run twice → one email; a run stopped mid-way then run again (a restart) → one email each', async () => {
    const author = await createTestUser()
    const readers = await Promise.all([createTestUser(), createTestUser(), createTestUser()])
    for (const reader of readers) await upsertManualFollow(reader.id, { kind: 'territory', key: 'lens-lievin' })
    await createTestResource({ author, type: 'initiative', overrides: { territory: 'lens-lievin' } })
    await fanOutAt('2027-02-17T09:00:00Z')
    const monday = new Date('2027-02-22T06:00:00Z')
    // The first run « crashes » after its first email is committed.
    let sentBeforeCrash = 0
    await expect(
      runDigests('weekly', {
        now: monday,
        onSent: () => {
          sentBeforeCrash++
          throw new Error('arrêt du processus')
        },
      }),
    ).rejects.toThrow('arrêt du processus')
    expect(sentBeforeCrash).toBe(1)
    // The restarted process: a new run at 7 h 15, then the cron's own run a little later.
    await runDigests('weekly', { now: new Date('2027-02-22T06:15:00Z') })
    await runDigests('weekly', { now: new Date('2027-02-22T06:30:00Z') })
    for (const reader of readers) {
      expect((await emailsTo(reader.email)).filter((e) => e.template === 'digest-weekly')).toHaveLength(1)
      const runs = await db.selectFrom('digestRuns').selectAll().where('userId', '=', reader.id).execute()
      expect(runs.map((r) => [r.period, r.periodStart, r.itemCount])).toEqual([['weekly', '2027-02-15', 1]])
    }
    // Catching up days later (downtime): the last period due is still that week, already sent: nothing more.
    await runDigests('weekly', { now: new Date('2027-02-27T12:00:00Z') })
    for (const reader of readers) expect(await emailsTo(reader.email)).toHaveLength(1)
  })

  test('daily digest: only the kinds set to it, for yesterday in Paris', async () => {
    const [author, daily] = await Promise.all([createTestUser(), createTestUser()])
    await upsertManualFollow(daily.id, { kind: 'territory', key: 'ternois' })
    await saveEmailSettings(daily.id, { ...DEFAULT_EMAIL_FREQUENCY, new_resource: 'daily' })
    await createTestResource({ author, type: 'initiative', overrides: { territory: 'ternois', title: 'Tiers-lieu de Saint-Pol' } })
    await fanOutAt('2027-03-03T16:00:00Z')
    expect((await runDigests('weekly', { now: new Date('2027-03-08T06:00:00Z') })).sent).not.toContain(daily.id)
    const report = await runDigests('daily', { now: new Date('2027-03-04T06:00:00Z') })
    expect(report.window.startDay).toBe('2027-03-03')
    expect(report.sent).toContain(daily.id)
    const [email] = await emailsTo(daily.email)
    expect(email!.subject).toBe('Votre résumé quotidien Essaim : 1 nouveauté')
    expect(email!.textBody).toContain('du 3 mars 2027')
  })
})

describe('Paris-day windows', () => {
  test('the spring change: the day of 28 March 2027 lasts 23 hours; before 7 h the previous period is due', () => {
    const daily = dueWindow('daily', new Date('2027-03-29T05:30:00Z')) // Monday 7 h 30 (CEST)
    expect([daily.startDay, daily.endDay]).toEqual(['2027-03-28', '2027-03-29'])
    expect(daily.start.toISOString()).toBe('2027-03-27T23:00:00.000Z')
    expect(daily.end.toISOString()).toBe('2027-03-28T22:00:00.000Z')
    expect(daily.end.getTime() - daily.start.getTime()).toBe(23 * 3600_000)
    const weekly = dueWindow('weekly', new Date('2027-03-29T05:30:00Z'))
    expect([weekly.startDay, weekly.endDay]).toEqual(['2027-03-22', '2027-03-29'])
    // Monday 6 h 30, Paris: Monday's digests are not due yet.
    expect(dueWindow('daily', new Date('2027-03-29T04:30:00Z')).startDay).toBe('2027-03-27')
    expect(dueWindow('weekly', new Date('2027-03-29T04:30:00Z')).startDay).toBe('2027-03-15')
  })

  test('the autumn change: the day of 31 October 2027 lasts 25 hours; windows follow each other without gap', () => {
    const daily = dueWindow('daily', new Date('2027-11-01T06:30:00Z')) // Monday 7 h 30 (CET)
    expect(daily.start.toISOString()).toBe('2027-10-30T22:00:00.000Z')
    expect(daily.end.toISOString()).toBe('2027-10-31T23:00:00.000Z')
    const next = dueWindow('daily', new Date('2027-11-02T06:30:00Z'))
    expect(next.start.getTime()).toBe(daily.end.getTime())
    expect(parisMidnight('2027-07-14').toISOString()).toBe('2027-07-13T22:00:00.000Z')
    expect(parisMidnight('2027-12-25').toISOString()).toBe('2027-12-24T23:00:00.000Z')
  })

  test('a notification at 23 h 30 on the night of the spring change lands in that day’s digest, not the next', async () => {
    const [author, reader] = await Promise.all([createTestUser(), createTestUser()])
    await upsertManualFollow(reader.id, { kind: 'territory', key: 'montreuillois' })
    await saveEmailSettings(reader.id, { ...DEFAULT_EMAIL_FREQUENCY, new_resource: 'daily' })
    await createTestResource({ author, type: 'initiative', overrides: { territory: 'montreuillois' } })
    await fanOutAt('2027-03-28T21:30:00Z') // 23 h 30 CEST on 28 March
    expect((await runDigests('daily', { now: new Date('2027-03-30T05:00:00Z') })).sent).not.toContain(reader.id)
    expect((await runDigests('daily', { now: new Date('2027-03-29T05:00:00Z') })).sent).toContain(reader.id)
  })
})
