import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import { DEMO_COORDINATORS } from './groups.ts'
import type { DemoSeeder } from './index.ts'

// Four demo pathways for newcomers in the Pas-de-Calais (issue 15). Steps point to demo resources and events, found by
// a fragment of their title (the demo titles carry the town), to outside sites of reference, or both. Idempotent: a
// pathway is found again by its title. Runs after resources and events.

type DemoStep = { resource: string } | { event: string } | { url: string; title: string }
type DemoPathway = {
  title: string
  intro: string[]
  nextSteps: string
  territorySlug: string | null
  /** Maintained by this group (territory slug or thematic group name), whose coordinator is the contact. */
  group: string
  steps: (DemoStep & { note: string })[]
}

export const DEMO_PATHWAYS: DemoPathway[] = [
  {
    title: 'Créer son association',
    intro: [
      'Vous avez une idée, quelques personnes motivées, et l’envie d’agir ensemble ? Ce parcours vous guide de la première réunion à la déclaration en préfecture, puis vers vos premiers soutiens.',
      'Comptez quelques semaines : rien ne presse, mieux vaut des statuts que tout le monde comprend.',
    ],
    nextSteps: 'Une fois l’association déclarée, présentez-la dans l’annuaire des structures et rejoignez le groupe de votre territoire : d’autres y sont passés avant vous.\n\nPour vos premiers financements, suivez le parcours « Monter un dossier FSE+ ».',
    territorySlug: null,
    group: 'calaisis',
    steps: [
      { url: 'https://www.associations.gouv.fr/creer-son-association.html', title: 'Les étapes de la création, sur associations.gouv.fr', note: 'Le guide officiel : objet, statuts, assemblée constitutive. Lisez-le avant de réunir les fondateurs.' },
      { resource: 'Recruter et fidéliser les bénévoles', note: 'Dès le départ, pensez à la place de chacun : cette fiche montre comment une association a gardé ses nouveaux bénévoles.' },
      { url: 'https://www.service-public.fr/particuliers/vosdroits/R1757', title: 'Déclarer l’association en ligne (service-public.fr)', note: 'La déclaration se fait en ligne, gratuitement. Vous recevrez votre numéro RNA.' },
      { resource: 'Amorçage de projets d’utilité sociale', note: 'Un appel du Département pour les structures de moins de trois ans : regardez s’il est ouvert sur votre territoire.' },
    ],
  },
  {
    title: 'Monter un dossier FSE+',
    intro: [
      'Le Fonds social européen plus finance l’insertion, la formation et l’inclusion. Un dossier se prépare : ce parcours vous mène des appels ouverts jusqu’au suivi des dépenses, avec l’aide du groupe Fonds européens.',
    ],
    nextSteps: 'Votre dossier est déposé ? Préparez dès maintenant le suivi des temps et des justificatifs : c’est ce que vérifiera le contrôle de service fait.\n\nLe groupe Fonds européens répond à vos questions dans ses discussions.',
    territorySlug: null,
    group: 'Fonds européens',
    steps: [
      { resource: 'Parcours d’insertion renforcés', note: 'Un appel type du Département : lisez les dépenses éligibles et le taux de cofinancement.' },
      { event: 'Atelier : monter un dossier FSE+ pas à pas', note: 'Un atelier du réseau pour poser vos questions, votre projet sous le bras.' },
      { resource: 'Gérer un projet cofinancé par le FSE+', note: 'Une journée de formation gratuite : la meilleure façon d’éviter les dépenses inéligibles.' },
      { resource: 'Monter un dossier FSE+ sans s’épuiser', note: 'Le retour d’expérience d’une petite structure d’insertion, avec ses outils de suivi.' },
    ],
  },
  {
    title: 'Accueillir et fidéliser des bénévoles',
    intro: [
      'Les bénévoles sont le cœur de la vie associative. Ce parcours vous aide à préparer leur arrivée, à leur confier une mission claire et à reconnaître leur engagement dans la durée.',
    ],
    nextSteps: 'Faites le point avec vos bénévoles au bout d’un mois, puis chaque année.\n\nPour aller plus loin, proposez-leur de suivre une formation du réseau.',
    territorySlug: null,
    group: 'lens-lievin',
    steps: [
      { resource: 'Recruter et fidéliser les bénévoles', note: 'La méthode pas à pas : fiche mission, binôme, point à un mois.' },
      { resource: 'Animer une équipe de bénévoles', note: 'Une journée pour les dirigeants bénévoles et les salariés qui animent une équipe.' },
      { url: 'https://www.associations.gouv.fr/le-compte-d-engagement-citoyen-cec.html', title: 'Le compte d’engagement citoyen', note: 'Vos bénévoles dirigeants peuvent acquérir des droits à formation : faites-le savoir.' },
    ],
  },
  {
    title: 'Se former à la gouvernance coopérative',
    intro: [
      'SCOP, SCIC : les coopératives partagent le pouvoir entre salariés, usagers, bénévoles et collectivités. Ce parcours vous aide à comprendre ces statuts et à décider si l’un d’eux convient à votre projet.',
    ],
    nextSteps: 'Vous pensez à une transformation ? Prenez rendez-vous avec l’Union régionale des SCOP et SCIC pour une étude de faisabilité.',
    territorySlug: null,
    group: 'audomarois',
    steps: [
      { url: 'https://www.les-scop.coop/', title: 'Les SCOP et les SCIC expliquées par leur confédération', note: 'Les principes : une personne, une voix ; des réserves impartageables.' },
      { resource: 'Créer et piloter une SCIC', note: 'Deux jours pour comprendre les collèges de vote et rédiger les statuts.' },
      { resource: 'Passer d’association à SCIC', note: 'Une transformation réelle, ses étapes et ses pièges.' },
      { resource: 'Une coopérative de producteurs pour la restauration scolaire', note: 'Une SCIC du territoire qui associe producteurs, cuisiniers et communes.' },
    ],
  },
]

export const pathwaysSeeder: DemoSeeder = {
  name: 'pathways',
  async seed(db: Kysely<Database>, log) {
    const { systemActor } = await import('../../../app/modules/auth/viewer.ts')
    const { addStep, createPathway, setPathwayPublished } = await import('../../../app/modules/pathways/pathways.server.ts')
    const { textToDoc } = await import('../../../app/modules/rich-text/rich-text.server.ts')
    const actor = systemActor('demo')
    let created = 0
    for (const demo of DEMO_PATHWAYS) {
      if (await db.selectFrom('pathways').select('id').where('title', '=', demo.title).executeTakeFirst()) continue
      const group = await db
        .selectFrom('groups')
        .select('id')
        .where((eb) => eb.or([eb('territorySlug', '=', demo.group), eb('name', '=', demo.group)]))
        .executeTakeFirst()
      const contact = await db.selectFrom('users').select('id').where('email', '=', DEMO_COORDINATORS[demo.group] ?? '').executeTakeFirst()
      const result = await createPathway({
        actor,
        input: {
          title: demo.title,
          intro: textToDoc(demo.intro.join('\n\n')),
          nextSteps: demo.nextSteps,
          territorySlug: demo.territorySlug,
          groupId: group?.id ?? null,
          contactId: contact?.id ?? null,
        },
      })
      if (!result.ok) throw new Error(`Demo pathway ${demo.title}: ${JSON.stringify(result)}`)
      for (const step of demo.steps) {
        let target: string
        let linkTitle = ''
        if ('resource' in step) {
          const found = await db
            .selectFrom('resources')
            .select('slug')
            .where('title', 'like', `%${step.resource}%`)
            .where('status', '=', 'published')
            .where('visibility', '=', 'public')
            .where('deletedAt', 'is', null)
            .orderBy('title')
            .executeTakeFirst()
          if (!found) throw new Error(`Demo pathway ${demo.title}: no resource « ${step.resource} »`)
          target = `/ressources/${found.slug}`
        } else if ('event' in step) {
          const found = await db.selectFrom('events').select('id').where('title', '=', step.event).executeTakeFirst()
          if (!found) throw new Error(`Demo pathway ${demo.title}: no event « ${step.event} »`)
          target = `/agenda/${found.id}`
        } else {
          target = step.url
          linkTitle = step.title
        }
        const added = await addStep({ pathwayId: result.pathway.id, actor, input: { target, linkTitle, note: step.note } })
        if (!added.ok) throw new Error(`Demo pathway ${demo.title}: ${JSON.stringify(added)}`)
      }
      const published = await setPathwayPublished({ id: result.pathway.id, actor, publish: true })
      if (!published.ok) throw new Error(`Demo pathway ${demo.title}: ${JSON.stringify(published)}`)
      created++
    }
    log(`✓ parcours de démonstration : ${created}`)
  },
}
