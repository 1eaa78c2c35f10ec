import type { Kysely } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// More of the network's words for search (issue 9, item 6): IAE ↔ SIAE, subvention ↔ aide / financement, the
// insertion structures (ACI, EI, ETTI, GEIQ), CAE, CDESS, PTCE, RNA, SIRET, Interreg… A term listed in several
// groups stands for the union of them (search/sqlite/query.ts), so each pair is added as its own group.
//
// Added after the groups already there (an admin may have edited them at /admin/recherche/synonymes: nothing is
// changed or removed); a group is skipped when one row already lists all of its terms. `down` removes the rows equal
// to a group added here.

const ADDED_SYNONYMS: string[][] = [
  ['iae', 'siae'],
  ['iae', 'insertion par l’économique'],
  ['aci', 'atelier chantier d’insertion', 'chantier d’insertion'],
  ['ei', 'entreprise d’insertion'],
  ['etti', 'entreprise de travail temporaire d’insertion'],
  ['geiq', 'groupement d’employeurs pour l’insertion et la qualification'],
  ['cae', 'coopérative d’activité et d’emploi'],
  ['scop', 'société coopérative ouvrière de production'],
  ['subvention', 'aide'],
  ['subvention', 'financement'],
  ['cress', 'chambre régionale de l’ess'],
  ['cdess', 'conseil départemental de l’économie sociale et solidaire', 'conseil départemental de l’ess'],
  ['ptce', 'pôle territorial de coopération économique'],
  ['interreg', 'coopération territoriale européenne'],
  ['opco', 'opca'],
  ['rna', 'répertoire national des associations'],
  ['siret', 'système d’identification du répertoire des établissements'],
  ['siren', 'système d’identification du répertoire des entreprises'],
]

const normalise = (term: string) => term.trim().toLowerCase()

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('search_synonyms').select('terms').execute()
  const existing = rows.map((r) => new Set((JSON.parse(r.terms) as string[]).map(normalise)))
  const now = new Date().toISOString()
  const missing = ADDED_SYNONYMS.filter((group) => !existing.some((terms) => group.every((t) => terms.has(normalise(t)))))
  if (missing.length === 0) return
  await db
    .insertInto('search_synonyms')
    .values(missing.map((terms) => ({ terms: JSON.stringify(terms), updated_at: now })))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('search_synonyms')
    .where(
      'terms',
      'in',
      ADDED_SYNONYMS.map((terms) => JSON.stringify(terms)),
    )
    .execute()
}
