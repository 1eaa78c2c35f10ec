import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration must never import application code.
//
// One vocabulary of legal forms (issue 11): funding calls said who they were open to with their own words
// (`cooperative`, `entreprise-sociale`…) while structures have finer forms (`scop`, `scic`, `cae`…). Calls now use the
// structures' values, so that a SCOP finds the calls open to cooperatives by filtering on its own form. A family
// becomes the forms it stands for; the other words were already shared (association, mutuelle, fondation) or stay
// as the public bodies of the vocabulary (collectivite, etablissement-public). Resources and their revisions (the
// snapshot a restore reads) are both rewritten. `down` folds the forms back into the old words.

const UP: Record<string, string[]> = {
  cooperative: ['scop', 'scic', 'cae', 'cooperative-usagers', 'cooperative-autre'],
  'entreprise-sociale': ['esus', 'siae'],
}

const DOWN: Record<string, string> = {
  scop: 'cooperative',
  scic: 'cooperative',
  cae: 'cooperative',
  'cooperative-usagers': 'cooperative',
  'cooperative-autre': 'cooperative',
  esus: 'entreprise-sociale',
  siae: 'entreprise-sociale',
}

/** Forms the old vocabulary had no word for (« autre ») are dropped going down. */
const OLD_WORDS = new Set(['association', 'cooperative', 'mutuelle', 'fondation', 'entreprise-sociale', 'collectivite', 'etablissement-public'])

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

const mapUp = (forms: string[]) => unique(forms.flatMap((form) => UP[form] ?? [form]))
const mapDown = (forms: string[]) => unique(forms.map((form) => DOWN[form] ?? form).filter((form) => OLD_WORDS.has(form)))

async function rewrite(db: Kysely<any>, map: (forms: string[]) => string[]) {
  for (const [table, column] of [
    ['resources', 'details_json'],
    ['revisions', 'snapshot_json'],
  ] as const) {
    const rows = await sql<{ id: string; json: string }>`
      select id, ${sql.ref(column)} as json from ${sql.table(table)} where ${sql.ref(column)} like '%eligibleLegalForms%'`.execute(db)
    for (const row of rows.rows) {
      const value = JSON.parse(row.json) as Record<string, unknown>
      if (!Array.isArray(value.eligibleLegalForms)) continue
      const next = JSON.stringify({ ...value, eligibleLegalForms: map(value.eligibleLegalForms.map(String)) })
      if (next !== row.json) await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${next} where id = ${row.id}`.execute(db)
    }
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, mapUp)
}

export async function down(db: Kysely<any>): Promise<void> {
  await rewrite(db, mapDown)
}
