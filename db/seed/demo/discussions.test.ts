import { expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { ANONYMOUS, personViewer } from '#app/modules/auth/viewer.ts'
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { getThread, listThreads } from '#app/modules/discussions/discussions.server.ts'
import { seedDemoData } from '../seed.server.ts'
import { DEMO_THREADS } from './discussions.ts'

test('demo discussions: threads with replies in the Calaisis and « Fonds européens », one pinned first; idempotent', async () => {
  await seedDemoData(db)
  const count = async (table: 'discussionThreads' | 'discussionPosts') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const first = { threads: await count('discussionThreads'), posts: await count('discussionPosts') }
  expect(first.threads).toBeGreaterThanOrEqual(DEMO_THREADS.length)

  const calaisis = await db.selectFrom('groups').select('id').where('territorySlug', '=', 'calaisis').executeTakeFirstOrThrow()
  const funds = await db.selectFrom('groups').select(['id', 'pageVisibility']).where('name', '=', 'Fonds européens').executeTakeFirstOrThrow()
  const karim = await db.selectFrom('users').select('id').where('email', '=', 'karim.benali@essaim.test').executeTakeFirstOrThrow()
  const member = await viewerById(karim.id)
  const calaisisList = await listThreads(calaisis.id, member ?? ANONYMOUS)
  expect(calaisisList?.threads[0]).toMatchObject({ title: 'Bienvenue dans les discussions du Calaisis', pinned: true })
  const withReplies = calaisisList?.threads.find((t) => t.title === 'Mutualiser un véhicule pour les distributions alimentaires')
  expect(withReplies?.replyCount).toBe(2)
  expect(withReplies?.author?.name).toBe('Karim Benali')
  const thread = await getThread(withReplies?.id ?? '', member ?? ANONYMOUS)
  expect(thread?.replies.map((r) => r.author?.name)).toEqual(['Julie Dupont', 'Karim Benali'])

  // Discussions are for the group's members and admins: an anonymous visitor gets nothing.
  expect(await listThreads(funds.id, ANONYMOUS)).toBeNull()
  const admin = personViewer({ id: 'admin-demo', role: 'admin', emailVerifiedAt: new Date().toISOString() })
  const fundsList = await listThreads(funds.id, admin)
  expect(fundsList?.threads[0]).toMatchObject({ title: 'Appels à projets FSE+ 2027 : le calendrier', pinned: true })
  expect(fundsList?.threads.some((t) => t.replyCount >= 2)).toBe(true)

  await seedDemoData(db)
  expect({ threads: await count('discussionThreads'), posts: await count('discussionPosts') }).toEqual(first)
})
