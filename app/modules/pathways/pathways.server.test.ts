import { describe, expect, test } from 'vitest'
import { ANONYMOUS, personViewer, systemActor } from '#app/modules/auth/viewer.ts'
import { cancelEvent } from '#app/modules/events/events.server.ts'
import { updateResource } from '#app/modules/resources/resources.server.ts'
import { textToDoc } from '#app/modules/rich-text/rich-text.server.ts'
import { db } from '#db/client.server.ts'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup } from '#tests/factories/group-pages.ts'
import { createTestResource, resourceInput } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'
import {
  addStep,
  createPathway,
  getPathwayForViewer,
  listMyPathways,
  listPublishedPathways,
  markStep,
  moveStep,
  removeStep,
  setPathwayPublished,
} from './pathways.server.ts'
import { progressLabel } from './progress.ts'

// Progress across edits of a pathway (issue 15), through the module and a real database.

const SYSTEM = systemActor('tests')
// Minutes after the start of the file (the factories write at the real time).
const BASE = Date.now() + 60_000
const at = (minutes: number) => new Date(BASE + minutes * 60_000)

async function pathwayWith(resourceCount: number) {
  const author = await createTestUser()
  const resources = []
  for (let i = 0; i < resourceCount; i++) resources.push(await createTestResource({ author, type: 'initiative' }))
  const created = await createPathway({ actor: SYSTEM, input: { title: 'Parcours de test', intro: textToDoc('Pour commencer.') }, now: at(0) })
  if (!created.ok) throw new Error(JSON.stringify(created))
  const stepIds: string[] = []
  for (const r of resources) {
    const added = await addStep({ pathwayId: created.pathway.id, actor: SYSTEM, input: { target: `/ressources/${r.slug}` }, now: at(0) })
    if (!added.ok) throw new Error(JSON.stringify(added))
    stepIds.push(added.stepId)
  }
  expect((await setPathwayPublished({ id: created.pathway.id, actor: SYSTEM, publish: true, now: at(0) })).ok).toBe(true)
  return { pathway: created.pathway, resources, stepIds, author }
}

type Case = {
  name: string
  edit: (ctx: Awaited<ReturnType<typeof pathwayWith>>) => Promise<void>
  /** Expected after the edit, step by step, in order: [done, new, updated, reserved]. */
  steps: [boolean, boolean, boolean, boolean][]
  label: string
}

const CASES: Case[] = [
  {
    name: 'a step added later shows as new; the marks stay',
    edit: async ({ pathway }) => {
      const r = await createTestResource({ author: await createTestUser(), type: 'initiative' })
      await addStep({ pathwayId: pathway.id, actor: SYSTEM, input: { target: `http://localhost:3000/ressources/${r.slug}` }, now: at(30) })
    },
    steps: [
      [true, false, false, false],
      [true, false, false, false],
      [false, false, false, false],
      [false, true, false, false],
    ],
    label: '2 étapes sur 4',
  },
  {
    name: 'a step removed takes its mark with it; the others keep theirs',
    edit: async ({ pathway, stepIds }) => {
      await removeStep({ pathwayId: pathway.id, stepId: stepIds[0], actor: SYSTEM })
    },
    steps: [
      [true, false, false, false],
      [false, false, false, false],
    ],
    label: '1 étape sur 2',
  },
  {
    name: 'reordering keeps the marks on their steps, not on positions',
    edit: async ({ pathway, stepIds }) => {
      await moveStep({ pathwayId: pathway.id, stepId: stepIds[2], direction: 'up', actor: SYSTEM })
      await moveStep({ pathwayId: pathway.id, stepId: stepIds[2], direction: 'up', actor: SYSTEM })
    },
    steps: [
      [false, false, false, false],
      [true, false, false, false],
      [true, false, false, false],
    ],
    label: '2 étapes sur 3',
  },
  {
    name: 'a resource revised after it was marked done says so',
    edit: async ({ resources, author }) => {
      const saved = await updateResource({
        id: resources[1].id,
        input: resourceInput('initiative', { title: resources[1].title, body: JSON.stringify(textToDoc('Un texte tout neuf.')) }),
        actor: await actorOf(author),
        expectedVersion: 1,
        now: at(40),
      })
      expect(saved.status).toBe('saved')
    },
    steps: [
      [true, false, false, false],
      [true, false, true, false],
      [false, false, false, false],
    ],
    label: '2 étapes sur 3',
  },
  {
    name: 'a step pointing to a now-private resource is reserved, without its title, and leaves the count',
    edit: async ({ resources }) => {
      await db.updateTable('resources').set({ visibility: 'members' }).where('id', '=', resources[0].id).execute()
    },
    steps: [
      [false, false, false, true],
      [true, false, false, false],
      [false, false, false, false],
    ],
    label: '1 étape sur 2',
  },
]

describe('progress survives edits of the pathway', () => {
  test.each(CASES)('$name', async (c) => {
    const ctx = await pathwayWith(3)
    // An unverified account: « membres » content reads to it as to anonymous visitors.
    const user = await createTestUser({ emailVerifiedAt: null })
    const viewer = personViewer(user)
    for (const stepId of ctx.stepIds.slice(0, 2)) {
      expect(await markStep({ slug: ctx.pathway.slug, stepId, done: true, actor: viewer, now: at(10) })).toEqual({ ok: true })
    }
    await c.edit(ctx)
    const view = await getPathwayForViewer(ctx.pathway.slug, viewer, { now: at(50) })
    expect(view?.steps.map((s) => [s.done, s.isNew, s.updatedSinceDone, s.reserved])).toEqual(c.steps)
    expect(progressLabel(view!.progress!)).toBe(c.label)
    for (const step of view!.steps.filter((s) => s.reserved)) {
      expect(step.title).toBeNull()
      expect(step.href).toBeNull()
    }
  })

  test('marking again after an update clears « mise à jour »; « not done » removes the mark; a finished pathway is complete', async () => {
    const ctx = await pathwayWith(1)
    const viewer = await actorOf(await createTestUser())
    await markStep({ slug: ctx.pathway.slug, stepId: ctx.stepIds[0], done: true, actor: viewer, now: at(10) })
    expect((await listMyPathways(viewer)).find((p) => p.slug === ctx.pathway.slug)).toMatchObject({ done: 1, total: 1, complete: true })
    await markStep({ slug: ctx.pathway.slug, stepId: ctx.stepIds[0], done: false, actor: viewer, now: at(11) })
    const view = await getPathwayForViewer(ctx.pathway.slug, viewer)
    expect(view?.progress).toMatchObject({ done: 0, total: 1, complete: false })
    expect(await listMyPathways(viewer)).toEqual([])
  })

  test('anonymous visitors follow without progress; nobody marks a step of another pathway', async () => {
    const a = await pathwayWith(1)
    const b = await pathwayWith(1)
    const view = await getPathwayForViewer(a.pathway.slug, ANONYMOUS)
    expect(view?.progress).toBeNull()
    expect(view?.can.track).toBe(false)
    const viewer = await actorOf(await createTestUser())
    expect(await markStep({ slug: a.pathway.slug, stepId: b.stepIds[0], done: true, actor: viewer })).toEqual({ ok: false, reason: 'not-found' })
  })
})

describe('live state of steps', () => {
  test('a closed call says « Clôturé » and points to the open calls of its territory; a cancelled event « Annulé »', async () => {
    const author = await createTestUser()
    const call = await createTestResource({ author, overrides: { openingDate: '2025-01-05T09:00', deadline: '2026-01-31T12:00', territory: 'calaisis' } })
    const group = await createTestGroup()
    const event = await createTestEvent({ groupId: group.id })
    const created = await createPathway({ actor: SYSTEM, input: { title: 'Parcours en direct', intro: textToDoc('Intro.') } })
    if (!created.ok) throw new Error('create')
    await addStep({ pathwayId: created.pathway.id, actor: SYSTEM, input: { target: `/ressources/${call.slug}` } })
    await addStep({ pathwayId: created.pathway.id, actor: SYSTEM, input: { target: `/agenda/${event.id}` } })
    await addStep({ pathwayId: created.pathway.id, actor: SYSTEM, input: { target: 'https://www.associations.gouv.fr/', linkTitle: 'Le site des associations' } })
    await cancelEvent({ id: event.id, actor: SYSTEM })
    const view = await getPathwayForViewer(created.pathway.slug, SYSTEM, { now: at(0) })
    expect(view?.steps.map((s) => s.live)).toEqual([
      { kind: 'closed', openCallsHref: '/ressources?type=financement-europeen&ouverts=oui&territoire=calaisis' },
      { kind: 'cancelled' },
      null,
    ])
    expect(view?.steps[2]).toMatchObject({ title: 'Le site des associations', href: 'https://www.associations.gouv.fr/', external: true })
  })
})

describe('writes', () => {
  test('French messages for bad steps; a draft is unseen by others; publishing needs a step', async () => {
    const coordinator = await createTestUser()
    const group = await createTestGroup()
    await addTestGroupMember(group.id, coordinator.id, 'coordinator')
    const actor = await actorOf(coordinator)
    const created = await createPathway({ actor, input: { title: 'Mon brouillon', intro: textToDoc('Intro.'), groupId: group.id } })
    if (!created.ok) throw new Error('create')
    expect(await setPathwayPublished({ id: created.pathway.id, actor, publish: true })).toEqual({ ok: false, reason: 'no-steps' })
    const bad = await addStep({ pathwayId: created.pathway.id, actor, input: { target: 'http://exemple.fr/page' } })
    expect(bad).toMatchObject({ reason: 'invalid', errors: { target: 'Un lien vers un autre site doit commencer par https://.' } })
    const noTitle = await addStep({ pathwayId: created.pathway.id, actor, input: { target: 'https://exemple.fr/page' } })
    expect(noTitle).toMatchObject({ reason: 'invalid', errors: { linkTitle: expect.stringContaining('Donnez un titre au lien') } })
    const missing = await addStep({ pathwayId: created.pathway.id, actor, input: { target: '/ressources/nexiste-pas' } })
    expect(missing).toMatchObject({ reason: 'invalid', errors: { target: 'Aucune ressource que vous pouvez lire ne se trouve à cette adresse.' } })
    expect(await getPathwayForViewer(created.pathway.slug, ANONYMOUS)).toBeNull()
    expect((await listPublishedPathways(ANONYMOUS)).some((p) => p.slug === created.pathway.slug)).toBe(false)
    const member = await actorOf(await createTestUser())
    expect(await createPathway({ actor: member, input: { title: 'Refusé', intro: textToDoc('Intro.') } })).toEqual({ ok: false, reason: 'forbidden' })
    expect(await createPathway({ actor, input: { title: '', intro: textToDoc('') } })).toMatchObject({
      reason: 'invalid',
      errors: { title: 'Donnez un titre au parcours.' },
    })
  })
})
