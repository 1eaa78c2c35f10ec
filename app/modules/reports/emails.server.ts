import type { OutgoingEmail } from '#app/modules/email/outbox.server.ts'
import { escapeHtml, siteUrl } from '#app/modules/email/templates.server.ts'
import type { ReportTargetKind } from '#db/schema/reports.ts'

// Emails of the reports domain, in French, as plain text and HTML (every value escaped). They tell the author of a
// reported item what happened to it — never who reported it. Written to the outbox in the transaction of the change.

function build(template: string, to: string, subject: string, paragraphs: (string | { link: string; label: string })[]): OutgoingEmail {
  const text = [...paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label} : ${p.link}`)), '', `— L’équipe Essaim\n${siteUrl('/')}`].join('\n\n')
  const html = [
    '<!doctype html>',
    '<html lang="fr">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body>',
    ...paragraphs.map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`)),
    `<p>— L’équipe Essaim<br><a href="${escapeHtml(siteUrl('/'))}">Essaim</a></p>`,
    '</body>',
    '</html>',
  ].join('\n')
  return { to, subject, text, html, template }
}

function what(kind: ReportTargetKind, title: string): string {
  if (kind === 'comment') return 'votre commentaire'
  return kind === 'resource' ? `votre ressource « ${title} »` : 'votre message'
}

/** To the author: the item is hidden after several reports, until the coordination decides. */
export function itemHiddenMessage(input: { to: string; kind: ReportTargetKind; title: string; href: string }): OutgoingEmail {
  const subject =
    input.kind === 'resource'
      ? 'Votre ressource est masquée en attente de modération'
      : input.kind === 'comment'
        ? 'Votre commentaire est masqué en attente de modération'
        : 'Votre message est masqué en attente de modération'
  return build('report-hidden', input.to, subject, [
    'Bonjour,',
    `Plusieurs personnes ont signalé ${what(input.kind, input.title)} sur Essaim. Il est masqué en attente de modération : vous le voyez toujours, les autres membres non.`,
    'La coordination va l’examiner, puis le rétablir ou le retirer. Vous recevrez sa décision par courriel.',
    { link: siteUrl(input.href.split('#')[0]), label: 'Voir le contenu concerné' },
  ])
}

/** To the author: the coordination's decision, with its note. */
export function reportDecisionMessage(input: {
  to: string
  kind: ReportTargetKind
  title: string
  href: string
  decision: 'restore' | 'remove'
  note: string
}): OutgoingEmail {
  const restored = input.decision === 'restore'
  const subject = restored ? 'Votre contenu signalé est rétabli' : 'Votre contenu signalé est retiré'
  return build(restored ? 'report-restored' : 'report-removed', input.to, subject, [
    'Bonjour,',
    restored
      ? `La coordination a examiné les signalements portant sur ${what(input.kind, input.title)} : il est rétabli et de nouveau visible.`
      : `La coordination a examiné les signalements portant sur ${what(input.kind, input.title)} : il est retiré${input.kind === 'resource' ? ' (archivé et masqué)' : ''}.`,
    ...(input.note ? [`Son message : « ${input.note} »`] : []),
    ...(restored ? [] : ['Si vous pensez qu’il s’agit d’une erreur, répondez à ce courriel ou écrivez à la coordination de votre territoire.']),
    { link: siteUrl(input.href.split('#')[0]), label: 'Voir le contenu concerné' },
  ])
}
