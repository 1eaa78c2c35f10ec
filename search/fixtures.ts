import type { SearchDocument } from './engine.ts'

// Search documents for the contract suite and the relevance cases: a small French corpus with the traps a
// newcomer's query meets (accents, ligatures, plurals, acronyms, hyphens, closed calls, private documents).

let counter = 0

export function makeDocument(overrides: Partial<SearchDocument> & { title: string }): SearchDocument {
  counter++
  const id = overrides.id ?? `0193a000-0000-7000-8000-${String(counter).padStart(12, '0')}`
  return {
    id,
    kind: 'resource',
    slug: overrides.slug ?? `ressource-${counter}`,
    type: 'ressource',
    summary: '',
    body: '',
    territory: null,
    themes: [],
    programme: null,
    legalForms: [],
    structureName: null,
    openingDate: null,
    deadline: null,
    visibility: 'public',
    groupIds: [],
    publishedAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  }
}

/** Funding states in these fixtures are computed for this day. */
export const FIXTURE_NOW = new Date('2026-11-25T12:00:00Z')

export function frenchCorpus() {
  const doc = {
    fseOpen: makeDocument({
      title: 'Appel à projets FSE+ 2026 : inclusion par les associations',
      summary: 'Le Fonds social européen plus finance les associations qui accompagnent vers l’emploi.',
      body: 'Dépôt des dossiers en ligne. Cofinancement européen jusqu’à 60 %. Réservé aux associations du Pas-de-Calais.',
      type: 'appel-a-projets',
      programme: 'fse-plus',
      territory: 'arrageois',
      themes: ['insertion', 'emploi'],
      openingDate: '2026-10-01',
      deadline: '2027-01-31',
      publishedAt: '2026-10-01T08:00:00.000Z',
      legalForms: ['association'],
    }),
    fseClosed: makeDocument({
      title: 'Appel à projets FSE+ 2025 : associations et inclusion',
      summary: 'Le Fonds social européen plus a financé les associations en 2025.',
      body: 'Appel clos.',
      type: 'appel-a-projets',
      programme: 'fse-plus',
      territory: 'arrageois',
      themes: ['insertion'],
      openingDate: '2025-01-01',
      deadline: '2025-03-31',
      publishedAt: '2025-01-01T08:00:00.000Z',
      legalForms: ['association'],
    }),
    feder: makeDocument({
      title: 'FEDER : rénovation énergétique des tiers-lieux',
      summary: 'Le Fonds européen de développement régional soutient les tiers-lieux ruraux.',
      body: 'Les projets de tiers-lieux doivent associer les habitants.',
      type: 'appel-a-projets',
      programme: 'feder',
      territory: 'audomarois',
      themes: ['tiers-lieux'],
      openingDate: '2027-02-01',
      deadline: '2027-06-30',
      publishedAt: '2026-09-01T08:00:00.000Z',
    }),
    formation: makeDocument({
      title: 'Formation à la gestion d’une coopérative',
      summary: 'Une journée pour comprendre la SCOP et la SCIC.',
      body: 'Comptabilité, gouvernance, assemblée générale.',
      type: 'formation',
      territory: 'lensois',
      themes: ['cooperation'],
      publishedAt: '2026-05-01T08:00:00.000Z',
    }),
    coeur: makeDocument({
      title: 'Le cœur de l’économie sociale et solidaire',
      summary: 'Pourquoi l’ESS place les personnes au cœur de l’entreprise.',
      body: 'Les principes de l’économie sociale : gouvernance démocratique, lucrativité limitée.',
      type: 'article',
      territory: 'lensois',
      themes: ['ess'],
      publishedAt: '2026-03-01T08:00:00.000Z',
    }),
    bodyOnly: makeDocument({
      title: 'Compte rendu de la rencontre régionale',
      summary: 'Retour sur la journée du réseau.',
      body: 'Nous avons parlé de gestion, de formation et de financement.',
      type: 'article',
      territory: 'lensois',
      publishedAt: '2026-06-01T08:00:00.000Z',
    }),
    members: makeDocument({
      title: 'Annuaire des financeurs réservé aux membres',
      summary: 'Contacts directs des chargés de mission.',
      type: 'guide',
      visibility: 'members',
      territory: 'arrageois',
      themes: ['financement'],
      publishedAt: '2026-04-01T08:00:00.000Z',
    }),
    group: makeDocument({
      title: 'Compte rendu confidentiel du groupe financeurs',
      summary: 'Notes internes du groupe de travail.',
      type: 'guide',
      visibility: 'group',
      groupIds: ['group-a'],
      territory: 'arrageois',
      themes: ['financement'],
      publishedAt: '2026-04-02T08:00:00.000Z',
    }),
    structure: makeDocument({
      kind: 'structure',
      type: 'structure',
      title: 'La Ruche solidaire, SCIC de Lens',
      summary: 'Société coopérative d’intérêt collectif, épicerie et tiers-lieu.',
      legalForms: ['cooperative'],
      territory: 'lensois',
      themes: ['alimentation'],
      publishedAt: '2026-02-01T08:00:00.000Z',
    }),
  }
  return doc
}
