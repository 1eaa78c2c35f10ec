import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, vi } from 'vitest'

// One real SQLite database per worker, copied from the migrated template built by global-setup.ts.
const root = process.env.ESSAIM_TEST_DIR
if (!root) throw new Error('ESSAIM_TEST_DIR is not set: run the tests through vitest (global-setup.ts)')
const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0'
const dataDir = path.join(root, `worker-${workerId}-${process.pid}`)
if (!fs.existsSync(path.join(dataDir, 'essaim.sqlite'))) {
  fs.mkdirSync(path.join(dataDir, 'uploads'), { recursive: true })
  fs.copyFileSync(path.join(root, 'template', 'essaim.sqlite'), path.join(dataDir, 'essaim.sqlite'))
}
process.env.NODE_ENV = 'test'
process.env.DATA_DIR = dataDir
process.env.PUBLIC_URL = 'http://localhost:3000'
delete process.env.SMTP_URL
delete process.env.MEILISEARCH_URL

// A test fails on console.error: an error logged is an error not handled.
let errors: unknown[][] = []
beforeEach(() => {
  errors = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args)
  })
})
afterEach(() => {
  vi.mocked(console.error).mockRestore()
  if (errors.length > 0) {
    const first = errors[0].map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
    throw new Error(`console.error was called ${errors.length} time(s): ${first}`)
  }
})

afterAll(async () => {
  const { closeDb } = await import('../../db/client.server.ts')
  await closeDb()
})
