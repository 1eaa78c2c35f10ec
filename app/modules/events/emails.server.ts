import type { OutgoingEmail } from '#app/modules/email/outbox.server.ts'
import { escapeHtml, siteUrl } from '#app/modules/email/templates.server.ts'
import { formatDateTimeFr } from '#app/utils/dates-fr.ts'

// Emails of the agenda, in French, as plain text and HTML (every value escaped). Links come from PUBLIC_URL only
// (siteUrl). They are written to the outbox in the transaction of the change that causes them.

type EventRef = { id: string; title: string; startsAt: string }

/** An event's page. */
export function eventPath(event: Pick<EventRef, 'id'>): string {
  return `/agenda/${event.id}`
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

/** To each registered or waiting person: the event is cancelled. */
export function eventCancelledMessage(input: { to: string; event: EventRef; waiting: boolean }): OutgoingEmail {
  return build('event-cancelled', input.to, `Annulé : ${input.event.title}`, [
    'Bonjour,',
    `L’événement « ${input.event.title} » prévu le ${formatDateTimeFr(input.event.startsAt)} (heure de Paris) est annulé.`,
    input.waiting
      ? 'Vous étiez sur la liste d’attente : votre demande est close, vous n’avez rien à faire.'
      : 'Vous y étiez inscrit ou inscrite : votre inscription est close, vous n’avez rien à faire.',
    { link: siteUrl(eventPath(input.event)), label: 'Voir la page de l’événement' },
  ])
}

/** To the first person waiting, promoted when a place opened. */
export function placeAvailableMessage(input: { to: string; event: EventRef }): OutgoingEmail {
  return build('event-place-available', input.to, `Une place s’est libérée : ${input.event.title}`, [
    'Bonjour,',
    `Une place s’est libérée pour « ${input.event.title} », le ${formatDateTimeFr(input.event.startsAt)} (heure de Paris) : vous êtes désormais inscrit ou inscrite.`,
    'Si vous ne pouvez plus venir, annulez votre inscription sur la page de l’événement : la place ira à la personne suivante.',
    { link: siteUrl(eventPath(input.event)), label: 'Voir la page de l’événement' },
  ])
}
