import type { Env } from '#app/utils/env.server.ts'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost'])

/**
 * The one rule of the development mailbox (/dev/emails and /dev/emails/:id): it is served where no email can leave
 * and the person reading is the one running the server.
 * - development: always;
 * - a local trial run (`npm start` without SMTP_URL nor PUBLIC_URL, production mode included) or the test suite:
 *   yes — but in production mode only to a client on this machine (loopback), so a real deployment that forgot
 *   PUBLIC_URL does not publish its password-reset links;
 * - SMTP_URL set, or PUBLIC_URL set without SMTP_URL (a real deployment): never (404).
 */
export function isDevMailboxServed(env: Env, clientIp: string | undefined): boolean {
  if (env.nodeEnv === 'development') return true
  if (env.emailDelivery !== 'dev-mailbox') return false
  if (!env.isProduction) return true
  return clientIp !== undefined && LOOPBACK.has(clientIp)
}

/** One line of the start log: where the emails go. */
export function emailDeliveryLine(env: Env): string {
  switch (env.emailDelivery) {
    case 'smtp': {
      const host = new URL(env.smtpUrl ?? 'smtp://inconnu').host
      return `Courriels : envoyés par le serveur SMTP ${host} (expéditeur ${env.mailFrom})`
    }
    case 'dev-mailbox':
      return `Courriels : aucun envoi (pas de SMTP_URL), à lire dans la boîte de développement ${new URL('/dev/emails', env.publicUrl.origin).href}`
    case 'disabled':
      return 'ATTENTION — courriels : PUBLIC_URL est défini mais SMTP_URL ne l’est pas : aucun courriel ne part (confirmations d’adresse, mots de passe oubliés…). Ils attendent dans la file jusqu’à ce que SMTP_URL soit configuré (voir /healthz).'
  }
}
