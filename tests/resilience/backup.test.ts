import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getEnv } from '#app/utils/env.server.ts'
import { getSqlite } from '#db/client.server.ts'
import { backupDatabase, checkIntegrity } from '../../scripts/backup.ts'
import { count, figure, killHard, nextMessage, startChild } from './harness.ts'

// Issue 18, resilience 3: `npm run db:backup`'s function (better-sqlite3's online backup) run while another process
// writes resources and indexes them; the copy, with the uploads folder, restored into a fresh DATA_DIR, starts like a
// server would (the indexer catches up) and answers the same searches as the original for what it holds.
const WRITE_MS = count(1_500, 8_000)
const QUERIES = ['recyclerie', 'crash', 'recyclerie crash']

type Probe = { answers: Record<string, { total: number; ids: string[] }>; resources: string[] }

describe('a backup taken while writing', () => {
  it('restores into a fresh DATA_DIR that answers the same searches', async () => {
    const source = getEnv()
    fs.mkdirSync(path.join(source.uploadsDir, 'structures'), { recursive: true })
    fs.writeFileSync(path.join(source.uploadsDir, 'piece-jointe.pdf'), '%PDF-1.4 essai')
    const restored = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-restauration-'))
    try {
      const writer = startChild('../../fixtures/search-crash-child.ts')
      let pages = 0
      try {
        await writer.waitFor('ready')
        await new Promise((resolve) => setTimeout(resolve, WRITE_MS / 2))
        // README « Où sont les données »: the database through the backup, then the uploads folder as it is.
        pages = (await backupDatabase(getSqlite(), path.join(restored, 'essaim.sqlite'))).pages
        fs.cpSync(source.uploadsDir, path.join(restored, 'uploads'), { recursive: true })
        await new Promise((resolve) => setTimeout(resolve, WRITE_MS / 2))
      } finally {
        await killHard(writer)
      }
      expect(checkIntegrity(path.join(restored, 'essaim.sqlite'))).toBe('ok')
      expect(fs.readFileSync(path.join(restored, 'uploads', 'piece-jointe.pdf'), 'utf8')).toBe('%PDF-1.4 essai')

      const probe = async (dataDir: string) => {
        const child = startChild('search-probe.ts', { args: QUERIES, env: { DATA_DIR: dataDir } })
        try {
          return await nextMessage<Probe>(child)
        } finally {
          await killHard(child)
        }
      }
      const original = await probe(source.dataDir)
      const copy = await probe(restored)
      // The copy holds a prefix of what was written, the original kept writing after it.
      expect(copy.resources.length).toBeGreaterThan(0)
      expect(original.resources.length).toBeGreaterThan(copy.resources.length)
      const inCopy = new Set(copy.resources)
      for (const query of QUERIES) {
        expect(copy.answers[query].ids).toEqual(original.answers[query].ids.filter((id) => inCopy.has(id)))
        expect(copy.answers[query].total).toBe(copy.answers[query].ids.length)
      }
      expect(copy.answers.recyclerie.ids).toEqual(copy.resources)
      figure(
        `sauvegarde à chaud : ${pages} pages copiées pendant l’écriture (${copy.resources.length} ressources dans la copie, ` +
          `${original.resources.length} dans l’original à la fin) ; restaurée dans un DATA_DIR neuf : integrity_check ok, ` +
          `mêmes réponses à ${QUERIES.length} recherches`,
      )
    } finally {
      fs.rmSync(restored, { recursive: true, force: true })
    }
  }, 120_000)
})
