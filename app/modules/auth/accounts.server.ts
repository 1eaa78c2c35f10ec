import { type Executor, db } from '#db/client.server.ts'
import type { AuthTokenPurpose, User } from '#db/schema.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { passwordChangedMessage, resetPasswordMessage, signUpAttemptMessage, verifyEmailMessage } from '#app/modules/email/templates.server.ts'
import { newId } from '#app/utils/ids.server.ts'
import {
  type Sleep,
  clearFailedLogins,
  getLoginThrottle,
  getUnknownAddressThrottle,
  realSleep,
  recordFailedLogin,
  recordUnknownAddressFailure,
} from './login-throttle.server.ts'
import { hashPassword, verifyPassword } from './password.server.ts'
import { createSession, invalidateUserSessions, listUserSessions } from './session.server.ts'
import { generateSecretToken, hashToken, hashesEqual } from './tokens.server.ts'

// Accounts: sign-up, email verification, log-in, forgotten password, password change and the sessions of one's own
// account. Routes call these functions; nothing here knows about HTTP.

export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000

const TOKEN_TTL: Record<AuthTokenPurpose, number> = {
  verify_email: EMAIL_VERIFICATION_TTL_MS,
  reset_password: PASSWORD_RESET_TTL_MS,
}

export async function findUserByEmail(email: string, trx: Executor = db): Promise<User | null> {
  return (await trx.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst()) ?? null
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

// ---------------------------------------------------------------------------------------------------------------
// One-time tokens (email verification, password reset): 32 random bytes sent by email, only the SHA-256 stored.

async function issueAuthToken(trx: Executor, userId: string, purpose: AuthTokenPurpose, now: Date): Promise<string> {
  const token = generateSecretToken()
  await trx
    .insertInto('authTokens')
    .values({
      id: newId(now.getTime()),
      tokenHash: hashToken(token),
      userId,
      purpose,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + TOKEN_TTL[purpose]).toISOString(),
      usedAt: null,
    })
    .execute()
  return token
}

export type TokenState = 'valid' | 'unknown' | 'used' | 'expired'

async function findAuthToken(trx: Executor, token: string, purpose: AuthTokenPurpose, now: Date) {
  if (!/^[a-z2-7]{52}$/.test(token)) return { state: 'unknown' as const, row: null }
  const tokenHash = hashToken(token)
  const row = await trx
    .selectFrom('authTokens')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst()
  if (!row || !hashesEqual(row.tokenHash, tokenHash)) return { state: 'unknown' as const, row: null }
  if (row.usedAt) return { state: 'used' as const, row }
  if (now.getTime() >= new Date(row.expiresAt).getTime()) return { state: 'expired' as const, row }
  return { state: 'valid' as const, row }
}

/** Read-only look at a token (GET pages: nothing changes). */
export async function checkAuthToken(token: string, purpose: AuthTokenPurpose, now = new Date()): Promise<TokenState> {
  return (await findAuthToken(db, token, purpose, now)).state
}

/** Marks a valid token used, inside the caller's transaction. Returns its user when it was valid. */
async function consumeAuthToken(trx: Executor, token: string, purpose: AuthTokenPurpose, now: Date) {
  const found = await findAuthToken(trx, token, purpose, now)
  if (found.state !== 'valid') return { state: found.state, userId: null }
  const result = await trx
    .updateTable('authTokens')
    .set({ usedAt: now.toISOString() })
    .where('id', '=', found.row.id)
    .where('usedAt', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return { state: 'used' as const, userId: null }
  return { state: 'valid' as const, userId: found.row.userId }
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-up and email verification

export type SignUpResult =
  | { ok: true; user: User; cookie: string }
  | { ok: false; reason: 'email-taken' }

/**
 * Creates a member, their verification token and email, and a session, all in one transaction.
 * The password is hashed before the transaction so the write lock is not held during Argon2.
 * When the address already has an account, nothing is created and its owner gets an email saying so (with links
 * to log in and to choose a new password): the route answers as for a new account, so the form does not tell
 * whether an address is registered. The Argon2 hash is computed in both cases, so the timing is the same too.
 */
export async function signUp(input: {
  email: string
  name: string
  password: string
  /** The territory the person says they act in (optional): its group is offered on /compte. */
  territoryId?: string | null
  userAgent?: string | null
  now?: Date
}): Promise<SignUpResult> {
  const now = input.now ?? new Date()
  const email = normaliseEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (trx): Promise<SignUpResult> => {
    const existing = await findUserByEmail(email, trx)
    if (existing) {
      await enqueueEmail(signUpAttemptMessage({ to: existing.email, name: existing.name }), trx)
      return { ok: false, reason: 'email-taken' }
    }
    const user: User = {
      id: newId(now.getTime()),
      email,
      name: input.name.trim(),
      passwordHash,
      role: 'member',
      emailVerifiedAt: null,
      charterAcceptedAt: now.toISOString(),
      territoryId: input.territoryId ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    }
    await trx.insertInto('users').values(user).execute()
    const token = await issueAuthToken(trx, user.id, 'verify_email', now)
    await enqueueEmail(verifyEmailMessage({ to: user.email, name: user.name, token }), trx)
    const { cookie } = await createSession(user.id, { userAgent: input.userAgent, now, trx })
    return { ok: true, user, cookie }
  })
}

/** A new verification link; the unused earlier ones stop working. */
export async function resendEmailVerification(userId: string, now = new Date()): Promise<'sent' | 'already-verified'> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()
    if (user.emailVerifiedAt) return 'already-verified'
    await trx
      .deleteFrom('authTokens')
      .where('userId', '=', userId)
      .where('purpose', '=', 'verify_email')
      .where('usedAt', 'is', null)
      .execute()
    const token = await issueAuthToken(trx, userId, 'verify_email', now)
    await enqueueEmail(verifyEmailMessage({ to: user.email, name: user.name, token }), trx)
    return 'sent'
  })
}

export async function verifyEmail(
  token: string,
  now = new Date(),
): Promise<{ status: 'verified'; userId: string } | { status: Exclude<TokenState, 'valid'> }> {
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeAuthToken(trx, token, 'verify_email', now)
    if (consumed.state !== 'valid' || !consumed.userId) return { status: consumed.state === 'valid' ? 'used' : consumed.state }
    const user = await trx.selectFrom('users').select('emailVerifiedAt').where('id', '=', consumed.userId).executeTakeFirstOrThrow()
    if (!user.emailVerifiedAt) {
      await trx
        .updateTable('users')
        .set({ emailVerifiedAt: now.toISOString(), updatedAt: now.toISOString() })
        .where('id', '=', consumed.userId)
        .execute()
    }
    return { status: 'verified', userId: consumed.userId }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Log-in

/** Argon2 hash of a random password, verified when the email is unknown so both cases take the same time. */
let dummyHash: Promise<string> | undefined
function getDummyHash() {
  dummyHash ??= hashPassword(generateSecretToken())
  return dummyHash
}

export type LogInResult = { ok: true; user: User; cookie: string } | { ok: false }

/**
 * Checks an email and password and opens a new session. Unknown email and wrong password give the same answer,
 * after an Argon2 verification in both cases. See login-throttle.server.ts for delays and the (non-)lock-out.
 */
export async function logIn(input: {
  email: string
  password: string
  clientIp: string
  userAgent?: string | null
  now?: Date
  sleep?: Sleep
}): Promise<LogInResult> {
  const now = input.now ?? new Date()
  const sleep = input.sleep ?? realSleep
  const user = await findUserByEmail(input.email)
  if (!user) {
    // An address without an account goes through the same delays and the same Argon2 work: neither the answer nor
    // its timing tells whether the address is registered.
    const throttle = getUnknownAddressThrottle(input.email, input.clientIp, now)
    if (throttle.delayMs > 0) await sleep(throttle.delayMs)
    await verifyPassword(await getDummyHash(), input.password)
    if (!throttle.refuseCheck) recordUnknownAddressFailure(input.email, input.clientIp, now)
    return { ok: false }
  }
  const throttle = await getLoginThrottle(user.id, input.clientIp, now)
  if (throttle.delayMs > 0) await sleep(throttle.delayMs)
  if (throttle.refuseCheck) {
    await verifyPassword(await getDummyHash(), input.password)
    return { ok: false }
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordFailedLogin(user.id, input.clientIp, now)
    return { ok: false }
  }
  await clearFailedLogins(user.id)
  const { cookie } = await createSession(user.id, { userAgent: input.userAgent, now })
  return { ok: true, user, cookie }
}

// ---------------------------------------------------------------------------------------------------------------
// Forgotten password

/** Sends a reset link when the address has an account; does nothing otherwise (the caller answers the same). */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  const user = await findUserByEmail(email)
  if (!user) return
  await db.transaction().execute(async (trx) => {
    const token = await issueAuthToken(trx, user.id, 'reset_password', now)
    await enqueueEmail(resetPasswordMessage({ to: user.email, name: user.name, token }), trx)
  })
}

/**
 * Sets a new password from a reset link: the link is used up (with every other pending reset link), every session
 * is closed, the address counts as verified (the person proved they read its mail) and a notice is emailed.
 */
export async function resetPassword(input: {
  token: string
  password: string
  now?: Date
}): Promise<{ status: 'reset'; userId: string } | { status: Exclude<TokenState, 'valid'> }> {
  const now = input.now ?? new Date()
  // Cheap check first, so an invalid link does not cost an Argon2 hash.
  const state = await checkAuthToken(input.token, 'reset_password', now)
  if (state !== 'valid') return { status: state }
  const passwordHash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeAuthToken(trx, input.token, 'reset_password', now)
    if (consumed.state !== 'valid' || !consumed.userId) return { status: consumed.state === 'valid' ? 'used' : consumed.state }
    const userId = consumed.userId
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()
    await trx
      .updateTable('users')
      .set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now.toISOString(), updatedAt: now.toISOString() })
      .where('id', '=', userId)
      .execute()
    await trx
      .updateTable('authTokens')
      .set({ usedAt: now.toISOString() })
      .where('userId', '=', userId)
      .where('purpose', '=', 'reset_password')
      .where('usedAt', 'is', null)
      .execute()
    await invalidateUserSessions(userId, { trx })
    await clearFailedLogins(userId, trx)
    await enqueueEmail(passwordChangedMessage({ to: user.email, name: user.name, at: now }), trx)
    return { status: 'reset' as const, userId }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The account page

export type ChangePasswordResult = { ok: true; cookie: string } | { ok: false; reason: 'wrong-current-password' }

/** Changes the password of a logged-in member: every session is closed and a new one opened for this browser. */
export async function changePassword(input: {
  user: User
  currentPassword: string
  newPassword: string
  userAgent?: string | null
  now?: Date
}): Promise<ChangePasswordResult> {
  const now = input.now ?? new Date()
  if (!(await verifyPassword(input.user.passwordHash, input.currentPassword))) {
    return { ok: false, reason: 'wrong-current-password' }
  }
  const passwordHash = await hashPassword(input.newPassword)
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: now.toISOString() })
      .where('id', '=', input.user.id)
      .execute()
    await invalidateUserSessions(input.user.id, { trx })
    await trx
      .updateTable('authTokens')
      .set({ usedAt: now.toISOString() })
      .where('userId', '=', input.user.id)
      .where('purpose', '=', 'reset_password')
      .where('usedAt', 'is', null)
      .execute()
    const { cookie } = await createSession(input.user.id, { userAgent: input.userAgent, now, trx })
    await enqueueEmail(passwordChangedMessage({ to: input.user.email, name: input.user.name, at: now }), trx)
    return { ok: true as const, cookie }
  })
}

export async function listAccountSessions(userId: string, currentSessionId: string | null, now = new Date()) {
  const sessions = await listUserSessions(userId, now)
  return sessions.map((session) => ({
    id: session.id,
    device: session.userAgent,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    current: session.id === currentSessionId,
  }))
}

/** Closes one of the member's own sessions. False when the id is not one of theirs (nothing happens). */
export async function revokeOwnSession(userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('userId', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/** Closes every session of the member except this one; returns how many were closed. */
export async function revokeOtherSessions(userId: string, currentSessionId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('userId', '=', userId)
    .where('id', '!=', currentSessionId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
