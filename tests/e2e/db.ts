// The end-to-end tests read and write the web server's own SQLite database (same file, WAL mode): the environment
// is pointed at it *before* any app module is loaded, so `db`, `createSession` … work on that file.
const dataDir = process.env.ESSAIM_E2E_DATA_DIR
if (!dataDir) throw new Error('ESSAIM_E2E_DATA_DIR is not set: run the end-to-end tests through playwright.config.ts')
process.env.DATA_DIR = dataDir
process.env.PUBLIC_URL = `http://localhost:${Number(process.env.E2E_PORT || 3100)}`
process.env.NODE_ENV = 'test'
delete process.env.SMTP_URL

const { db } = await import('#db/client.server.ts')
const { createSession } = await import('#app/modules/auth/session.server.ts')
const { createTestUser, DEFAULT_TEST_PASSWORD } = await import('#tests/factories/users.ts')
const { addTestMember, createTestStructure } = await import('#tests/factories/structures.ts')

export { addTestMember, createSession, createTestStructure, createTestUser, db, DEFAULT_TEST_PASSWORD }

export type E2EUser = Awaited<ReturnType<typeof createTestUser>>

/** Emails written to the outbox for this address, newest first. */
export async function emailsTo(address: string) {
  return db
    .selectFrom('emailOutbox')
    .selectAll()
    .where('toAddress', '=', address.toLowerCase())
    .orderBy('createdAt', 'desc')
    .execute()
}

/** Waits for the newest email to this address whose subject matches (emails are written in the request). */
export async function waitForEmail(address: string, subject: RegExp = /./, timeoutMs = 5_000) {
  const end = Date.now() + timeoutMs
  for (;;) {
    const found = (await emailsTo(address)).find((e) => subject.test(e.subject))
    if (found) return found
    if (Date.now() > end) throw new Error(`No email to ${address} matching ${subject} in the outbox`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The first link to `pathname` in an email's text version, as a path + query (the test's baseURL completes it). */
export function linkIn(text: string, pathname: string): string {
  const match = new RegExp(`https?://[^\\s<>"]*${pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s<>"]*`).exec(text)
  if (!match) throw new Error(`No link to ${pathname} in:\n${text}`)
  const url = new URL(match[0])
  return url.pathname + url.search
}

export async function getUserByEmail(email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

export async function countSessions(userId: string) {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Unique address for a test (the database is shared by the whole run). */
export function uniqueEmail(prefix = 'e2e') {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@exemple.fr`
}
