import type { Kysely } from 'kysely'
import type { Database } from '../../schema.ts'
import type { DemoSeeder } from './index.ts'

// About 40 demo structures over the nine territories and the legal forms, with the demo accounts as members.

type DemoStructure = [name: string, legalForm: string, territory: string, themes: string[], presentation: string]

const STRUCTURES: DemoStructure[] = [
  ['Les Jardins du Cœur d’Arras', 'association', 'arrageois', ['alimentation-durable', 'emploi-insertion'], 'Maraîchage biologique d’insertion et paniers solidaires.'],
  ['Coopérative Atrébate', 'scic', 'arrageois', ['alimentation-durable'], 'Épicerie coopérative de produits locaux, gérée par ses usagers et ses producteurs.'],
  ['Arras Numérique Solidaire', 'association', 'arrageois', ['numerique'], 'Reconditionnement d’ordinateurs et ateliers d’inclusion numérique.'],
  ['Mutuelle de l’Artois Solidaire', 'mutuelle', 'arrageois', ['sante-action-sociale'], 'Complémentaire santé mutualiste ouverte à tous, sans sélection médicale.'],
  ['Scarpe Mobilité', 'siae', 'arrageois', ['mobilite', 'emploi-insertion'], 'Garage solidaire et location de véhicules pour l’accès à l’emploi.'],
  ['Béthune Ressourcerie', 'siae', 'artois', ['economie-circulaire', 'emploi-insertion'], 'Collecte, réparation et revente d’objets du quotidien.'],
  ['SCOP Lys Bâtiment', 'scop', 'artois', ['habitat'], 'Rénovation énergétique de logements, coopérative de salariés depuis 1998.'],
  ['Fondation Artois Jeunesse', 'fondation', 'artois', ['formation-competences'], 'Bourses et accompagnement pour les jeunes de l’Artois.'],
  ['Les Semeurs de Bruay', 'association', 'artois', ['alimentation-durable', 'benevolat-vie-associative'], 'Jardins partagés et ateliers cuisine dans les cités minières.'],
  ['Artois Coop Emploi', 'cae', 'artois', ['emploi-insertion', 'gouvernance-cooperative'], 'Coopérative d’activité et d’emploi pour entrepreneurs salariés.'],
  ['Audomarois Circuits Courts', 'scic', 'audomarois', ['alimentation-durable'], 'Plateforme logistique de produits fermiers pour la restauration collective.'],
  ['Marais Vivant', 'association', 'audomarois', ['transition-ecologique', 'culture'], 'Éducation à l’environnement dans le marais audomarois.'],
  ['Saint-Omer Insertion Services', 'siae', 'audomarois', ['emploi-insertion'], 'Entreprise d’insertion : espaces verts et entretien de locaux.'],
  ['Audomarois Énergies Citoyennes', 'esus', 'audomarois', ['transition-ecologique'], 'Centrales solaires citoyennes sur les toits publics.'],
  ['Boulogne Mer Solidaire', 'association', 'boulonnais', ['alimentation-durable', 'sante-action-sociale'], 'Distribution de produits de la mer invendus aux associations d’aide alimentaire.'],
  ['Coopérative Côte d’Opale Habitat', 'cooperative-usagers', 'boulonnais', ['habitat'], 'Habitat participatif et coopératif sur le littoral.'],
  ['Boulonnais Culture Partagée', 'association', 'boulonnais', ['culture'], 'Tiers-lieu culturel et résidences d’artistes.'],
  ['SCOP Opale Numérique', 'scop', 'boulonnais', ['numerique'], 'Développement web et logiciels libres pour les associations.'],
  ['Calais Accueil Solidaire', 'association', 'calaisis', ['sante-action-sociale', 'benevolat-vie-associative'], 'Accueil de jour, douches et bagagerie solidaire.'],
  ['Calaisis Recyclerie', 'siae', 'calaisis', ['economie-circulaire'], 'Atelier chantier d’insertion de réemploi des textiles et du mobilier.'],
  ['Dentelle & Co', 'scic', 'calaisis', ['culture', 'formation-competences'], 'Transmission des savoir-faire de la dentelle de Calais.'],
  ['Calaisis Vélo Solidaire', 'association', 'calaisis', ['mobilite'], 'Atelier participatif de réparation de vélos.'],
  ['Mutuelle des Travailleurs du Littoral', 'mutuelle', 'calaisis', ['sante-action-sociale'], 'Prévoyance et santé pour les salariés du littoral.'],
  ['Hénin Tiers-Lieu', 'association', 'henin-carvin', ['numerique', 'culture'], 'Fablab, café associatif et espace de coworking.'],
  ['Carvin Services à la Personne', 'esus', 'henin-carvin', ['sante-action-sociale', 'emploi-insertion'], 'Aide à domicile pour les personnes âgées, emplois durables.'],
  ['Coopérative Minière Solidaire', 'cooperative-autre', 'henin-carvin', ['economie-circulaire'], 'Achats groupés et mutualisation de matériel pour les associations du bassin minier.'],
  ['Lens Sport Ensemble', 'association', 'lens-lievin', ['sport'], 'Sport adapté et inclusif pour tous les âges.'],
  ['Liévin Emploi Tremplin', 'siae', 'lens-lievin', ['emploi-insertion'], 'Association intermédiaire : missions de travail pour personnes éloignées de l’emploi.'],
  ['SCOP Gohelle Paysage', 'scop', 'lens-lievin', ['transition-ecologique'], 'Aménagement paysager écologique des terrils et friches.'],
  ['Fondation Bassin Minier Avenir', 'fondation', 'lens-lievin', ['financement'], 'Fonds de dotation pour les projets d’innovation sociale du bassin minier.'],
  ['Lens Cultures Urbaines', 'association', 'lens-lievin', ['culture', 'benevolat-vie-associative'], 'Festival et ateliers de danse, graffiti et musique.'],
  ['Montreuil Terroirs', 'scic', 'montreuillois', ['alimentation-durable'], 'Légumerie et conserverie coopérative du Montreuillois.'],
  ['Canche Nature Éducation', 'association', 'montreuillois', ['transition-ecologique'], 'Sorties nature et classes vertes dans la vallée de la Canche.'],
  ['Berck Santé Solidaire', 'esus', 'montreuillois', ['sante-action-sociale'], 'Transport solidaire vers les lieux de soins.'],
  ['Opale Coopérative d’Activités', 'cae', 'montreuillois', ['gouvernance-cooperative', 'emploi-insertion'], 'Accompagnement d’entrepreneurs du tourisme durable.'],
  ['Ternois Ruralité Active', 'association', 'ternois', ['mobilite', 'benevolat-vie-associative'], 'Transport à la demande et lien social en milieu rural.'],
  ['Saint-Pol Bois Énergie', 'scic', 'ternois', ['transition-ecologique'], 'Filière bois-énergie locale avec les agriculteurs et les communes.'],
  ['Ternois Chantier Patrimoine', 'siae', 'ternois', ['emploi-insertion', 'culture'], 'Restauration du petit patrimoine rural en chantier d’insertion.'],
  ['Europe Ternois Échanges', 'autre', 'ternois', ['cooperation-europeenne'], 'Échanges de jeunes et projets Erasmus+ en milieu rural.'],
  ['Collectif ESS Pas-de-Calais', 'association', 'arrageois', ['gouvernance-cooperative', 'financement'], 'Réseau départemental des acteurs de l’économie sociale et solidaire.'],
]

/** Which demo account (by email) owns or belongs to which structures (by index in STRUCTURES). */
function demoMembers(index: number, territory: string): { email: string; role: 'owner' | 'member' }[] {
  const byTerritory: Record<string, string> = {
    arrageois: 'admin@essaim.test',
    'lens-lievin': 'sophie.lefebvre@essaim.test',
    calaisis: 'karim.benali@essaim.test',
    boulonnais: 'julie.dupont@essaim.test',
    audomarois: 'thomas.delattre@essaim.test',
    montreuillois: 'nadia.morel@essaim.test',
    ternois: 'pierre.caron@essaim.test',
    artois: 'emma.lemaire@essaim.test',
    'henin-carvin': 'lucas.wallart@essaim.test',
  }
  const owner = byTerritory[territory]
  const members: { email: string; role: 'owner' | 'member' }[] = [{ email: owner, role: 'owner' }]
  // A second member from a neighbouring territory on every other structure: people belong to several structures.
  if (index % 2 === 0) {
    const others = Object.values(byTerritory).filter((e) => e !== owner)
    members.push({ email: others[index % others.length], role: 'member' })
  }
  return members
}

export const structuresSeeder: DemoSeeder = {
  name: 'structures',
  async seed(db: Kysely<Database>, log) {
    const { createStructure } = await import('../../../app/modules/structures/structures.server.ts')
    const { recordAudit } = await import('../../../app/modules/structures/audit.server.ts')
    const { ensureProfile } = await import('../../../app/modules/people/people.server.ts')
    const { personViewer } = await import('../../../app/modules/auth/viewer.ts')
    const users = await db.selectFrom('users').select(['id', 'name', 'email', 'role']).execute()
    const byEmail = new Map(users.map((u) => [u.email, u]))
    const admin = users.find((u) => u.role === 'admin')
    let created = 0
    for (const [index, [name, legalForm, territory, themes, presentation]] of STRUCTURES.entries()) {
      if (await db.selectFrom('structures').select('id').where('name', '=', name).executeTakeFirst()) continue
      const members = demoMembers(index, territory).flatMap((m) => {
        const user = byEmail.get(m.email)
        return user ? [{ ...m, user }] : []
      })
      if (members.length === 0) continue
      // Spread over the communes of the territory, biggest first.
      const communes = await db
        .selectFrom('communes')
        .innerJoin('territories', 'territories.id', 'communes.territoryId')
        .select('communes.insee')
        .where('territories.slug', '=', territory)
        .orderBy('communes.population', 'desc')
        .limit(5)
        .execute()
      const communeInsee = communes[index % communes.length].insee
      await db.transaction().execute(async (trx) => {
        const result = await createStructure({
          actor: personViewer({ ...members[0].user, emailVerifiedAt: 'seed' }),
          input: {
            name,
            legalForm: legalForm as never,
            siret: null,
            rna: legalForm === 'association' ? `W62${String(3000000 + index).padStart(7, '0')}` : null,
            communeInsee,
            address: null,
            websiteUrl: null,
            contactEmail: null,
            contactPhone: null,
            showContact: false,
            presentation,
            description: '',
            themes,
            employeesBracket: (['1-9', '10-49', '0', '50-249'] as const)[index % 4],
            volunteersBracket: (['10-49', '1-9', '50-249', '0'] as const)[index % 4],
          },
          trx,
        })
        if (!result.ok) throw new Error(`demo structure ${name}: ${JSON.stringify(result)}`)
        for (const member of members.slice(1)) {
          await trx
            .insertInto('structureMembers')
            .values({ structureId: result.structure.id, userId: member.user.id, role: member.role, joinedAt: new Date().toISOString() })
            .execute()
          await ensureProfile(member.user, trx)
        }
      })
      created++
    }
    // Public profiles for the demo accounts, and a few badges.
    await db.updateTable('profiles').set({ visibility: 'public' }).execute()
    const structures = await db.selectFrom('structures').select(['id', 'name']).orderBy('name').execute()
    for (const [index, structure] of structures.entries()) {
      const owner = await db
        .selectFrom('structureMembers')
        .select('userId')
        .where('structureId', '=', structure.id)
        .where('role', '=', 'owner')
        .executeTakeFirst()
      const now = new Date().toISOString()
      if (owner && index % 3 === 0) {
        await db
          .updateTable('structures')
          .set({ charterSignedAt: now, charterSignedBy: owner.userId })
          .where('id', '=', structure.id)
          .where('charterSignedAt', 'is', null)
          .execute()
      }
      if (admin && index % 7 === 0) {
        const result = await db
          .updateTable('structures')
          .set({ labelGrantedAt: now, labelGrantedBy: admin.id })
          .where('id', '=', structure.id)
          .where('labelGrantedAt', 'is', null)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) > 0) {
          await recordAudit(
            { actorId: admin.id, action: 'structure.label-granted', targetType: 'structure', targetId: structure.id, data: { demo: true } },
            db,
          )
        }
      }
    }
    log(`✓ structures de démonstration : ${created} créées (${STRUCTURES.length} au total)`)
  },
}
