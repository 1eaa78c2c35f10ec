// What the pathway pages say about a step and the pathways' limits: plain constants, shared by the module and the
// pages (components may import them; the server module may not reach the browser).

export const PATHWAY_LIMITS = { title: 150, introChars: 5000, nextSteps: 3000, note: 1000, linkTitle: 150 } as const

export const PATHWAY_MESSAGES = {
  reserved: 'Étape réservée aux membres',
  newStep: 'Nouvelle étape',
  updated: 'Mise à jour depuis votre passage',
  closed: 'Clôturé',
  cancelled: 'Annulé',
} as const
