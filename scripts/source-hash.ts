import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const INPUTS = ['app', 'public', 'vite.config.ts', 'package-lock.json', 'tsconfig.json']

function walk(entry: string, out: string[]) {
  if (!fs.existsSync(entry)) return
  const stat = fs.statSync(entry)
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(entry).sort()) walk(path.join(entry, child), out)
  } else if (!/\.test\.tsx?$/.test(entry)) out.push(entry)
}

/** Hash of everything the client and server bundles are built from; the build is stale when it changes. */
export function computeSourceHash(root = process.cwd()): string {
  const files: string[] = []
  for (const input of INPUTS) walk(path.join(root, input), files)
  const hash = createHash('sha256')
  for (const file of files) {
    hash.update(path.relative(root, file))
    hash.update(fs.readFileSync(file))
  }
  return hash.digest('hex')
}

export const STAMP_FILE = 'build/.source-hash'
