import { TZDate } from '@date-fns/tz'
import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import type { DemoSeeder } from './index.ts'

// Demo agenda (issue 13): the two yearly CDESS plenaries, territorial working sessions, trainings, a network meeting
// online, past and upcoming events, and one full training with a waiting list. Dates are relative to the first start,
// so « upcoming » stays upcoming; times are Paris wall-clock times. Idempotent: an event is found again by its title.

type Organiser = { territorySlug: string } | { thematic: string }

type DemoEvent = {
  title: string
  paragraphs: string[]
  kind: 'pleniere-cdess' | 'seance-territoriale' | 'formation' | 'reunion-reseau' | 'autre'
  organiser: Organiser
  /** Days from the first start (negative: past), or a fixed day of the year (the next one to come). */
  when: { inDays: number } | { nextMonthDay: [month: number, day: number] }
  hours: [start: number, end: number]
  commune?: string
  address?: string
  onlineUrl?: string
  territorySlug?: string
  capacity?: number
  visibility: 'public' | 'members' | 'group'
  /** Demo accounts registered, in this order (beyond the capacity, they wait). */
  registrants?: string[]
}

const USERS = {
  admin: 'admin@essaim.test',
  sophie: 'sophie.lefebvre@essaim.test',
  karim: 'karim.benali@essaim.test',
  julie: 'julie.dupont@essaim.test',
  thomas: 'thomas.delattre@essaim.test',
  nadia: 'nadia.morel@essaim.test',
  pierre: 'pierre.caron@essaim.test',
  emma: 'emma.lemaire@essaim.test',
  lucas: 'lucas.wallart@essaim.test',
}

export const DEMO_EVENTS: DemoEvent[] = [
  {
    title: 'Plénière de printemps du CDESS',
    paragraphs: [
      'La séance plénière du Conseil départemental de l’économie sociale et solidaire : bilan des appels à projets, feuille de route de l’année, parole aux territoires.',
      'Ouverte à tous les acteurs de l’ESS du Pas-de-Calais, sur inscription.',
    ],
    kind: 'pleniere-cdess',
    organiser: { territorySlug: 'arrageois' },
    when: { nextMonthDay: [4, 15] },
    hours: [9, 12],
    commune: '62041',
    address: 'Hôtel du Département, rue Ferdinand-Buisson',
    capacity: 150,
    visibility: 'public',
    registrants: [USERS.sophie, USERS.karim, USERS.thomas],
  },
  {
    title: 'Plénière d’automne du CDESS',
    paragraphs: ['La seconde plénière de l’année : les initiatives remarquables des neuf territoires et le calendrier des fonds européens.'],
    kind: 'pleniere-cdess',
    organiser: { territorySlug: 'arrageois' },
    when: { nextMonthDay: [10, 14] },
    hours: [14, 17],
    commune: '62041',
    address: 'Hôtel du Département, rue Ferdinand-Buisson',
    capacity: 150,
    visibility: 'public',
  },
  {
    title: 'Séance de travail du Calaisis : mobilité solidaire',
    paragraphs: ['Séance réservée aux membres du groupe du Calaisis : mutualiser les véhicules des épiceries solidaires et des chantiers d’insertion.'],
    kind: 'seance-territoriale',
    organiser: { territorySlug: 'calaisis' },
    when: { inDays: 12 },
    hours: [14, 17],
    commune: '62193',
    address: 'Maison de la vie associative, 35 boulevard Jacquard',
    capacity: 10,
    visibility: 'group',
    registrants: [USERS.karim, USERS.julie],
  },
  {
    title: 'Atelier : monter un dossier FSE+ pas à pas',
    paragraphs: [
      'Un atelier pratique pour déposer un dossier au FSE+ : éligibilité, budget, indicateurs, justificatifs.',
      'Places limitées : une liste d’attente prend le relais quand l’atelier est complet.',
    ],
    kind: 'formation',
    organiser: { thematic: 'Fonds européens' },
    when: { inDays: 20 },
    hours: [9, 12],
    commune: '62498',
    address: 'Espace associatif, place Jean-Jaurès',
    capacity: 5,
    visibility: 'public',
    registrants: [USERS.pierre, USERS.sophie, USERS.nadia, USERS.lucas, USERS.emma, USERS.thomas, USERS.julie],
  },
  {
    title: 'Réunion du réseau des tiers-lieux',
    paragraphs: ['Rencontre en ligne des tiers-lieux du département : outils partagés, calendrier commun, accueil des nouveaux lieux.'],
    kind: 'reunion-reseau',
    organiser: { thematic: 'Tiers-lieux' },
    when: { inDays: 30 },
    hours: [18, 19],
    onlineUrl: 'https://visio.exemple.fr/tiers-lieux-62',
    visibility: 'members',
  },
  {
    title: 'Séance de travail du Boulonnais : circuits courts',
    paragraphs: ['Les producteurs et les structures d’insertion du Boulonnais ont fait le point sur les circuits courts.'],
    kind: 'seance-territoriale',
    organiser: { territorySlug: 'boulonnais' },
    when: { inDays: -21 },
    hours: [9, 12],
    commune: '62160',
    address: 'Maison des associations, rue de la Lampe',
    visibility: 'public',
  },
]

const PARIS = 'Europe/Paris'

/** The event's day in Paris: in N days, or the next given month and day to come. */
function dayOf(event: DemoEvent, now: Date): { year: number; month: number; day: number } {
  const today = new TZDate(now, PARIS)
  if ('inDays' in event.when) {
    const day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + event.when.inDays, 12, 0, 0, PARIS)
    return { year: day.getFullYear(), month: day.getMonth(), day: day.getDate() }
  }
  const [month, day] = event.when.nextMonthDay
  const thisYear = new TZDate(today.getFullYear(), month - 1, day, 0, 0, 0, PARIS)
  return { year: thisYear.getTime() > now.getTime() ? today.getFullYear() : today.getFullYear() + 1, month: month - 1, day }
}

export function demoEventTimes(event: DemoEvent, now: Date): { startsAt: string; endsAt: string } {
  const { year, month, day } = dayOf(event, now)
  return {
    startsAt: new TZDate(year, month, day, event.hours[0], 0, 0, PARIS).toISOString(),
    endsAt: new TZDate(year, month, day, event.hours[1], 0, 0, PARIS).toISOString(),
  }
}

const doc = (paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
})

export const eventsSeeder: DemoSeeder = {
  name: 'events',
  async seed(db: Kysely<Database>, log) {
    const { createEvent } = await import('../../../app/modules/events/events.server.ts')
    const { register } = await import('../../../app/modules/events/registrations.server.ts')
    const { systemActor } = await import('../../../app/modules/auth/viewer.ts')
    const actor = systemActor('données de démonstration')
    const now = new Date()
    const users = new Map((await db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id]))
    let created = 0
    await db.transaction().execute(async (trx) => {
      for (const event of DEMO_EVENTS) {
        if (await trx.selectFrom('events').select('id').where('title', '=', event.title).executeTakeFirst()) continue
        const group = await ('territorySlug' in event.organiser
          ? trx.selectFrom('groups').select(['id', 'territorySlug']).where('territorySlug', '=', event.organiser.territorySlug)
          : trx.selectFrom('groups').select(['id', 'territorySlug']).where('kind', '=', 'thematic').where('name', '=', event.organiser.thematic)
        ).executeTakeFirst()
        if (!group) continue
        const result = await createEvent({
          actor,
          trx,
          input: {
            title: event.title,
            description: doc(event.paragraphs),
            ...demoEventTimes(event, now),
            communeInsee: event.commune ?? null,
            address: event.address ?? '',
            onlineUrl: event.onlineUrl ?? null,
            groupId: group.id,
            // The commune's territory when there is a place; else the organising group's (none: department-wide).
            territorySlug: event.territorySlug ?? (event.commune ? null : group.territorySlug),
            kind: event.kind,
            capacity: event.capacity ?? null,
            visibility: event.visibility,
            groupIds: event.visibility === 'group' ? [group.id] : [],
          },
        })
        if (!result.ok) throw new Error(`demo event ${event.title}: ${JSON.stringify(result)}`)
        created++
        for (const email of event.registrants ?? []) {
          const userId = users.get(email)
          if (!userId) continue
          const registered = await register({ eventId: result.event.id, actor, userId, trx })
          if (!registered.ok) throw new Error(`demo registration ${email} → ${event.title}: ${JSON.stringify(registered)}`)
        }
      }
    })
    log(`Agenda de démonstration : ${created} événement${created >= 2 ? 's' : ''} ajouté${created >= 2 ? 's' : ''}.`)
  },
}
