import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { db, getSqlite } from '#db/client.server.ts'
import { searchOutboxCounts } from '#search/indexer.server.ts'
import { drainSearchOutbox } from './indexing.server.ts'
import { SqliteSearchEngine } from '#search/sqlite/sqlite-engine.ts'

// Kill -9 a process that writes and indexes, at an arbitrary moment: the next start catches up and the index holds
// exactly what the database says, nothing lost, nothing extra.
describe('crash and catch-up', () => {
  it('loses no update when the writing and indexing process is killed', async () => {
    const sqlite = getSqlite()
    sqlite.exec("insert into search_fts(search_fts) values ('delete-all'); delete from search_documents; delete from search_outbox;")
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/search-crash-child.ts'], {
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve()
      })
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)))
    })
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 500))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))

    const written = (await db.selectFrom('resources').select('id').where('title', 'like', 'Crash %').execute()).map((r) => r.id)
    expect(written.length).toBeGreaterThan(5)
    // The next start: drain whatever is left.
    const engine = new SqliteSearchEngine(sqlite)
    await engine.init({ synonyms: [] })
    await drainSearchOutbox({ engine })
    expect(await searchOutboxCounts()).toEqual({ pending: 0, failed: 0 })
    const indexed = (await engine.listKeys()).filter((k) => k.startsWith('resource:0193d000')).map((k) => k.slice('resource:'.length))
    expect(indexed.sort()).toEqual(written.sort())
    const found = await engine.search({ query: 'recyclerie', access: { visibilities: ['public'], groupIds: [] }, perPage: 1 })
    expect(found.total).toBe(written.length)
  }, 60_000)
})
