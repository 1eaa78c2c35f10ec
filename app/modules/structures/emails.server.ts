import type { OutgoingEmail } from '#app/modules/email/outbox.server.ts'
import { escapeHtml, siteUrl } from '#app/modules/email/templates.server.ts'

// Emails of the structures domain, in French, as plain text and HTML (every value escaped).

function build(template: string, to: string, subject: string, paragraphs: (string | { link: string; label: string })[]): OutgoingEmail {
  const text = [
    ...paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label} : ${p.link}`)),
    '',
    `— L’équipe Essaim\n${siteUrl('/')}`,
  ].join('\n\n')
  const html = [
    '<!doctype html>',
    '<html lang="fr">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body>',
    ...paragraphs.map((p) =>
      typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`,
    ),
    `<p>— L’équipe Essaim<br><a href="${escapeHtml(siteUrl('/'))}">Essaim</a></p>`,
    '</body>',
    '</html>',
  ].join('\n')
  return { to, subject, text, html, template }
}

export function invitationMessage(input: { to: string; inviterName: string; structureName: string; token: string; role: 'owner' | 'member' }) {
  const link = siteUrl(`/invitations/${input.token}`)
  return build('structure-invitation', input.to, `Invitation à rejoindre ${input.structureName} sur Essaim`, [
    'Bonjour,',
    `${input.inviterName} vous invite à rejoindre « ${input.structureName} » sur Essaim, le réseau de partage de connaissances de l’ESS du Pas-de-Calais, en tant que ${input.role === 'owner' ? 'responsable' : 'membre'}.`,
    { link, label: 'Voir l’invitation' },
    'Ce lien est valable 7 jours et ne sert qu’une fois. Si vous n’avez pas encore de compte, vous pourrez en créer un avec cette adresse.',
    'Si vous ne connaissez pas cette structure, ignorez ce message.',
  ])
}

export function joinRequestMessage(input: { to: string; requesterName: string; structureName: string; slug: string; message: string }) {
  return build('structure-join-request', input.to, `Demande pour rejoindre ${input.structureName}`, [
    'Bonjour,',
    `${input.requesterName} demande à rejoindre « ${input.structureName} » sur Essaim.`,
    ...(input.message ? [`Son message : « ${input.message} »`] : []),
    { link: siteUrl(`/structures/${input.slug}/membres`), label: 'Accepter ou refuser la demande' },
  ])
}

export function joinDecisionMessage(input: { to: string; structureName: string; slug: string; accepted: boolean }) {
  return build(
    input.accepted ? 'structure-join-accepted' : 'structure-join-refused',
    input.to,
    input.accepted ? `Bienvenue dans ${input.structureName}` : `Votre demande pour rejoindre ${input.structureName}`,
    input.accepted
      ? ['Bonjour,', `Votre demande pour rejoindre « ${input.structureName} » a été acceptée.`, { link: siteUrl(`/structures/${input.slug}`), label: 'Voir la structure' }]
      : ['Bonjour,', `Votre demande pour rejoindre « ${input.structureName} » n’a pas été acceptée par ses responsables.`],
  )
}

export function memberJoinedMessage(input: { to: string; memberName: string; structureName: string; slug: string }) {
  return build('structure-member-joined', input.to, `${input.memberName} a rejoint ${input.structureName}`, [
    'Bonjour,',
    `${input.memberName} a accepté votre invitation et fait désormais partie de « ${input.structureName} ».`,
    { link: siteUrl(`/structures/${input.slug}/membres`), label: 'Voir les membres' },
  ])
}

export function memberLeftMessage(input: { to: string; memberName: string; structureName: string; slug: string }) {
  return build('structure-member-left', input.to, `${input.memberName} a quitté ${input.structureName}`, [
    'Bonjour,',
    `${input.memberName} ne fait plus partie de « ${input.structureName} ».`,
    { link: siteUrl(`/structures/${input.slug}/membres`), label: 'Voir les membres' },
  ])
}
