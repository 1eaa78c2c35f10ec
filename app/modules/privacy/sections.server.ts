import type { Transaction } from 'kysely'
import { type Executor, db } from '#db/client.server.ts'
import type { Database } from '#db/schema.ts'
import { eraseAuthoredResources, exportPersonResources } from '#app/modules/resources/resources.server.ts'
import { erasePersonComments, exportPersonComments } from '#app/modules/comments/privacy.server.ts'
import { exportFollows } from '#app/modules/follows/follows.server.ts'
import { exportNotifications } from '#app/modules/notifications/notifications.server.ts'
import { exportEmailSettings } from '#app/modules/notifications/email-settings.server.ts'

// The registry of personal data, one entry per domain. A domain that stores something about a person adds one
// entry here: what goes into their export (/compte/export), and what to erase or anonymise when they delete their
// account (/compte/supprimer), before the `users` row itself is deleted (whose foreign keys cascade or set null).
//
// Later domains (comments, reactions…) add their entry to PRIVACY_SECTIONS below.

export type PrivacySection = {
  /** Key of the section in the export JSON. */
  key: string
  /** Everything this domain holds about the person, as plain JSON. */
  export: (userId: string, trx: Executor) => Promise<unknown>
  /** Erases or anonymises this domain's personal data, inside the deletion transaction. */
  erase?: (user: { id: string; email: string; name: string }, trx: Transaction<Database>) => Promise<void>
}

const account: PrivacySection = {
  key: 'compte',
  export: async (userId, trx) =>
    trx
      .selectFrom('users')
      .leftJoin('territories', 'territories.id', 'users.territoryId')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.role',
        'users.emailVerifiedAt',
        'users.charterAcceptedAt',
        'territories.name as territory',
        'users.createdAt',
        'users.updatedAt',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirst(),
  erase: async (user, trx) => {
    // Emails addressed to the person (their name and address are in them).
    await trx.deleteFrom('emailOutbox').where('toAddress', '=', user.email).execute()
  },
}

const sessions: PrivacySection = {
  key: 'sessions',
  export: async (userId, trx) =>
    trx
      .selectFrom('sessions')
      .select(['id', 'userAgent as device', 'createdAt', 'lastSeenAt', 'expiresAt'])
      .where('userId', '=', userId)
      .orderBy('createdAt')
      .execute(),
}

const profile: PrivacySection = {
  key: 'profil',
  export: async (userId, trx) =>
    (await trx.selectFrom('profiles').select(['slug', 'bio', 'visibility', 'updatedAt']).where('userId', '=', userId).executeTakeFirst()) ??
    null,
}

const memberships: PrivacySection = {
  key: 'structures',
  export: async (userId, trx) => ({
    adhesions: await trx
      .selectFrom('structureMembers')
      .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
      .select(['structures.name as structure', 'structures.slug', 'structureMembers.role', 'structureMembers.joinedAt'])
      .where('structureMembers.userId', '=', userId)
      .execute(),
    demandesAdhesion: await trx
      .selectFrom('structureJoinRequests')
      .innerJoin('structures', 'structures.id', 'structureJoinRequests.structureId')
      .select(['structures.name as structure', 'structureJoinRequests.message', 'structureJoinRequests.status', 'structureJoinRequests.createdAt', 'structureJoinRequests.decidedAt'])
      .where('structureJoinRequests.userId', '=', userId)
      .execute(),
    invitationsEnvoyees: await trx
      .selectFrom('structureInvitations')
      .innerJoin('structures', 'structures.id', 'structureInvitations.structureId')
      .select(['structures.name as structure', 'structureInvitations.email', 'structureInvitations.role', 'structureInvitations.createdAt', 'structureInvitations.usedAt'])
      .where('structureInvitations.invitedBy', '=', userId)
      .execute(),
    chartesSignees: await trx
      .selectFrom('structures')
      .select(['name as structure', 'charterSignedAt'])
      .where('charterSignedBy', '=', userId)
      .execute(),
  }),
  erase: async (user, trx) => {
    // Invitations sent to the person's address (the address itself is personal data).
    await trx.deleteFrom('structureInvitations').where('email', '=', user.email).execute()
    // Our copies of the notifications that named the person to a structure's owners (join request, joined, left).
    await trx
      .deleteFrom('emailOutbox')
      .where('template', 'in', ['structure-join-request', 'structure-member-joined', 'structure-member-left'])
      .where('textBody', 'like', `%${user.name.replace(/[%_\\]/g, '')}%`)
      .execute()
    // Invitations they sent keep existing for the structure, without the inviter (FK set null); the addresses they
    // typed belong to the invitees.
  },
}

const emailChanges: PrivacySection = {
  key: 'changementsAdresse',
  export: async (userId, trx) =>
    trx.selectFrom('emailChangeRequests').select(['newEmail', 'createdAt', 'expiresAt', 'usedAt']).where('userId', '=', userId).execute(),
}

const resources: PrivacySection = {
  key: 'ressources',
  export: (userId, trx) => exportPersonResources(userId, trx),
  erase: async (user, trx) => {
    // Resources of no structure go (and leave search); a structure's resources stay, signed « Ancien membre ».
    await eraseAuthoredResources(user.id, trx)
  },
}

const groups: PrivacySection = {
  key: 'groupes',
  export: async (userId, trx) => ({
    adhesions: await trx
      .selectFrom('groupMemberships')
      .innerJoin('groups', 'groups.id', 'groupMemberships.groupId')
      .select(['groups.name as groupe', 'groups.slug', 'groupMemberships.role', 'groupMemberships.joinedAt'])
      .where('groupMemberships.userId', '=', userId)
      .execute(),
    demandesAdhesion: await trx
      .selectFrom('groupJoinRequests')
      .innerJoin('groups', 'groups.id', 'groupJoinRequests.groupId')
      .select(['groups.name as groupe', 'groupJoinRequests.message', 'groupJoinRequests.status', 'groupJoinRequests.createdAt', 'groupJoinRequests.decidedAt', 'groupJoinRequests.decisionMessage'])
      .where('groupJoinRequests.userId', '=', userId)
      .execute(),
    invitationsEnvoyees: await trx
      .selectFrom('groupInvitations')
      .innerJoin('groups', 'groups.id', 'groupInvitations.groupId')
      .select(['groups.name as groupe', 'groupInvitations.email', 'groupInvitations.role', 'groupInvitations.createdAt', 'groupInvitations.usedAt'])
      .where('groupInvitations.invitedBy', '=', userId)
      .execute(),
    exclusions: await trx
      .selectFrom('groupBlocks')
      .innerJoin('groups', 'groups.id', 'groupBlocks.groupId')
      .select(['groups.name as groupe', 'groupBlocks.blockedAt', 'groupBlocks.reason'])
      .where('groupBlocks.userId', '=', userId)
      .execute(),
  }),
  erase: async (user, trx) => {
    // Invitations sent to the person's address; our copies of the emails that named them to coordinators.
    await trx.deleteFrom('groupInvitations').where('email', '=', user.email).execute()
    await trx
      .deleteFrom('emailOutbox')
      .where('template', '=', 'group-join-request')
      .where('textBody', 'like', `%${user.name.replace(/[%_\\]/g, '')}%`)
      .execute()
    // Memberships, requests and blocks go with the account (foreign keys cascade).
  },
}

const discussions: PrivacySection = {
  key: 'discussions',
  export: async (userId, trx) => ({
    discussionsOuvertes: await trx
      .selectFrom('discussionThreads')
      .innerJoin('groups', 'groups.id', 'discussionThreads.groupId')
      .select(['groups.name as groupe', 'discussionThreads.title', 'discussionThreads.bodyText as texte', 'discussionThreads.createdAt', 'discussionThreads.editedAt', 'discussionThreads.deletedAt'])
      .where('discussionThreads.authorId', '=', userId)
      .orderBy('discussionThreads.createdAt')
      .execute(),
    reponses: await trx
      .selectFrom('discussionPosts')
      .innerJoin('discussionThreads', 'discussionThreads.id', 'discussionPosts.threadId')
      .select(['discussionThreads.title as discussion', 'discussionPosts.bodyText as texte', 'discussionPosts.createdAt', 'discussionPosts.editedAt', 'discussionPosts.deletedAt'])
      .where('discussionPosts.authorId', '=', userId)
      .orderBy('discussionPosts.createdAt')
      .execute(),
  }),
  // A group's discussions stay, as a structure's resources do, signed « Ancien membre » (authors set null by the
  // foreign keys); mentions of the person go with the account (cascade).
}

const agenda: PrivacySection = {
  key: 'agenda',
  export: async (userId, trx) => ({
    inscriptions: await trx
      .selectFrom('eventRegistrations')
      .innerJoin('events', 'events.id', 'eventRegistrations.eventId')
      .select(['events.title as evenement', 'events.startsAt', 'eventRegistrations.state', 'eventRegistrations.position', 'eventRegistrations.createdAt', 'eventRegistrations.promotedAt', 'eventRegistrations.cancelledAt'])
      .where('eventRegistrations.userId', '=', userId)
      .orderBy('eventRegistrations.createdAt')
      .execute(),
    // Only that a private calendar link exists and when it was used: the token itself is kept as a hash, never shown.
    lienCalendrierPrive: await trx.selectFrom('eventFeedTokens').select(['createdAt', 'lastUsedAt']).where('userId', '=', userId).executeTakeFirst() ?? null,
  }),
  // Registrations and the feed token go with the account (foreign keys cascade); events they created stay with their
  // organiser (a group or a structure).
}

const comments: PrivacySection = {
  key: 'commentaires',
  // Comments (with what they are on, while the person may still read it) and reactions (issue 17).
  export: (userId, trx) => exportPersonComments(userId, trx),
  // Comments stay, anonymised (« Compte supprimé »); reactions go.
  erase: (user, trx) => erasePersonComments(user.id, trx),
}

const following: PrivacySection = {
  key: 'abonnementsEtNotifications',
  export: async (userId, trx) => ({
    abonnements: await exportFollows(userId, trx),
    notifications: await exportNotifications(userId, trx),
    courrielsDeNotifications: await exportEmailSettings(userId, trx),
  }),
  // Follows, notifications, email settings and digest runs go with the account (foreign keys cascade). Outbox events already fanned out that name
  // the person (a reply to them, a decision about them) are deleted; a pending one finds no account and tells nobody.
  erase: async (user, trx) => {
    await trx.deleteFrom('notificationOutbox').where('status', '<>', 'pending').where('payloadJson', 'like', `%${user.id}%`).execute()
  },
}

export const PRIVACY_SECTIONS: PrivacySection[] = [
  account,
  profile,
  sessions,
  memberships,
  groups,
  discussions,
  agenda,
  emailChanges,
  resources,
  comments,
  following,
]

/** Everything Essaim holds about a person, section by section. */
export async function buildPersonalDataExport(userId: string, options: { now?: Date; trx?: Executor } = {}) {
  const trx = options.trx ?? db
  const sections: Record<string, unknown> = {}
  for (const section of PRIVACY_SECTIONS) sections[section.key] = await section.export(userId, trx)
  return {
    format: 'essaim-export-v1',
    exportedAt: (options.now ?? new Date()).toISOString(),
    ...sections,
  }
}
