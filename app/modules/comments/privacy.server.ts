import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import type { Executor } from '#db/client.server.ts'
import { canReadParent } from './comments.policy.ts'
import { loadParent, targetOf } from './comments.server.ts'

// The comments' and reactions' part of a person's data (app/modules/privacy/sections.server.ts): the export, and
// what account deletion does. A comment is exactly as private as what it is on, in the export too: the person's own
// words are always given, the item they are on (title, address) only while the person may still read it.

const GONE = 'un contenu auquel vous n’avez plus accès'

export async function exportPersonComments(userId: string, trx: Executor) {
  const viewer = (await viewerById(userId, trx)) ?? ANONYMOUS
  const comments = await trx
    .selectFrom('comments')
    .select(['id', 'resourceId', 'eventId', 'parentId', 'bodyText', 'createdAt', 'editedAt', 'deletedAt', 'hiddenAt'])
    .where('authorId', '=', userId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  const commentaires = []
  for (const c of comments) {
    const loaded = await loadParent(targetOf(c), trx)
    const readable = loaded !== null && canReadParent(viewer, loaded.parent)
    commentaires.push({
      sur: readable ? { type: loaded.target.kind === 'resource' ? 'ressource' : 'événement', titre: loaded.title, lien: loaded.href } : GONE,
      reponse: c.parentId !== null,
      texte: c.bodyText,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      deletedAt: c.deletedAt,
      masqueParLaCoordination: c.hiddenAt !== null,
    })
  }
  const reactions = await trx
    .selectFrom('resourceReactions')
    .leftJoin('structures', 'structures.id', 'resourceReactions.structureId')
    .select(['resourceReactions.resourceId', 'resourceReactions.kind', 'structures.name as structure', 'resourceReactions.createdAt'])
    .where('resourceReactions.userId', '=', userId)
    .orderBy('resourceReactions.createdAt')
    .execute()
  const reactionsOut = []
  for (const r of reactions) {
    const loaded = await loadParent({ kind: 'resource', id: r.resourceId }, trx)
    const readable = loaded !== null && canReadParent(viewer, loaded.parent)
    reactionsOut.push({
      reaction: r.kind === 'useful' ? 'Utile' : 'Je l’ai testé',
      ressource: readable ? { titre: loaded.title, lien: loaded.href } : GONE,
      auNomDe: r.structure,
      createdAt: r.createdAt,
    })
  }
  return { commentaires, reactions: reactionsOut }
}

/** On account deletion: comments stay, anonymised (« Compte supprimé »); reactions go. */
export async function erasePersonComments(userId: string, trx: Executor) {
  await trx.updateTable('comments').set({ authorId: null }).where('authorId', '=', userId).execute()
  await trx.updateTable('comments').set({ hiddenBy: null }).where('hiddenBy', '=', userId).execute()
  await trx.deleteFrom('resourceReactions').where('userId', '=', userId).execute()
}
