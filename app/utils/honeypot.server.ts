export const HONEYPOT_FIELD = 'website'

/** A filled honeypot means a bot: answer 400 without saying why. */
export function assertHoneypotEmpty(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD)
  if (typeof value === 'string' && value.trim() !== '') {
    throw new Response('Formulaire refusé.', { status: 400, statusText: 'Bad Request' })
  }
}
