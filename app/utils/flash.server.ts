// One-shot messages shown after a redirect ("Vous êtes connecté·e."). The cookie only carries a key from the list
// below, never free text, so nothing a user sends can end up displayed through it.

export const FLASH_MESSAGES = {
  'logged-in': 'Vous êtes connecté·e.',
  'logged-out': 'Vous êtes déconnecté·e.',
  'signed-up': 'Votre compte est créé. Un lien de confirmation vient de vous être envoyé par courriel.',
  'email-verified': 'Votre adresse électronique est confirmée. Merci !',
  'verification-sent': 'Un nouveau lien de confirmation vient de vous être envoyé.',
  'password-changed': 'Votre mot de passe est modifié. Vos autres sessions ont été fermées.',
  'password-reset': 'Votre mot de passe est réinitialisé. Vous pouvez vous connecter.',
  'session-revoked': 'La session a été fermée.',
  'sessions-revoked': 'Toutes vos autres sessions ont été fermées.',
  'email-already-verified': 'Votre adresse électronique est déjà confirmée.',
  'password-reset-requested':
    'Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient de lui être envoyé. Il est valable 1 heure.',
} as const

export type FlashKey = keyof typeof FLASH_MESSAGES

const COOKIE = 'essaim_flash'

function isFlashKey(value: string): value is FlashKey {
  return Object.hasOwn(FLASH_MESSAGES, value)
}

export function flashCookie(key: FlashKey): string {
  return `${COOKIE}=${key}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`
}

export function readFlash(request: Request): { message: string | null; headers: HeadersInit } {
  const cookies = request.headers.get('cookie') ?? ''
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([a-z-]+)`).exec(cookies)
  if (!match) return { message: null, headers: {} }
  const key = match[1]
  return {
    message: isFlashKey(key) ? FLASH_MESSAGES[key] : null,
    headers: { 'Set-Cookie': `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
  }
}
