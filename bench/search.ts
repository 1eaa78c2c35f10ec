// npm run bench:search — search latency at 100,000 French-like resources, through the engine and through
// GET /api/v1/search (the route's loader called with real Requests), in one run, on a temporary database.
// Prints a table; asserts nothing (see docs: benchmarks are measurements, not tests).
//
//   BENCH_DOCS=20000 npm run bench:search     (a smaller corpus)

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12)

// BENCH_DIR keeps the generated database between runs (generation and reindex are skipped when it is filled).
const keptDir = process.env.BENCH_DIR?.trim()
if (keptDir) fs.mkdirSync(keptDir, { recursive: true })
const dir = keptDir || fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-bench-'))
process.env.DATA_DIR = dir
process.env.NODE_ENV = 'production'
process.env.PUBLIC_URL = 'http://localhost:3000'
process.env.SEED_DEMO = 'false'
delete process.env.MEILISEARCH_URL

const { db, closeDb } = await import('../db/client.server.ts')
const { migrateToLatest } = await import('../db/migrate.ts')
const { seedReferenceData } = await import('../db/seed/seed.server.ts')
const { createConfiguredEngine, getSearchEngine } = await import('../app/modules/search/engine.server.ts')
const { SqliteSearchEngine } = await import('../search/sqlite/sqlite-engine.ts')
const { reindexAll } = await import('../app/modules/search/indexing.server.ts')
const { progressBar } = await import('../search/reindex.ts')
const { listSynonymGroups } = await import('../search/synonyms.server.ts')
const { createSession } = await import('../app/modules/auth/session.server.ts')
const { loader: apiLoader } = await import('../app/routes/api.v1.search.ts')
type SearchQuery = import('../search/engine.ts').SearchQuery
type SearchAccess = import('../search/engine.ts').SearchAccess

// --- A deterministic French-like corpus -------------------------------------------------------------------------
let seed = 20261125
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 2 ** 32
  return seed / 2 ** 32
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]

const COMMON = (
  'association coopérative économie sociale solidaire emploi insertion formation accompagnement projet projets ' +
  'territoire territoires habitants bénévoles bénévolat financement subvention appel européen fonds développement ' +
  'jeunesse culture sport alimentation durable circulaire recyclerie réemploi mobilité habitat santé numérique ' +
  'inclusion handicap senior solidarité entreprise entreprises structure structures réseau partenaires public ' +
  'commune communes quartier rural ruraux local locaux gouvernance démocratique participation citoyenne transition ' +
  'écologique énergie jardin jardins partagé épicerie tiers-lieu tiers-lieux atelier ateliers chantier chantiers ' +
  'mutuelle fondation innovation utilité collectif collectifs intérêt salariés salarié dirigeants gestion comptabilité ' +
  'mécénat crowdfunding prêt garantie investissement impact évaluation mesure rapport guide méthode outil outils'
).split(' ')
const GLUE = 'le la les des du de un une et pour avec dans sur par au aux en son sa ses leur leurs qui que'.split(' ')
const SYLLABLES = 'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu'.split(' ')
const RARE: string[] = []
for (let i = 0; i < 20_000; i++) {
  let w = ''
  const n = 2 + Math.floor(random() * 3)
  for (let j = 0; j < n; j++) w += pick(SYLLABLES)
  RARE.push(`${w}${pick(['tion', 'ment', 'age', 'ier', 'ette', 'isme', 'ance'])}`)
}
const sentence = (words: number) => {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(random() < 0.25 ? pick(GLUE) : random() < 0.08 ? pick(RARE) : pick(COMMON))
  return out.join(' ')
}
const TYPES = ['initiative', 'bonne-pratique', 'formation', 'financement-europeen'] as const
const PROGRAMMES = ['FSE+', 'FEDER', 'FEADER/LEADER', 'Interreg France-Wallonie-Vlaanderen', 'Erasmus+']

async function generate() {
  const territories = (await db.selectFrom('territories').select('slug').execute()).map((t) => t.slug)
  const themes = (await db.selectFrom('themes').select('id').execute()).map((t) => t.id)
  const now = Date.now()
  const batch = 2000
  for (let start = 0; start < DOCS; start += batch) {
    await db.transaction().execute(async (trx) => {
      const rows = []
      const links: { resourceId: string; themeId: string }[] = []
      const groupLinks: { resourceId: string; groupId: string }[] = []
      for (let i = start; i < Math.min(start + batch, DOCS); i++) {
        const id = `0193c000-0000-7000-8000-${String(i).padStart(12, '0')}`
        const type = pick(TYPES)
        const funding = type === 'financement-europeen'
        const published = new Date(now - random() * 3 * 365 * 86_400_000).toISOString()
        const visibility = random() < 0.85 ? 'public' : random() < 0.67 ? 'members' : 'group'
        rows.push({
          id,
          slug: `ressource-${i}`,
          type,
          title: sentence(5 + Math.floor(random() * 6)),
          summary: sentence(18 + Math.floor(random() * 12)).slice(0, 290),
          bodyJson: '{}',
          bodyHtml: '',
          bodyText: sentence(80 + Math.floor(random() * 120)),
          territory: random() < 0.1 ? 'departement' : pick(territories),
          status: random() < 0.95 ? 'published' : 'draft',
          visibility,
          createdAt: published,
          updatedAt: published,
          publishedAt: published,
          programme: funding ? pick(PROGRAMMES) : null,
          openingDate: funding ? new Date(now + (random() - 0.6) * 365 * 86_400_000).toISOString() : null,
          deadline: funding ? new Date(now + (random() - 0.3) * 365 * 86_400_000).toISOString() : null,
          detailsJson: funding ? JSON.stringify({ eligibleLegalForms: [pick(['association', 'cooperative', 'fondation'])] }) : '{}',
        })
        if (visibility === 'group') groupLinks.push({ resourceId: id, groupId: `group-${Math.floor(random() * 50)}` })
        const count = 1 + Math.floor(random() * 3)
        for (const themeId of new Set(Array.from({ length: count }, () => pick(themes)))) links.push({ resourceId: id, themeId })
      }
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('resources').values(rows.slice(i, i + 500) as never).execute()
      for (let i = 0; i < links.length; i += 1000) await trx.insertInto('resourceThemes').values(links.slice(i, i + 1000)).execute()
      for (let i = 0; i < groupLinks.length; i += 1000) await trx.insertInto('resourceGroups').values(groupLinks.slice(i, i + 1000)).execute()
    })
  }
}

// --- Measuring -------------------------------------------------------------------------------------------------
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length }
}
function record(samples: Record<string, number[]>, label: string, value: number) {
  for (const key of [label, 'all']) {
    samples[key] ??= []
    samples[key].push(value)
  }
}
const ms = (v: number) => `${v.toFixed(2)} ms`

const anonymous: SearchAccess = { visibilities: ['public'], groupIds: [] }
const member: SearchAccess = { visibilities: ['public', 'members', 'group'], groupIds: ['group-1', 'group-2'] }
/** The fixed mix: common words, rare words, prefixes, typos, facets, members-only viewer. */
function queryMix(): { label: string; query: Omit<SearchQuery, 'access'>; access: SearchAccess; api: string }[] {
  const rare = RARE.slice(0, 6)
  const mix = [
    ...['association', 'emploi insertion', 'économie sociale et solidaire', 'jardins partagés'].map((q) => ({ label: 'common', q })),
    ...rare.map((q) => ({ label: 'rare', q })),
    ...['form', 'coopé', 'recycl', 'accompagnem'].map((q) => ({ label: 'prefix', q })),
    ...['asociation ', 'fomration ', 'solidiare ', 'finencement '].map((q) => ({ label: 'typo', q })),
  ]
  const out = mix.map(({ label, q }) => ({
    label,
    query: { query: q, facets: ['type', 'territory', 'theme'] as const, perPage: 20 },
    access: anonymous,
    api: `?q=${encodeURIComponent(q)}`,
  }))
  for (const q of ['formation', 'financement européen', 'culture']) {
    out.push({
      label: 'facets',
      query: { query: q, facets: ['type', 'territory', 'theme'] as const, perPage: 20, filters: { territory: ['lens-lievin'], theme: ['culture', 'sport'] } } as never,
      access: anonymous,
      api: `?q=${encodeURIComponent(q)}&territory=lens-lievin&theme=culture&theme=sport`,
    })
  }
  for (const q of ['association', 'gouvernance démocratique', 'coopé']) {
    out.push({ label: 'members', query: { query: q, facets: ['type', 'territory', 'theme'] as const, perPage: 20 }, access: member, api: `?q=${encodeURIComponent(q)}` })
  }
  return out as never
}

async function main() {
  const started = performance.now()
  await migrateToLatest(db)
  await seedReferenceData(db)
  const engine = createConfiguredEngine()
  await engine.init({ synonyms: await listSynonymGroups() })
  const reused = keptDir !== undefined && keptDir !== '' && (await engine.health()).documents > 0
  const generating = performance.now()
  if (!reused) {
    console.log(`Génération de ${DOCS.toLocaleString('fr-FR')} ressources…`)
    await generate()
  }
  const generationMs = performance.now() - generating
  console.log(reused ? 'Index réutilisé (BENCH_DIR), pas de réindexation.' : 'Indexation complète…')
  let last = 0
  const reindex = reused ? { elapsedMs: Number.NaN, indexed: 0, removed: 0 } : await reindexAll({
    engine,
    batchSize: 1000,
    onProgress: (p) => {
      if (p.elapsedMs - last > 3000 || p.done === p.total) {
        last = p.elapsedMs
        console.log(`  ${progressBar(p)}`)
      }
    },
  })
  if (!(engine instanceof SqliteSearchEngine)) throw new Error('the benchmark measures the embedded engine')

  const mix = queryMix()
  const memberUser = await db
    .insertInto('users')
    .values({
      id: `bench-member-${Date.now()}`,
      email: `bench-${Date.now()}@exemple.fr`,
      name: 'Bench',
      passwordHash: 'x',
      role: 'member',
      emailVerifiedAt: new Date().toISOString(),
      charterAcceptedAt: new Date().toISOString(),
      territoryId: null,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const cookie = (await createSession(memberUser.id)).cookie.split(';')[0]

  // Warm-up (in-memory attributes and vocabulary of both engines — the bench's and the API's —, statement caches,
  // page cache), as the server does once it listens.
  let warming = performance.now()
  await engine.warm?.()
  const warmMs = performance.now() - warming
  warming = performance.now()
  await (await getSearchEngine()).warm?.()
  for (const item of mix) await engine.search({ ...item.query, access: item.access })

  const engineSamples: Record<string, number[]> = {}
  const apiSamples: Record<string, number[]> = {}
  const filtered: number[] = []
  const unfiltered: number[] = []
  const totals: Record<string, number> = {}
  for (let round = 0; round < ROUNDS; round++) {
    for (const item of mix) {
      let t = performance.now()
      const result = await engine.search({ ...item.query, access: item.access })
      const engineMs = performance.now() - t
      record(engineSamples, item.label, engineMs)
      totals[`${item.label}: ${item.query.query.trim()}`] = result.total

      t = performance.now()
      engine.searchUnrestrictedForBenchmark({ ...item.query, access: item.access })
      unfiltered.push(performance.now() - t)
      t = performance.now()
      engine.searchSync({ ...item.query, access: member })
      filtered.push(performance.now() - t)

      const request = new Request(`http://localhost:3000/api/v1/search${item.api}`, {
        headers: item.access === member ? { Cookie: cookie } : {},
      })
      t = performance.now()
      const response = (await apiLoader({ request, context: { nonce: 'bench', clientIp: '127.0.0.1' }, params: {} })) as Response
      await response.text()
      const apiMs = performance.now() - t
      if (response.status !== 200) throw new Error(`API answered ${response.status} for ${item.api}`)
      record(apiSamples, item.label, apiMs)
    }
  }

  // The same queries, each the first after a write (the FTS5 answers kept in memory are gone, as any write empties them).
  const cold: number[] = []
  for (let round = 0; round < Math.max(1, Math.floor(ROUNDS / 4)); round++) {
    for (const item of mix) {
      engine.clearCacheForBenchmark()
      const t = performance.now()
      engine.searchSync({ ...item.query, access: item.access })
      cold.push(performance.now() - t)
    }
  }

  const health = await engine.health()
  const dbSize = fs.statSync(path.join(dir, 'essaim.sqlite')).size + (fs.existsSync(path.join(dir, 'essaim.sqlite-wal')) ? fs.statSync(path.join(dir, 'essaim.sqlite-wal')).size : 0)
  const rssMb = process.resourceUsage().maxRSS / 1024

  console.log('')
  console.log(`Corpus : ${DOCS.toLocaleString('fr-FR')} ressources générées (${health.documents.toLocaleString('fr-FR')} indexées : publiées, non supprimées), base ${(dbSize / 1e6).toFixed(0)} Mo`)
  console.log(`Génération ${(generationMs / 1000).toFixed(1)} s ; réindexation complète ${(reindex.elapsedMs / 1000).toFixed(1)} s (${Math.round(reindex.indexed / (reindex.elapsedMs / 1000))} docs/s ; cible ≤ 60 s)`)
  console.log('')
  const rows: string[][] = [['requêtes', 'n', 'moteur p50', 'p95', 'p99', 'API p50', 'p95', 'p99']]
  for (const label of ['common', 'rare', 'prefix', 'typo', 'facets', 'members', 'all']) {
    const e = stats(engineSamples[label])
    const a = stats(apiSamples[label])
    rows.push([label, String(e.n), ms(e.p50), ms(e.p95), ms(e.p99), ms(a.p50), ms(a.p95), ms(a.p99)])
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
  const engineAll = stats(engineSamples.all)
  const apiAll = stats(apiSamples.all)
  const f = stats(filtered)
  const u = stats(unfiltered)
  console.log('')
  console.log(`Ratio API ÷ moteur            : p50 ${(apiAll.p50 / engineAll.p50).toFixed(2)}  p95 ${(apiAll.p95 / engineAll.p95).toFixed(2)}`)
  const c = stats(cold)
  const target = (label: string, value: number, limit: number) => `${label} ${ms(value)} (cible ≤ ${limit} ms : ${value <= limit ? 'atteinte' : 'non atteinte'})`
  console.log(`API, toutes requêtes          : ${target('p95', apiAll.p95, 25)} ; ${target('p99', apiAll.p99, 50)}`)
  console.log(`Moteur, première requête après une écriture (réponses FTS5 en mémoire vidées) : p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  p99 ${ms(c.p99)}`)
  console.log(`Ratio filtré ÷ non filtré     : p50 ${(f.p50 / u.p50).toFixed(2)}  p95 ${(f.p95 / u.p95).toFixed(2)}  (cible ≤ 1,3 ; membre de 2 groupes ÷ sans filtre de permission)`)
  console.log(`Chargement des attributs et du vocabulaire en mémoire (au démarrage) : ${(warmMs / 1000).toFixed(2)} s`)
  console.log(`Mémoire : pic RSS ${rssMb.toFixed(0)} Mo ; durée totale ${((performance.now() - started) / 1000).toFixed(0)} s`)
  console.log('')
  console.log('Totaux par requête (contrôle) :')
  for (const [k, v] of Object.entries(totals)) console.log(`  ${k.padEnd(48)} ${v.toLocaleString('fr-FR')}`)
}

try {
  await main()
} finally {
  await closeDb()
  if (!keptDir) fs.rmSync(dir, { recursive: true, force: true })
}
