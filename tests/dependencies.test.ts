import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

// What package.json promises a production install (`npm ci --omit=dev`): every package the server loads at run time
// sits in `dependencies`, test-only packages in `devDependencies`.

const root = path.resolve(import.meta.dirname, '..')
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'))
const pkg = readJson('package.json') as { dependencies: Record<string, string>; devDependencies: Record<string, string> }

describe('package.json', () => {
  test('happy-dom is a run-time dependency: under Node, @tiptap/html (the stored HTML of rich text) imports it', () => {
    // app/modules/rich-text/rich-text.server.ts imports `@tiptap/html`, whose Node entry builds the HTML in a
    // happy-dom window. The server bundle keeps node_modules external, so without happy-dom the server cannot start.
    const tiptapHtml = readJson('node_modules/@tiptap/html/package.json')
    const nodeEntry: string = tiptapHtml.exports['.'].import.node
    const source = fs.readFileSync(path.join(root, 'node_modules/@tiptap/html', nodeEntry), 'utf8')
    expect(source).toMatch(/from ["']happy-dom["']/)
    expect(tiptapHtml.peerDependencies).toHaveProperty('happy-dom')
    expect(pkg.dependencies).toHaveProperty('happy-dom')
    expect(pkg.devDependencies).not.toHaveProperty('happy-dom')
  })

  test('test and build tools stay out of the production install', () => {
    for (const tool of ['vitest', '@playwright/test', '@biomejs/biome', 'typescript', '@axe-core/playwright']) {
      expect(pkg.dependencies, tool).not.toHaveProperty(tool)
    }
  })
})
