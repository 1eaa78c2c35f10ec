import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

// The French of the public web, checked over the sources: no point médian (« connecté·e » is read badly by screen
// readers and advised against in public-sector writing: epicene wording instead), no « (s) » plural guesses.

const root = path.resolve(import.meta.dirname, '../..')
const DIRS = ['app', 'db/seed', 'db/migrations']
const SOURCE = /\.(tsx?|json|jsonl)$/

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(relative)
    return SOURCE.test(entry.name) ? [relative] : []
  })
}

function findAll(pattern: RegExp, options: { skipTests?: boolean } = {}): string[] {
  const hits: string[] = []
  for (const file of DIRS.flatMap(sourceFiles)) {
    if (file.endsWith('french-wording.test.ts') || (options.skipTests && /\.test\.tsx?$/.test(file))) continue
    fs.readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (pattern.test(line)) hits.push(`${file}:${index + 1}: ${line.trim()}`)
      })
  }
  return hits
}

describe('French wording in the sources', () => {
  test('no point médian inside a word (« connecté·e », « invité·es »)', () => {
    expect(findAll(/\p{L}·\p{L}/u)).toEqual([])
  })

  test('no « (s) » or « (e) » plural or gender guesses in displayed text', () => {
    // Comments may say « structure(s) »; strings shown to people may not.
    const hits = findAll(/['"`>][^'"`<]*\p{L}\((?:s|e|es)\)/u, { skipTests: true }).filter((hit) => !/^\S+:\d+: (\/\/|\*|\/\*)/.test(hit))
    expect(hits).toEqual([])
  })
})
