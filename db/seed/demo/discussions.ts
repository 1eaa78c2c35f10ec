import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import type { DemoSeeder } from './index.ts'

// Demo discussions (issue 12, item 5): a few threads with replies in the Calaisis and in « Fonds européens », one
// pinned by its coordinator, written in the name of the demo members of those groups. Everything goes through the
// discussions module (as the system actor naming the author); idempotent: a thread whose title already exists in its
// group is left as it is.

type DemoPost = { email: string; paragraphs: string[] }
type DemoThread = { group: { territorySlug: string } | { name: string }; title: string; opening: DemoPost; replies: DemoPost[]; pinned?: boolean }

/** A member of the Boulonnais who follows the Calaisis in the demo, so that its threads have more than one voice. */
export const DEMO_CALAISIS_GUEST = 'julie.dupont@essaim.test'

export const DEMO_THREADS: DemoThread[] = [
  {
    group: { territorySlug: 'calaisis' },
    title: 'Bienvenue dans les discussions du Calaisis',
    pinned: true,
    opening: {
      email: 'karim.benali@essaim.test',
      paragraphs: [
        'Bonjour à toutes et à tous, cet espace sert à nos échanges entre structures du Calaisis : questions, partages d’outils, annonces.',
        'Pour citer quelqu’un, écrivez @ suivi de son prénom et de son nom. Merci de rester dans l’esprit de la charte du réseau.',
      ],
    },
    replies: [{ email: DEMO_CALAISIS_GUEST, paragraphs: ['Merci Karim ! Je suivrai vos échanges depuis le Boulonnais.'] }],
  },
  {
    group: { territorySlug: 'calaisis' },
    title: 'Mutualiser un véhicule pour les distributions alimentaires',
    opening: {
      email: 'karim.benali@essaim.test',
      paragraphs: [
        'Nous cherchons à partager un utilitaire frigorifique entre trois associations pour les distributions du mardi et du jeudi.',
        'Quelqu’un a-t-il déjà monté une convention de mise à disposition de ce type ?',
      ],
    },
    replies: [
      {
        email: DEMO_CALAISIS_GUEST,
        paragraphs: ['Oui, à Boulogne nous avons une convention tripartite avec un planning partagé. Je peux vous transmettre le modèle.'],
      },
      { email: 'karim.benali@essaim.test', paragraphs: ['Avec plaisir, merci @Julie Dupont !'] },
    ],
  },
  {
    group: { name: 'Fonds européens' },
    title: 'Appels à projets FSE+ 2027 : le calendrier',
    pinned: true,
    opening: {
      email: 'pierre.caron@essaim.test',
      paragraphs: [
        'Je rassemble ici les dates des prochains appels à projets FSE+ dans les Hauts-de-France.',
        'Ajoutez en réponse ceux que vous repérez, avec le lien vers l’appel.',
      ],
    },
    replies: [{ email: 'sophie.lefebvre@essaim.test', paragraphs: ['L’appel « Inclusion active » ouvre en février, clôture mi-avril.'] }],
  },
  {
    group: { name: 'Fonds européens' },
    title: 'Relecture d’un dossier LEADER avant dépôt',
    opening: {
      email: 'sophie.lefebvre@essaim.test',
      paragraphs: ['Notre dossier LEADER pour une ressourcerie mobile est presque prêt. Qui aurait une heure pour une relecture croisée la semaine prochaine ?'],
    },
    replies: [
      { email: 'pierre.caron@essaim.test', paragraphs: ['Je peux jeudi après-midi. Pensez à joindre le plan de financement détaillé.'] },
      { email: 'admin@essaim.test', paragraphs: ['Je relis volontiers la partie indicateurs.'] },
    ],
  },
]

const doc = (paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
})

export const discussionsSeeder: DemoSeeder = {
  name: 'discussions',
  async seed(db: Kysely<Database>, log) {
    const { createThread, pinThread, reply } = await import('../../../app/modules/discussions/discussions.server.ts')
    const { addMember } = await import('../../../app/modules/groups/memberships.server.ts')
    const { systemActor } = await import('../../../app/modules/auth/viewer.ts')
    const actor = systemActor('données de démonstration')
    const users = await db.selectFrom('users').select(['id', 'email']).execute()
    const byEmail = new Map(users.map((u) => [u.email, u.id]))
    let created = 0
    await db.transaction().execute(async (trx) => {
      const calaisis = await trx.selectFrom('groups').select('id').where('territorySlug', '=', 'calaisis').executeTakeFirst()
      const guest = byEmail.get(DEMO_CALAISIS_GUEST)
      if (calaisis && guest) {
        const result = await addMember({ groupId: calaisis.id, userId: guest, role: 'member', actor, trx })
        if (!result.ok) throw new Error(`demo discussions, Calaisis guest: ${JSON.stringify(result)}`)
      }
      for (const thread of DEMO_THREADS) {
        const group = await ('territorySlug' in thread.group
          ? trx.selectFrom('groups').select('id').where('territorySlug', '=', thread.group.territorySlug)
          : trx.selectFrom('groups').select('id').where('kind', '=', 'thematic').where('name', '=', thread.group.name)
        ).executeTakeFirst()
        const authorId = byEmail.get(thread.opening.email)
        if (!group || !authorId) continue
        const existing = await trx.selectFrom('discussionThreads').select('id').where('groupId', '=', group.id).where('title', '=', thread.title).executeTakeFirst()
        if (existing) continue
        const opened = await createThread({ actor, authorId, groupId: group.id, title: thread.title, body: doc(thread.opening.paragraphs), trx })
        if (!opened.ok) throw new Error(`demo thread ${thread.title}: ${JSON.stringify(opened)}`)
        for (const post of thread.replies) {
          const replyAuthor = byEmail.get(post.email)
          if (!replyAuthor) continue
          const replied = await reply({ actor, authorId: replyAuthor, threadId: opened.threadId, body: doc(post.paragraphs), trx })
          if (!replied.ok) throw new Error(`demo reply in ${thread.title}: ${JSON.stringify(replied)}`)
        }
        if (thread.pinned) {
          const pinned = await pinThread({ actor, threadId: opened.threadId, trx })
          if (!pinned.ok) throw new Error(`demo pin ${thread.title}: ${JSON.stringify(pinned)}`)
        }
        created++
      }
    })
    log(`✓ discussions de démonstration : ${created} discussions créées`)
  },
}
