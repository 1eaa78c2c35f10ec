import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import type { DemoSeeder } from './index.ts'

// Demo reports (issue 14, item 2): a Calaisis resource with 2 open reports (still shown, waiting in the queue), and an
// advertising reply in a Calaisis discussion hidden after 3 reports from different members. Everything goes through
// the reports module, in the name of demo members; idempotent: an item that already has reports is left as it is.

export const DEMO_SPAM_THREAD = 'Vos bons plans pour le matériel de distribution'
const SPAM_AUTHOR = 'pierre.caron@essaim.test'
const CALAISIS_MEMBERS = ['thomas.delattre@essaim.test', 'nadia.morel@essaim.test', SPAM_AUTHOR]
const POST_REPORTERS = ['karim.benali@essaim.test', 'julie.dupont@essaim.test', 'thomas.delattre@essaim.test']
const RESOURCE_REPORTERS = ['nadia.morel@essaim.test', 'emma.lemaire@essaim.test']

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

export const reportsSeeder: DemoSeeder = {
  name: 'reports',
  async seed(db: Kysely<Database>, log) {
    const { createThread, reply } = await import('../../../app/modules/discussions/discussions.server.ts')
    const { addMember } = await import('../../../app/modules/groups/memberships.server.ts')
    const { systemActor } = await import('../../../app/modules/auth/viewer.ts')
    const { viewerById } = await import('../../../app/modules/auth/viewer.server.ts')
    const { reportItem } = await import('./../../../app/modules/reports/reports.server.ts')
    const actor = systemActor('données de démonstration')
    const users = await db.selectFrom('users').select(['id', 'email']).execute()
    const byEmail = new Map(users.map((u) => [u.email, u.id]))
    let reports = 0
    await db.transaction().execute(async (trx) => {
      const calaisis = await trx.selectFrom('groups').select('id').where('territorySlug', '=', 'calaisis').executeTakeFirst()
      const karim = byEmail.get('karim.benali@essaim.test')
      const spammer = byEmail.get(SPAM_AUTHOR)
      if (calaisis && karim && spammer) {
        for (const email of CALAISIS_MEMBERS) {
          const userId = byEmail.get(email)
          if (!userId) continue
          const member = await trx.selectFrom('groupMemberships').select('role').where('groupId', '=', calaisis.id).where('userId', '=', userId).executeTakeFirst()
          if (member) continue
          const added = await addMember({ groupId: calaisis.id, userId, role: 'member', actor, trx })
          if (!added.ok) throw new Error(`demo reports, Calaisis member ${email}: ${JSON.stringify(added)}`)
        }
        const existing = await trx.selectFrom('discussionThreads').select('id').where('groupId', '=', calaisis.id).where('title', '=', DEMO_SPAM_THREAD).executeTakeFirst()
        if (!existing) {
          const opened = await createThread({
            actor,
            authorId: karim,
            groupId: calaisis.id,
            title: DEMO_SPAM_THREAD,
            body: doc('Où trouvez-vous vos caisses isothermes et vos chariots à bon prix ? Partageons nos adresses.'),
            trx,
          })
          if (!opened.ok) throw new Error(`demo spam thread: ${JSON.stringify(opened)}`)
          const spam = await reply({
            actor,
            authorId: spammer,
            threadId: opened.threadId,
            body: doc('PROMOTION EXCEPTIONNELLE : -70 % sur tout notre catalogue, commandez vite sur notre site avec le code ESSAIM70 !'),
            trx,
          })
          if (!spam.ok) throw new Error(`demo spam reply: ${JSON.stringify(spam)}`)
          for (const email of POST_REPORTERS) {
            const viewer = byEmail.get(email) ? await viewerById(byEmail.get(email) as string, trx) : null
            if (!viewer) continue
            const result = await reportItem({ actor: viewer, kind: 'discussion_post', targetId: spam.postId, reason: 'spam', details: '', threshold: 3, trx })
            if (!result.ok) throw new Error(`demo post report: ${JSON.stringify(result)}`)
            reports++
          }
        }
      }

      const resource = await trx
        .selectFrom('resources')
        .select(['id', 'authorId'])
        .where('territory', '=', 'calaisis')
        .where('status', '=', 'published')
        .where('visibility', '=', 'public')
        .where('deletedAt', 'is', null)
        .orderBy('slug')
        .executeTakeFirst()
      const already = resource ? await trx.selectFrom('reports').select('id').where('targetId', '=', resource.id).executeTakeFirst() : undefined
      if (resource && !already) {
        const reasons = [
          { reason: 'misinformation', details: 'Le lien vers le dossier de candidature ne fonctionne plus.' },
          { reason: 'other', details: 'Cette fiche fait doublon avec une autre ressource du Calaisis.' },
        ]
        for (const [i, email] of RESOURCE_REPORTERS.entries()) {
          const userId = byEmail.get(email)
          if (!userId || userId === resource.authorId) continue
          const viewer = await viewerById(userId, trx)
          if (!viewer) continue
          const result = await reportItem({ actor: viewer, kind: 'resource', targetId: resource.id, ...reasons[i], threshold: 3, trx })
          if (!result.ok) throw new Error(`demo resource report: ${JSON.stringify(result)}`)
          reports++
        }
      }
    })
    log(`✓ signalements de démonstration : ${reports} signalements créés`)
  },
}
