import { getEnv } from '#app/utils/env.server.ts'
import type { OutgoingEmail } from './outbox.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'

// The account emails, in French, as plain text and HTML. Every value put into the HTML goes through `escapeHtml`;
// links are built from PUBLIC_URL only, never from the request (a forged Host header cannot redirect a reset link).

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char])
}

/** An absolute link to a page of the site, from the configured public URL. */
export function siteUrl(pathname: string, params: Record<string, string> = {}): string {
  const url = new URL(pathname, getEnv().publicUrl)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}


function layout(title: string, bodyHtml: string): string {
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body>',
    bodyHtml,
    `<p>— L’équipe Essaim<br><a href="${escapeHtml(siteUrl('/'))}">${escapeHtml(getEnv().publicUrl.host)}</a></p>`,
    '</body>',
    '</html>',
  ].join('\n')
}

function textFooter(): string {
  return `— L’équipe Essaim\n${siteUrl('/')}`
}

export function verifyEmailMessage(input: { to: string; name: string; token: string }): OutgoingEmail {
  const link = siteUrl('/confirmer-email', { token: input.token })
  const subject = 'Confirmez votre adresse électronique sur Essaim'
  const text = [
    `Bonjour ${input.name},`,
    '',
    'Pour confirmer votre adresse électronique sur Essaim, ouvrez ce lien puis cliquez sur « Confirmer mon adresse » :',
    link,
    '',
    'Ce lien est valable 24 heures et ne sert qu’une fois.',
    'Si vous n’avez pas créé de compte sur Essaim, ignorez ce message : rien ne se passera.',
    '',
    textFooter(),
  ].join('\n')
  const html = layout(
    subject,
    [
      `<p>Bonjour ${escapeHtml(input.name)},</p>`,
      '<p>Pour confirmer votre adresse électronique sur Essaim, ouvrez ce lien puis cliquez sur « Confirmer mon adresse » :</p>',
      `<p><a href="${escapeHtml(link)}">Confirmer mon adresse électronique</a></p>`,
      '<p>Ce lien est valable 24 heures et ne sert qu’une fois.</p>',
      '<p>Si vous n’avez pas créé de compte sur Essaim, ignorez ce message : rien ne se passera.</p>',
    ].join('\n'),
  )
  return { to: input.to, subject, text, html, template: 'verify-email' }
}

export function resetPasswordMessage(input: { to: string; name: string; token: string }): OutgoingEmail {
  const link = siteUrl('/reinitialiser-mot-de-passe', { token: input.token })
  const subject = 'Choisir un nouveau mot de passe sur Essaim'
  const text = [
    `Bonjour ${input.name},`,
    '',
    'Quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte Essaim.',
    'Pour choisir un nouveau mot de passe, ouvrez ce lien :',
    link,
    '',
    'Ce lien est valable 1 heure et ne sert qu’une fois.',
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    '',
    textFooter(),
  ].join('\n')
  const html = layout(
    subject,
    [
      `<p>Bonjour ${escapeHtml(input.name)},</p>`,
      '<p>Quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte Essaim.</p>',
      `<p><a href="${escapeHtml(link)}">Choisir un nouveau mot de passe</a></p>`,
      '<p>Ce lien est valable 1 heure et ne sert qu’une fois.</p>',
      '<p>Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.</p>',
    ].join('\n'),
  )
  return { to: input.to, subject, text, html, template: 'reset-password' }
}

export function passwordChangedMessage(input: { to: string; name: string; at: Date }): OutgoingEmail {
  const when = formatDateTimeFr(input.at)
  const resetLink = siteUrl('/mot-de-passe-oublie')
  const subject = 'Votre mot de passe Essaim a été modifié'
  const text = [
    `Bonjour ${input.name},`,
    '',
    `Le mot de passe de votre compte Essaim a été modifié le ${when} (heure de Paris).`,
    'Toutes les sessions ouvertes avec l’ancien mot de passe ont été fermées.',
    '',
    'Si vous n’êtes pas à l’origine de ce changement, choisissez tout de suite un nouveau mot de passe :',
    resetLink,
    '',
    textFooter(),
  ].join('\n')
  const html = layout(
    subject,
    [
      `<p>Bonjour ${escapeHtml(input.name)},</p>`,
      `<p>Le mot de passe de votre compte Essaim a été modifié le ${escapeHtml(when)} (heure de Paris).</p>`,
      '<p>Toutes les sessions ouvertes avec l’ancien mot de passe ont été fermées.</p>',
      `<p>Si vous n’êtes pas à l’origine de ce changement, <a href="${escapeHtml(resetLink)}">choisissez tout de suite un nouveau mot de passe</a>.</p>`,
    ].join('\n'),
  )
  return { to: input.to, subject, text, html, template: 'password-changed' }
}

/**
 * Sent to the owner of an address when someone tries to create an account with it: the sign-up form answers the same
 * whether the address is free or not (no account enumeration), so the owner is the one told.
 */
export function signUpAttemptMessage(input: { to: string; name: string }): OutgoingEmail {
  const loginLink = siteUrl('/connexion')
  const resetLink = siteUrl('/mot-de-passe-oublie')
  const subject = 'Tentative de création de compte avec votre adresse sur Essaim'
  const text = [
    `Bonjour ${input.name},`,
    '',
    'Quelqu’un (vous, peut-être) a essayé de créer un compte Essaim avec votre adresse électronique. Un compte existe déjà pour cette adresse : rien n’a été créé ni modifié.',
    '',
    'Pour vous connecter à votre compte :',
    loginLink,
    'Si vous avez oublié votre mot de passe, choisissez-en un nouveau :',
    resetLink,
    '',
    'Si vous n’êtes pas à l’origine de cette tentative, ignorez ce message : votre compte reste inchangé.',
    '',
    textFooter(),
  ].join('\n')
  const html = layout(
    subject,
    [
      `<p>Bonjour ${escapeHtml(input.name)},</p>`,
      '<p>Quelqu’un (vous, peut-être) a essayé de créer un compte Essaim avec votre adresse électronique. Un compte existe déjà pour cette adresse : rien n’a été créé ni modifié.</p>',
      `<p><a href="${escapeHtml(loginLink)}">Me connecter à mon compte</a></p>`,
      `<p>Si vous avez oublié votre mot de passe, <a href="${escapeHtml(resetLink)}">choisissez-en un nouveau</a>.</p>`,
      '<p>Si vous n’êtes pas à l’origine de cette tentative, ignorez ce message : votre compte reste inchangé.</p>',
    ].join('\n'),
  )
  return { to: input.to, subject, text, html, template: 'sign-up-attempt' }
}

/**
 * Sent to the owner of an address when another account asks to take it as its new address: the email-change form
 * answers the same whether the address is free or not, and nothing changes.
 */
export function emailChangeAttemptMessage(input: { to: string; name: string }): OutgoingEmail {
  const loginLink = siteUrl('/connexion')
  const resetLink = siteUrl('/mot-de-passe-oublie')
  const subject = 'Votre adresse a été proposée pour un autre compte Essaim'
  const text = [
    `Bonjour ${input.name},`,
    '',
    'Quelqu’un a demandé à utiliser votre adresse électronique pour un autre compte Essaim. Elle appartient déjà à votre compte : rien n’a été modifié, et elle ne peut pas servir à un autre compte.',
    '',
    'Pour vous connecter à votre compte :',
    loginLink,
    'Si vous avez oublié votre mot de passe, choisissez-en un nouveau :',
    resetLink,
    '',
    textFooter(),
  ].join('\n')
  const html = layout(
    subject,
    [
      `<p>Bonjour ${escapeHtml(input.name)},</p>`,
      '<p>Quelqu’un a demandé à utiliser votre adresse électronique pour un autre compte Essaim. Elle appartient déjà à votre compte : rien n’a été modifié, et elle ne peut pas servir à un autre compte.</p>',
      `<p><a href="${escapeHtml(loginLink)}">Me connecter à mon compte</a></p>`,
      `<p>Si vous avez oublié votre mot de passe, <a href="${escapeHtml(resetLink)}">choisissez-en un nouveau</a>.</p>`,
    ].join('\n'),
  )
  return { to: input.to, subject, text, html, template: 'email-change-attempt' }
}
