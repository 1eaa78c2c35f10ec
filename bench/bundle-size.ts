// npx tsx bench/bundle-size.ts — JavaScript each page loads, after `npm run build`.
// A page loads the client entry and its imports, the root route and its imports, then each matched route's module
// and its imports (Remix's build manifest already lists the imports of a chunk transitively; dynamic imports such
// as the lazy editor are not counted). Every file is counted once per page; sizes are raw and gzip (zlib default
// level, as the compression middleware sends them). Prints a table; asserts nothing (benchmarks are measurements).
//
//   npx tsx bench/bundle-size.ts                        the table for the routes below
//   npx tsx bench/bundle-size.ts --all                  every route with a client module
//   npx tsx bench/bundle-size.ts --save before.json     also write the figures to a file
//   npx tsx bench/bundle-size.ts --compare before.json  add the "before" columns and the after/before ratio

import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const CLIENT_DIR = path.resolve('build/client')
const READING_ROUTES = [
  'routes/_index',
  'routes/ressources._index',
  'routes/ressources.$slug._index',
  'routes/recherche',
  'routes/structures._index',
  'routes/structures.$slug._index',
  'routes/territoires._index',
  'routes/territoires.$slug',
  'routes/membres.$slug',
  'routes/charte',
  'routes/connexion',
  'routes/inscription',
  'routes/ressources.nouvelle',
  'routes/ressources.$slug.modifier',
]

type ManifestEntry = { module: string; imports?: string[] }
type RouteEntry = ManifestEntry & { id: string; parentId?: string }
type Manifest = { entry: ManifestEntry; routes: Record<string, RouteEntry> }
type Figures = Record<string, { files: number; raw: number; gzip: number }>

function readManifest(): Manifest {
  const assets = path.join(CLIENT_DIR, 'assets')
  const file = fs.existsSync(assets) ? fs.readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name)) : undefined
  if (!file) throw new Error('No build/client/assets/manifest-*.js: run `npm run build` first.')
  const text = fs.readFileSync(path.join(assets, file), 'utf8')
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Manifest
}

const sizes = new Map<string, { raw: number; gzip: number }>()
function sizeOf(url: string) {
  let size = sizes.get(url)
  if (!size) {
    const content = fs.readFileSync(path.join(CLIENT_DIR, url))
    size = { raw: content.length, gzip: gzipSync(content).length }
    sizes.set(url, size)
  }
  return size
}

function measure(manifest: Manifest, routeIds: string[]): Figures {
  const figures: Figures = {}
  for (const id of routeIds) {
    const chain: ManifestEntry[] = []
    for (let route: RouteEntry | undefined = manifest.routes[id]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
      chain.unshift(route)
    }
    const files = new Set<string>()
    for (const entry of [manifest.entry, ...chain]) {
      files.add(entry.module)
      for (const url of entry.imports ?? []) files.add(url)
    }
    let raw = 0
    let gzip = 0
    for (const url of files) {
      const size = sizeOf(url)
      raw += size.raw
      gzip += size.gzip
    }
    figures[id] = { files: files.size, raw, gzip }
  }
  return figures
}

const args = process.argv.slice(2)
const option = (name: string) => {
  const index = args.indexOf(name)
  return index >= 0 ? args[index + 1] : undefined
}
const manifest = readManifest()
const routeIds = args.includes('--all')
  ? Object.keys(manifest.routes).filter((id) => id !== 'root' && (manifest.routes[id].imports?.length ?? 0) > 0)
  : READING_ROUTES.filter((id) => manifest.routes[id])
const figures = measure(manifest, routeIds)
const savePath = option('--save')
if (savePath) fs.writeFileSync(savePath, `${JSON.stringify(figures, null, 2)}\n`)
const comparePath = option('--compare')
const before: Figures | undefined = comparePath ? JSON.parse(fs.readFileSync(comparePath, 'utf8')) : undefined

const kib = (bytes: number) => (bytes / 1024).toFixed(1)
const header = before
  ? '| route | files before | gzip KiB before | files | gzip KiB | raw KiB | after / before |'
  : '| route | files | gzip KiB | raw KiB |'
console.log(header)
console.log(header.replace(/[^|]/g, '-'))
for (const id of routeIds) {
  const now = figures[id]
  const name = id.replace(/^routes\//, '')
  const old = before?.[id]
  if (before) {
    const ratio = old ? (now.gzip / old.gzip).toFixed(2) : '–'
    console.log(`| ${name} | ${old?.files ?? '–'} | ${old ? kib(old.gzip) : '–'} | ${now.files} | ${kib(now.gzip)} | ${kib(now.raw)} | ${ratio} |`)
  } else {
    console.log(`| ${name} | ${now.files} | ${kib(now.gzip)} | ${kib(now.raw)} |`)
  }
}
