import { type Executor, db } from '#db/client.server.ts'
import { verifyPassword } from '#app/modules/auth/password.server.ts'
import { generateSecretToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { enqueueEmail } from '#app/modules/email/outbox.server.ts'
import { emailChangeAttemptMessage, escapeHtml, siteUrl } from '#app/modules/email/templates.server.ts'
import { newId } from '#app/utils/ids.server.ts'

// Changing one's email address: a link goes to the NEW address, and the change happens only when it is opened and
// confirmed (so a typo cannot lock anyone out). The old address is told once the change is done.

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000

function message(to: string, subject: string, lines: string[], link?: { href: string; label: string }) {
  const text = [...lines, ...(link ? ['', `${link.label} : ${link.href}`] : []), '', '— L’équipe Essaim'].join('\n')
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head><body>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '',
    '<p>— L’équipe Essaim</p></body></html>',
  ].join('\n')
  return { to, subject, text, html }
}

/**
 * `token` is null when the new address belongs to another account: nothing changes, that account's owner is told by
 * email, and the caller answers exactly as when a link was sent (the form does not tell whether an address is taken).
 */
export type EmailChangeRequestResult = { ok: true; token: string | null } | { ok: false; reason: 'same' | 'wrong-password' }

export async function requestEmailChange(
  user: { id: string; name: string; email: string; passwordHash: string },
  input: { newEmail: string; currentPassword: string },
  now = new Date(),
): Promise<EmailChangeRequestResult> {
  const newEmail = input.newEmail.trim().toLowerCase()
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, reason: 'wrong-password' }
  if (newEmail === user.email) return { ok: false, reason: 'same' }
  return db.transaction().execute(async (trx) => {
    const owner = await trx.selectFrom('users').select(['email', 'name']).where('email', '=', newEmail).executeTakeFirst()
    if (owner) {
      await enqueueEmail(emailChangeAttemptMessage({ to: owner.email, name: owner.name }), trx)
      return { ok: true, token: null } as const
    }
    // Only the latest request counts.
    await trx.deleteFrom('emailChangeRequests').where('userId', '=', user.id).where('usedAt', 'is', null).execute()
    const token = generateSecretToken()
    await trx
      .insertInto('emailChangeRequests')
      .values({
        id: newId(now.getTime()),
        userId: user.id,
        newEmail,
        tokenHash: hashToken(token),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS).toISOString(),
        usedAt: null,
      })
      .execute()
    await enqueueEmail(
      {
        ...message(
          newEmail,
          'Confirmez votre nouvelle adresse électronique sur Essaim',
          [
            `Bonjour ${user.name},`,
            'Vous avez demandé à utiliser cette adresse pour votre compte Essaim. Elle remplacera l’ancienne dès que vous l’aurez confirmée.',
            'Ce lien est valable 24 heures et ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
          ],
          { href: siteUrl('/compte/email/confirmer', { token }), label: 'Confirmer ma nouvelle adresse' },
        ),
        template: 'email-change-confirm',
      },
      trx,
    )
    return { ok: true, token } as const
  })
}

export type EmailChangeState = 'valid' | 'unknown' | 'used' | 'expired'

async function findRequest(token: string, trx: Executor) {
  if (!/^[a-z2-7]{52}$/.test(token)) return null
  return (await trx.selectFrom('emailChangeRequests').selectAll().where('tokenHash', '=', hashToken(token)).executeTakeFirst()) ?? null
}

export async function checkEmailChange(token: string, now = new Date()): Promise<{ state: EmailChangeState; newEmail: string | null }> {
  const request = await findRequest(token, db)
  if (!request) return { state: 'unknown', newEmail: null }
  if (request.usedAt) return { state: 'used', newEmail: null }
  if (request.expiresAt <= now.toISOString()) return { state: 'expired', newEmail: null }
  return { state: 'valid', newEmail: request.newEmail }
}

export type ConfirmEmailChangeResult = { ok: true; userId: string } | { ok: false; reason: Exclude<EmailChangeState, 'valid'> | 'taken' }

export async function confirmEmailChange(token: string, now = new Date()): Promise<ConfirmEmailChangeResult> {
  return db.transaction().execute(async (trx) => {
    const request = await findRequest(token, trx)
    if (!request) return { ok: false, reason: 'unknown' } as const
    if (request.usedAt) return { ok: false, reason: 'used' } as const
    if (request.expiresAt <= now.toISOString()) return { ok: false, reason: 'expired' } as const
    const user = await trx.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', request.userId).executeTakeFirstOrThrow()
    if (await trx.selectFrom('users').select('id').where('email', '=', request.newEmail).executeTakeFirst()) {
      return { ok: false, reason: 'taken' } as const
    }
    await trx.updateTable('emailChangeRequests').set({ usedAt: now.toISOString() }).where('id', '=', request.id).execute()
    await trx
      .updateTable('users')
      .set({ email: request.newEmail, emailVerifiedAt: now.toISOString(), updatedAt: now.toISOString() })
      .where('id', '=', user.id)
      .execute()
    await enqueueEmail(
      {
        ...message(user.email, 'Votre adresse électronique Essaim a changé', [
          `Bonjour ${user.name},`,
          `L’adresse de votre compte Essaim est désormais ${request.newEmail}. Ce message est le dernier envoyé à cette adresse-ci.`,
          `Si vous n’êtes pas à l’origine de ce changement, contactez l’équipe d’Essaim au plus vite : ${siteUrl('/mentions-legales')}`,
        ]),
        template: 'email-changed-notice',
      },
      trx,
    )
    return { ok: true, userId: user.id } as const
  })
}
