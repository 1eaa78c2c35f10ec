import { db } from '#db/client.server.ts'
import { seedDemoData } from '#db/seed/seed.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { systemActor } from '#app/modules/auth/viewer.ts'
import { createThread } from '#app/modules/discussions/discussions.server.ts'
import { rotateFeedToken } from '#app/modules/events/feeds.server.ts'
import { inviteByEmail } from '#app/modules/groups/memberships.server.ts'
import { COVER_WIDTHS } from '#app/modules/groups/cover.ts'
import { setGroupCover } from '#app/modules/groups/settings.server.ts'
import { INDICATOR_TABLES } from '#app/modules/indicators/indicators.ts'
import { ensureProfile } from '#app/modules/people/people.server.ts'
import { LOGO_SIZES } from '#app/modules/structures/logo.ts'
import { setStructureLogo } from '#app/modules/structures/logo.server.ts'
import { inviteMember } from '#app/modules/structures/memberships.server.ts'
import { saveUpload } from '#app/modules/uploads/uploads.server.ts'
import sharp from 'sharp'
import { createTestEvent } from '#tests/factories/events.ts'
import { addTestGroupMember, createTestGroup, restrictToGroup } from '#tests/factories/group-pages.ts'
import { createTestResource } from '#tests/factories/resources.ts'
import { actorOf } from '#tests/factories/structures.ts'
import { createTestUser } from '#tests/factories/users.ts'

export type ViewerName = 'anonyme' | 'membre' | 'coordination' | 'admin'
export const VIEWERS: readonly ViewerName[] = ['anonyme', 'membre', 'coordination', 'admin']

/** Something only some may see: its address, its title (absent from the body of a 404), who may and who may not. */
export type PrivateItem = {
  what: string
  url: string
  /** The same address for something that does not exist. */
  missingUrl: string
  title: string
  /** Who reads it (null: nobody through this address, e.g. a draft in the public API). */
  seenBy: ViewerName | 'auteur' | null
  hiddenFrom: ViewerName[]
}

export type CrawlData = {
  cookies: Record<ViewerName, string | undefined>
  authorCookie: string
  /** Route pattern → the values of its dynamic segments (one set per pattern). */
  fillers: Record<string, Record<string, string>>
  privateItems: PrivateItem[]
}

const one = async <T>(promise: Promise<T | undefined>, what: string): Promise<T> => {
  const value = await promise
  if (value === undefined) throw new Error(`crawl data: no ${what}`)
  return value
}

/**
 * The demo data (every kind of content, as a newcomer sees it after `npm start`), the four viewers, and private
 * content the crawl must not leak: a draft, a private group with its resource, thread and event.
 */
export async function createCrawlData(): Promise<CrawlData> {
  await seedDemoData(db)
  const member = await createTestUser({ name: 'Membre Ordinaire' })
  const coordinator = await createTestUser({ name: 'Coordinatrice Privée' })
  const admin = await createTestUser({ name: 'Admin Réseau', role: 'admin' })
  const author = await createTestUser({ name: 'Autrice Discrète' })
  const cookie = async (user: { id: string }) => `essaim_session=${(await createSession(user.id)).token}`

  // A private group (invitation only, page for its members), coordinated by `coordinator`; `author` is a member.
  const privateGroup = await createTestGroup({ name: 'Cercle confidentiel Zorbaquux', hidden: true, pageVisibility: 'members' })
  await addTestGroupMember(privateGroup.id, coordinator.id, 'coordinator')
  await addTestGroupMember(privateGroup.id, author.id, 'member')
  const draft = await createTestResource({ author, status: 'draft', overrides: { title: 'Brouillon secret Plinkfrobnic' } })
  const groupResource = await createTestResource({ author, overrides: { title: 'Ressource du cercle Quaxtrombol' } })
  await restrictToGroup(groupResource.id, privateGroup.id)
  const membersResource = await createTestResource({ author, visibility: 'members', overrides: { title: 'Réservé aux membres Glorptastic' } })
  const thread = await createThread({
    actor: await actorOf(author),
    groupId: privateGroup.id,
    title: 'Fil confidentiel Wuzzlegrip',
    body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Entre nous.' }] }] }),
  })
  if (!thread.ok) throw new Error(`crawl data: thread ${JSON.stringify(thread)}`)
  const groupEvent = await createTestEvent({ title: 'Réunion confidentielle Snorfwiggle', groupId: privateGroup.id, visibility: 'group', groupIds: [privateGroup.id] })

  // Tokens and ids only the database knows.
  const structure = await one(db.selectFrom('structures').select(['id', 'slug']).orderBy('name').executeTakeFirst(), 'structure')
  const structureInvite = await inviteMember({ structureId: structure.id, actor: systemActor('crawl'), email: 'invitee-structure@exemple.fr', role: 'member' })
  if (!structureInvite.ok) throw new Error(`crawl data: structure invitation ${JSON.stringify(structureInvite)}`)
  const groupInvite = await inviteByEmail({ groupId: privateGroup.id, actor: await actorOf(coordinator), email: 'invitee-groupe@exemple.fr' })
  if (!groupInvite.ok) throw new Error(`crawl data: group invitation ${JSON.stringify(groupInvite)}`)
  const feedToken = await rotateFeedToken({ userId: member.id })
  const profile = await ensureProfile(member)

  const publicResource = await one(
    db.selectFrom('resources').select(['id', 'slug']).where('status', '=', 'published').where('visibility', '=', 'public').orderBy('createdAt').executeTakeFirst(),
    'published public resource',
  )
  const publicGroup = await one(db.selectFrom('groups').select('slug').where('kind', '=', 'thematic').where('hidden', '=', 0).orderBy('name').executeTakeFirst(), 'public group')
  const territory = await one(db.selectFrom('territories').select('slug').orderBy('slug').executeTakeFirst(), 'territory')
  const territoryThread = await one(
    db
      .selectFrom('discussionThreads')
      .innerJoin('groups', 'groups.id', 'discussionThreads.groupId')
      .select(['discussionThreads.id', 'groups.territorySlug'])
      .where('groups.territorySlug', 'is not', null)
      .executeTakeFirst(),
    'territory thread',
  )
  const publicThread = await one(
    db
      .selectFrom('discussionThreads')
      .innerJoin('groups', 'groups.id', 'discussionThreads.groupId')
      .select(['discussionThreads.id', 'groups.slug'])
      .where('groups.kind', '=', 'thematic')
      .where('groups.hidden', '=', 0)
      .where('groups.pageVisibility', '=', 'public')
      .executeTakeFirst(),
    'thematic group thread',
  )
  const post = await one(db.selectFrom('discussionPosts').select('id').where('threadId', '=', publicThread.id).executeTakeFirst(), 'post')
  const comment = await db.selectFrom('comments').select('id').executeTakeFirst()
  const event = await one(db.selectFrom('events').select('id').where('visibility', '=', 'public').executeTakeFirst(), 'public event')
  const pathway = await one(db.selectFrom('pathways').select('slug').where('status', '=', 'published').executeTakeFirst(), 'published pathway')
  const email = await one(db.selectFrom('emailOutbox').select('id').executeTakeFirst(), 'email')
  // Files: an attachment of a public resource, a structure's logo, a public group's cover (the demo data has none).
  const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
  const attachment = await saveUpload({ bytes: pdf, originalName: 'compte-rendu.pdf', uploaderId: admin.id, resourceId: publicResource.id })
  if (!attachment.ok) throw new Error(`crawl data: attachment ${JSON.stringify(attachment)}`)
  const png = new Uint8Array(await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#3a7' } }).png().toBuffer())
  const logo = await setStructureLogo({ structureId: structure.id, bytes: png, actor: systemActor('crawl') })
  if (!logo.ok) throw new Error(`crawl data: logo ${JSON.stringify(logo)}`)
  const publicGroupId = await one(db.selectFrom('groups').select('id').where('slug', '=', publicGroup.slug).executeTakeFirst(), 'public group id')
  const cover = await setGroupCover({ groupId: publicGroupId.id, bytes: png, actor: systemActor('crawl') })
  if (!cover.ok) throw new Error(`crawl data: cover ${JSON.stringify(cover)}`)
  const reportRow = await one(db.selectFrom('reports').select(['id', 'targetKind', 'targetId']).executeTakeFirst(), 'report row')

  const fillers: CrawlData['fillers'] = {
    '/*': { '*': 'adresse-inconnue-du-crawl' },
    // Not a signed token (no dot): the page says the link is not valid, and the Origin check applies to its POST (the
    // one-click exemption and valid tokens are app/routes/desabonnement.test.ts's).
    '/desabonnement/:token': { token: 'lien-invalide-du-crawl' },
    '/agenda/:id': { id: event.id },
    '/agenda/:id.ics': { id: event.id },
    '/agenda/:id/modifier': { id: event.id },
    '/agenda/prive/:token.ics': { token: feedToken },
    '/api/v1/resources/:slug': { slug: publicResource.slug },
    '/dev/emails/:id': { id: email.id },
    '/fichiers/:id/:filename': { id: attachment.attachment.id, filename: attachment.attachment.originalName },
    '/groupes/:slug': { slug: publicGroup.slug },
    '/groupes/:slug/adhesion': { slug: publicGroup.slug },
    '/groupes/:slug/agenda.ics': { slug: publicGroup.slug },
    '/groupes/:slug/coordination': { slug: publicGroup.slug },
    '/groupes/:slug/couverture/:key/:size': { slug: publicGroup.slug, key: cover.key, size: String(COVER_WIDTHS[0]) },
    '/groupes/:slug/discussions': { slug: publicThread.slug },
    '/groupes/:slug/discussions/:id': { slug: publicThread.slug, id: publicThread.id },
    '/groupes/:slug/discussions/nouvelle': { slug: publicThread.slug },
    '/groupes/:slug/evenements': { slug: publicGroup.slug },
    '/groupes/:slug/membres': { slug: publicGroup.slug },
    '/groupes/:slug/parametres': { slug: privateGroup.slug },
    '/groupes/invitations/:token': { token: groupInvite.token },
    '/indicateurs/:table.csv': { table: INDICATOR_TABLES[0].slug },
    '/invitations/:token': { token: structureInvite.token },
    '/membres/:slug': { slug: profile.slug },
    '/moderation/relecture/:id': { id: draft.id },
    '/moderation/revalidation/:slug': { slug: publicResource.slug },
    '/moderation/signalements/:id': { id: reportRow.id },
    '/parcours/:slug': { slug: pathway.slug },
    '/parcours/:slug/modifier': { slug: pathway.slug },
    '/ressources/:slug': { slug: publicResource.slug },
    '/ressources/:slug/brouillon': { slug: publicResource.slug },
    '/ressources/:slug/historique': { slug: publicResource.slug },
    '/ressources/:slug/modifier': { slug: publicResource.slug },
    '/signaler/:kind/:id': comment ? { kind: 'commentaire', id: comment.id } : { kind: 'message', id: post.id },
    '/structures/:slug': { slug: structure.slug },
    '/structures/:slug/logo/:key/:size': { slug: structure.slug, key: logo.key, size: String(LOGO_SIZES[0]) },
    '/structures/:slug/membres': { slug: structure.slug },
    '/structures/:slug/modifier': { slug: structure.slug },
    '/territoires/:slug': { slug: territory.slug },
    '/territoires/:slug/agenda.ics': { slug: territory.slug },
    '/territoires/:slug/coordination': { slug: territory.slug },
    '/territoires/:slug/discussions': { slug: territoryThread.territorySlug ?? territory.slug },
    '/territoires/:slug/discussions/:id': { slug: territoryThread.territorySlug ?? territory.slug, id: territoryThread.id },
    '/territoires/:slug/discussions/nouvelle': { slug: territory.slug },
    '/territoires/:slug/evenements': { slug: territory.slug },
    '/territoires/:slug/membres': { slug: territory.slug },
  }

  const item = (what: string, url: string, id: string, title: string, seenBy: PrivateItem['seenBy'], hiddenFrom: ViewerName[]): PrivateItem => ({
    what,
    url,
    missingUrl: url.replace(id, id === draft.slug || id === groupResource.slug || id === membersResource.slug || id === privateGroup.slug ? 'introuvable-du-crawl' : '00000000000000000000000000'),
    title,
    seenBy,
    hiddenFrom,
  })
  const privateItems: PrivateItem[] = [
    item('un brouillon', `/ressources/${draft.slug}`, draft.slug, 'Plinkfrobnic', 'auteur', ['anonyme', 'membre', 'coordination']),
    item('l’historique d’un brouillon', `/ressources/${draft.slug}/historique`, draft.slug, 'Plinkfrobnic', 'auteur', ['anonyme', 'membre', 'coordination']),
    item('un brouillon par l’API publique', `/api/v1/resources/${draft.slug}`, draft.slug, 'Plinkfrobnic', null, ['anonyme', 'membre', 'coordination', 'admin']),
    item('la ressource d’un groupe privé', `/ressources/${groupResource.slug}`, groupResource.slug, 'Quaxtrombol', 'coordination', ['anonyme', 'membre']),
    item('une ressource réservée aux membres', `/ressources/${membersResource.slug}`, membersResource.slug, 'Glorptastic', 'membre', ['anonyme']),
    item('la page d’un groupe privé', `/groupes/${privateGroup.slug}`, privateGroup.slug, 'Zorbaquux', 'coordination', ['anonyme', 'membre']),
    item('les membres d’un groupe privé', `/groupes/${privateGroup.slug}/membres`, privateGroup.slug, 'Zorbaquux', 'coordination', ['anonyme', 'membre']),
    item('un fil d’un groupe privé', `/groupes/${privateGroup.slug}/discussions/${thread.threadId}`, privateGroup.slug, 'Wuzzlegrip', 'coordination', ['anonyme', 'membre']),
    item('l’événement d’un groupe privé', `/agenda/${groupEvent.id}`, groupEvent.id, 'Snorfwiggle', 'coordination', ['anonyme', 'membre']),
    item('l’agenda .ics d’un événement de groupe privé', `/agenda/${groupEvent.id}.ics`, groupEvent.id, 'Snorfwiggle', 'coordination', ['anonyme', 'membre']),
  ]

  return {
    cookies: { anonyme: undefined, membre: await cookie(member), coordination: await cookie(coordinator), admin: await cookie(admin) },
    authorCookie: await cookie(author),
    fillers,
    privateItems,
  }
}
