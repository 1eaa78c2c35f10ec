// Child of concurrent-writes.test.ts: one of several processes writing the same rows of one SQLite file through the
// app's own write functions and database client (WAL, busy_timeout, BEGIN IMMEDIATE). It waits for « go » so that
// every process writes at the same time, then reports what it did and every error it met.
import { viewerById } from '#app/modules/auth/viewer.server.ts'
import { toggleReaction } from '#app/modules/comments/reactions.server.ts'
import { countResourceView } from '#app/modules/indicators/view-stats.server.ts'
import { closeDb } from '#db/client.server.ts'
import { errorCode } from '../harness.ts'

const [resourceId, userId, writesArg] = process.argv.slice(2)
const writes = Number(writesArg)
const actor = await viewerById(userId)
if (!actor) throw new Error(`no user ${userId}`)
await new Promise<void>((resolve) => {
  process.once('message', () => resolve())
  process.send?.('ready')
})
const errors: Record<string, number> = {}
let views = 0
let activations = 0
let deactivations = 0
for (let i = 0; i < writes; i++) {
  try {
    if (i % 2 === 0) {
      await countResourceView(resourceId)
      views++
    } else {
      const result = await toggleReaction({ actor, resourceId, kind: 'useful' })
      if (!result.ok) throw new Error(`toggleReaction refused: ${JSON.stringify(result)}`)
      if (result.active) activations++
      else deactivations++
    }
  } catch (error) {
    const code = errorCode(error)
    errors[code] = (errors[code] ?? 0) + 1
  }
}
await closeDb()
process.send?.({ views, activations, deactivations, errors }, () => process.exit(0))
