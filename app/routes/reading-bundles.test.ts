import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

// What the reading pages' components import runs in the browser: the validation library (zod, through the *.schema.ts
// files) must not be among it. Follows the static, non-type imports of each module (server modules are left out: the
// build strips loaders and actions, and a *.server.ts file never reaches the browser). Sizes are measured by
// bench/bundle-size.ts after a build.

const root = path.resolve(import.meta.dirname, '../..')
const ALIASES: Record<string, string> = { '#app/': 'app/', '#db/': 'db/', '#search/': 'search/', '#tests/': 'tests/' }
const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

function resolve(from: string, specifier: string): string | null {
  const alias = Object.keys(ALIASES).find((prefix) => specifier.startsWith(prefix))
  if (alias) return ALIASES[alias] + specifier.slice(alias.length)
  if (specifier.startsWith('.')) return path.join(path.dirname(from), specifier)
  return null
}

/** Every package a module pulls in, through its local imports. */
function packagesOf(entry: string): Map<string, string> {
  const packages = new Map<string, string>()
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file) || /\.server\.tsx?$/.test(file) || file.endsWith('.css') || file.includes('?')) return
    seen.add(file)
    const source = fs.readFileSync(path.join(root, file), 'utf8').replace(/^\s*import\s+type\b[^;]*?from\s+['"][^'"]+['"]/gm, '')
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1]
      const local = resolve(file, specifier)
      if (local) visit(local)
      else packages.set(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0], file)
    }
  }
  visit(entry)
  return packages
}

describe('the reading pages’ browser code', () => {
  test.each([
    'app/routes/ressources.$slug._index/resource-view.tsx',
    'app/modules/resources/ui/resource-summary-list.tsx',
    'app/modules/resources/ui/funding-state-badge.tsx',
    'app/modules/resources/labels.ts',
    'app/modules/structures/labels.ts',
    'app/modules/structures/display.ts',
    'app/utils/dates-fr.ts',
    'search/query-string.ts',
  ])('%s does not import zod', (entry) => {
    const packages = packagesOf(entry)
    expect(packages.get('zod')).toBeUndefined()
    expect(packages.get('@conform-to/zod')).toBeUndefined()
  })

  test('the check does see zod where it is (the forms)', () => {
    expect(packagesOf('app/modules/resources/ui/resource-form.tsx').has('zod')).toBe(true)
  })
})
