import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import type { DemoSeeder } from './index.ts'

// Demo groups (issue 12): three thematic groups, coordinators for four territories and the thematic groups, every demo
// account a member of its territory's group, a few thematic memberships, and one pending request in the Calaisis
// (whose group is « sur demande » in the demo, so its coordinator has a request to decide). Everything goes through
// the groups module (audit rows included) and is idempotent: a second run changes nothing.

type DemoThematicGroup = { name: string; description: string; joinPolicy: 'open' | 'request' }

export const DEMO_THEMATIC_GROUPS: DemoThematicGroup[] = [
  {
    name: 'Fonds européens',
    description:
      'Monter et gérer un dossier FSE+, FEDER, LEADER ou Erasmus+ : appels ouverts, retours d’expérience, relecture entre pairs.',
    joinPolicy: 'request',
  },
  {
    name: 'Tiers-lieux',
    description: 'Les tiers-lieux du Pas-de-Calais : modèles économiques, gouvernance, animation et mutualisation.',
    joinPolicy: 'open',
  },
  {
    name: 'Alimentation durable',
    description: 'Circuits courts, restauration collective, aide alimentaire digne : les projets alimentaires des territoires.',
    joinPolicy: 'open',
  },
]

/** Coordinators by group (territory slug or thematic group name) → demo account email. */
export const DEMO_COORDINATORS: Record<string, string> = {
  calaisis: 'karim.benali@essaim.test',
  'lens-lievin': 'sophie.lefebvre@essaim.test',
  boulonnais: 'julie.dupont@essaim.test',
  audomarois: 'thomas.delattre@essaim.test',
  'Fonds européens': 'pierre.caron@essaim.test',
  'Tiers-lieux': 'lucas.wallart@essaim.test',
  'Alimentation durable': 'nadia.morel@essaim.test',
}

/** Thematic memberships beyond the coordinators. */
const DEMO_THEMATIC_MEMBERS: [group: string, email: string][] = [
  ['Fonds européens', 'sophie.lefebvre@essaim.test'],
  ['Fonds européens', 'admin@essaim.test'],
  ['Tiers-lieux', 'julie.dupont@essaim.test'],
  ['Tiers-lieux', 'karim.benali@essaim.test'],
  ['Alimentation durable', 'emma.lemaire@essaim.test'],
  ['Alimentation durable', 'thomas.delattre@essaim.test'],
]

/** The pending request in the Calaisis: a person of the Artois asks to join. */
export const DEMO_CALAISIS_REQUEST = {
  email: 'emma.lemaire@essaim.test',
  message:
    'Bonjour, j’accompagne des recycleries dans l’Artois et nous montons un projet de réemploi textile avec des structures du Calaisis : je souhaiterais suivre vos échanges.',
}

export const groupsSeeder: DemoSeeder = {
  name: 'groups',
  async seed(db: Kysely<Database>, log) {
    const { createGroup, getGroupBySlug, updateGroup } = await import('../../../app/modules/groups/groups.server.ts')
    const { addMember, requestToJoin } = await import('../../../app/modules/groups/memberships.server.ts')
    const { personViewer, systemActor } = await import('../../../app/modules/auth/viewer.ts')
    const actor = systemActor('données de démonstration')
    const users = await db.selectFrom('users').select(['id', 'email', 'role', 'emailVerifiedAt', 'territoryId']).execute()
    const byEmail = new Map(users.map((u) => [u.email, u]))
    let createdGroups = 0
    let added = 0
    await db.transaction().execute(async (trx) => {
      const groupIds = new Map<string, string>()
      for (const group of DEMO_THEMATIC_GROUPS) {
        const existing = await trx.selectFrom('groups').select('id').where('name', '=', group.name).where('kind', '=', 'thematic').executeTakeFirst()
        if (existing) {
          groupIds.set(group.name, existing.id)
          continue
        }
        const result = await createGroup({ actor, input: { ...group, pageVisibility: 'public', hidden: false }, trx })
        if (!result.ok) throw new Error(`demo group ${group.name}: ${JSON.stringify(result)}`)
        groupIds.set(group.name, result.group.id)
        createdGroups++
      }
      const territoryGroups = await trx.selectFrom('groups').select(['id', 'territorySlug']).where('kind', '=', 'territory').execute()
      for (const group of territoryGroups) if (group.territorySlug) groupIds.set(group.territorySlug, group.id)

      const add = async (key: string, email: string, role: 'member' | 'coordinator') => {
        const groupId = groupIds.get(key)
        const user = byEmail.get(email)
        if (!groupId || !user) return
        const result = await addMember({ groupId, userId: user.id, role, actor, trx })
        if (!result.ok) throw new Error(`demo membership ${key} ${email}: ${JSON.stringify(result)}`)
        if (result.outcome === 'added') added++
      }
      for (const [key, email] of Object.entries(DEMO_COORDINATORS)) await add(key, email, 'coordinator')
      // Every demo account belongs to the group of its territory (the coordinators already do).
      for (const user of users) {
        if (!user.territoryId || DEMO_COORDINATORS[user.territoryId] === user.email) continue
        await add(user.territoryId, user.email, 'member')
      }
      for (const [key, email] of DEMO_THEMATIC_MEMBERS) if (DEMO_COORDINATORS[key] !== email) await add(key, email, 'member')

      // The Calaisis decides on requests in the demo, and has one waiting.
      const calaisis = await getGroupBySlug('calaisis', trx)
      const requester = byEmail.get(DEMO_CALAISIS_REQUEST.email)
      if (calaisis && requester) {
        const alreadyAsked = await trx.selectFrom('groupJoinRequests').select('id').where('groupId', '=', calaisis.id).where('userId', '=', requester.id).executeTakeFirst()
        if (!alreadyAsked) {
          if (calaisis.joinPolicy === 'open') {
            const result = await updateGroup({
              id: calaisis.id,
              expectedVersion: calaisis.version,
              input: { name: calaisis.name, description: calaisis.description, joinPolicy: 'request', pageVisibility: calaisis.pageVisibility, hidden: false },
              actor,
              trx,
            })
            if (!result.ok) throw new Error(`demo Calaisis policy: ${JSON.stringify(result)}`)
          }
          const result = await requestToJoin({ groupId: calaisis.id, actor: personViewer(requester), message: DEMO_CALAISIS_REQUEST.message, trx })
          if (!result.ok && result.reason !== 'already-member') throw new Error(`demo Calaisis request: ${JSON.stringify(result)}`)
        }
      }
    })
    log(`✓ groupes de démonstration : ${createdGroups} groupes thématiques créés, ${added} adhésions ajoutées`)
  },
}
