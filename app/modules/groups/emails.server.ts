import type { OutgoingEmail } from '#app/modules/email/outbox.server.ts'
import { escapeHtml, siteUrl } from '#app/modules/email/templates.server.ts'

// Emails of the groups domain, in French, as plain text and HTML (every value escaped). Links come from PUBLIC_URL
// only (siteUrl). They are written to the outbox in the transaction of the change that causes them.

type GroupRef = { slug: string; name: string; kind: 'territory' | 'thematic' }

/** A group's page: a territory group lives at /territoires/<slug>, a thematic one at /groupes/<slug>. */
export function groupPath(group: Pick<GroupRef, 'slug' | 'kind'>): string {
  return group.kind === 'territory' ? `/territoires/${group.slug}` : `/groupes/${group.slug}`
}

/** The invitation link (the route is /groupes/invitations/<token>). */
export function groupInvitationUrl(token: string): string {
  return siteUrl(`/groupes/invitations/${token}`)
}

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

/** To each coordinator (or, in a group without any, each administrator): someone asks to join. */
export function joinRequestReceivedMessage(input: { to: string; requesterName: string; group: GroupRef; message: string }) {
  return build('group-join-request', input.to, `Demande pour rejoindre le groupe ${input.group.name}`, [
    'Bonjour,',
    `${input.requesterName} demande à rejoindre le groupe « ${input.group.name} » sur Essaim.`,
    ...(input.message ? [`Son message : « ${input.message} »`] : []),
    { link: siteUrl(`${groupPath(input.group)}/coordination`), label: 'Accepter ou refuser la demande' },
  ])
}

/** To the requester: the coordinators' decision, with their optional message. */
export function joinDecisionMessage(input: { to: string; group: GroupRef; approved: boolean; message: string }) {
  const message = input.message.trim()
  return build(
    input.approved ? 'group-join-approved' : 'group-join-refused',
    input.to,
    input.approved ? `Bienvenue dans le groupe ${input.group.name}` : `Votre demande pour rejoindre le groupe ${input.group.name}`,
    input.approved
      ? [
          'Bonjour,',
          `Votre demande pour rejoindre le groupe « ${input.group.name} » a été acceptée : vous en êtes désormais membre.`,
          ...(message ? [`Message des coordinateurs : « ${message} »`] : []),
          { link: siteUrl(groupPath(input.group)), label: 'Voir le groupe' },
        ]
      : [
          'Bonjour,',
          `Votre demande pour rejoindre le groupe « ${input.group.name} » n’a pas été acceptée.`,
          ...(message ? [`Message des coordinateurs : « ${message} »`] : []),
        ],
  )
}

/** To the invited address: the signed link, valid `days` days, for the account holding that address only. */
export function groupInvitationMessage(input: {
  to: string
  inviterName: string
  group: GroupRef
  token: string
  role: 'member' | 'coordinator'
  days: number
}) {
  return build('group-invitation', input.to, `Invitation à rejoindre le groupe ${input.group.name} sur Essaim`, [
    'Bonjour,',
    `${input.inviterName} vous invite à rejoindre le groupe « ${input.group.name} » sur Essaim, le réseau de partage de connaissances de l’ESS du Pas-de-Calais, en tant que ${input.role === 'coordinator' ? 'coordinateur ou coordinatrice' : 'membre'}.`,
    { link: groupInvitationUrl(input.token), label: 'Voir l’invitation' },
    `Ce lien est valable ${input.days} jours, ne sert qu’une fois et ne peut être accepté qu’avec un compte ouvert à cette adresse (${input.to}). Si vous n’avez pas encore de compte, vous pourrez en créer un avec elle.`,
    'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
  ])
}
