import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// The embedded search engine (search/sqlite/): one row per indexed document in `search_documents` (filters, facets,
// the document itself as JSON), and its analysed text (folded, lightly stemmed, see search/analysis.ts) in the
// contentless FTS5 table `search_fts` sharing its rowid; `search_fts_vocab` lists the indexed terms for typo
// tolerance. `search_synonyms` is edited by admins; `search_query_stats` counts queries per ISO week, never who
// searched.

const DEFAULT_SYNONYMS: string[][] = [
  ['fse', 'fse+', 'fonds social européen', 'fonds social européen plus'],
  ['feder', 'fonds européen de développement régional'],
  ['leader', 'liaison entre actions de développement de l’économie rurale'],
  ['feader', 'fonds européen agricole pour le développement rural'],
  ['ess', 'économie sociale et solidaire'],
  ['scop', 'société coopérative et participative', 'société coopérative de production'],
  ['scic', 'société coopérative d’intérêt collectif'],
  ['esus', 'entreprise solidaire d’utilité sociale'],
  ['iae', 'insertion par l’activité économique'],
  ['siae', 'structure d’insertion par l’activité économique'],
  ['dla', 'dispositif local d’accompagnement'],
  ['cress', 'chambre régionale de l’économie sociale et solidaire'],
  ['opco', 'opérateur de compétences'],
  ['asso', 'association'],
  ['aap', 'appel à projets'],
  ['ami', 'appel à manifestation d’intérêt'],
  ['tiers-lieu', 'tiers lieu', 'tiers-lieux'],
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('doc_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('territory', 'text')
    .addColumn('programme', 'text')
    .addColumn('legal_forms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('opening_date', 'text')
    .addColumn('deadline', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('group_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('search_documents_published_idx').on('search_documents').column('published_at').execute()
  await db.schema.createIndex('search_documents_deadline_idx').on('search_documents').column('deadline').execute()
  await sql`create virtual table search_fts using fts5(
    title, summary, body, extra,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
  )`.execute(db)
  await sql`create virtual table search_fts_vocab using fts5vocab(search_fts, 'row')`.execute(db)

  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  const now = new Date().toISOString()
  await db
    .insertInto('search_synonyms')
    .values(DEFAULT_SYNONYMS.map((terms) => ({ terms: JSON.stringify(terms), updated_at: now })))
    .execute()

  await db.schema
    .createTable('search_query_stats')
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('zero_results', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('search_query_stats_pk', ['week', 'query'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_query_stats').ifExists().execute()
  await db.schema.dropTable('search_synonyms').ifExists().execute()
  await sql`drop table if exists search_fts_vocab`.execute(db)
  await sql`drop table if exists search_fts`.execute(db)
  await db.schema.dropTable('search_documents').ifExists().execute()
}
