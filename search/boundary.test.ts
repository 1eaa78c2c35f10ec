import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

// search/ is infrastructure: it imports nothing from the application (app/) nor from the command-line scripts. The
// searchable types, the engine configuration and the labels are handed in (app/modules/search/).
const root = path.dirname(fileURLToPath(import.meta.url))

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : []
  })
}

/** Every module specifier of a file: static imports and exports, dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = []
  for (const match of source.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(match[1])
  for (const match of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1])
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1])
  return found
}

test('no file under search/ imports the application or the scripts', () => {
  // This file holds sample imports for its own check below.
  const files = sourceFiles(root).filter((file) => file !== fileURLToPath(import.meta.url))
  expect(files.length).toBeGreaterThan(20)
  const offending: string[] = []
  for (const file of files) {
    for (const specifier of specifiers(fs.readFileSync(file, 'utf8'))) {
      const resolved = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : specifier
      const inApp = specifier.startsWith('#app/') || resolved.startsWith(path.join(root, '..', 'app') + path.sep)
      const inScripts = resolved.startsWith(path.join(root, '..', 'scripts') + path.sep)
      if (inApp || inScripts) offending.push(`${path.relative(root, file)} → ${specifier}`)
    }
  }
  expect(offending).toEqual([])
})

test('the check sees the imports it must refuse', () => {
  expect(specifiers("import { a } from '#app/x.ts'\nexport { b } from '../app/y.ts'\nconst c = await import('../scripts/z.ts')")).toEqual([
    '#app/x.ts',
    '../app/y.ts',
    '../scripts/z.ts',
  ])
})
