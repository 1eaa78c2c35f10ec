// The figures of the ESS in Pas-de-Calais (the Département's page, ../shared/context/ess-pas-de-calais.txt), as data
// the page's tables read; ess-figures.server.ts draws the charts from them.

export const ESS_JOBS = 48_390
export const JOB_SHARES = [
  { label: 'Pas-de-Calais', value: 13 },
  { label: 'Hauts-de-France', value: 11.3 },
  { label: 'France', value: 9.8 },
] as const
export const LEGAL_FORMS = [
  { label: 'Associations', value: 81 },
  { label: 'Coopératives', value: 15 },
  { label: 'Fondations', value: 4 },
] as const
export const EMPLOYER_ESTABLISHMENTS = 3_445

const percentFr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })
/** « 11,3 % » with a no-break space. */
export const formatPercentFr = (value: number) => `${percentFr.format(value)}\u00a0%`
