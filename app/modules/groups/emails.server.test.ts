import { describe, expect, test } from 'vitest'
import { groupInvitationMessage, groupInvitationUrl, groupPath, joinDecisionMessage, joinRequestReceivedMessage } from './emails.server.ts'

const calaisis = { slug: 'calaisis', name: 'Calaisis', kind: 'territory' as const }
const thematic = { slug: 'tiers-lieux', name: 'Tiers-lieux <& co>', kind: 'thematic' as const }

describe('group emails', () => {
  test('links: a territory group under /territoires, a thematic one under /groupes; invitations under /groupes/invitations', () => {
    expect(groupPath(calaisis)).toBe('/territoires/calaisis')
    expect(groupPath(thematic)).toBe('/groupes/tiers-lieux')
    expect(groupInvitationUrl('abc')).toBe('http://localhost:3000/groupes/invitations/abc')
  })

  test('request received: French, the requester’s message quoted, the members page linked, HTML escaped', () => {
    const mail = joinRequestReceivedMessage({ to: 'c@exemple.fr', requesterName: 'Anne <b>', group: thematic, message: 'Bonjour & merci' })
    expect(mail.subject).toBe('Demande pour rejoindre le groupe Tiers-lieux <& co>')
    expect(mail.text).toContain('« Bonjour & merci »')
    expect(mail.text).toContain('http://localhost:3000/groupes/tiers-lieux/coordination')
    expect(mail.html).toContain('Anne &lt;b&gt;')
    expect(mail.html).not.toContain('<b>')
    expect(mail.html).toContain('lang="fr"')
  })

  test('decision: approved links the group; refused has no link; the optional message is quoted only when given', () => {
    const approved = joinDecisionMessage({ to: 'r@exemple.fr', group: calaisis, approved: true, message: '' })
    expect(approved.template).toBe('group-join-approved')
    expect(approved.text).toContain('http://localhost:3000/territoires/calaisis')
    expect(approved.text).not.toContain('Message des coordinateurs')
    const refused = joinDecisionMessage({ to: 'r@exemple.fr', group: calaisis, approved: false, message: 'Complet pour cette année.' })
    expect(refused.template).toBe('group-join-refused')
    expect(refused.text).toContain('« Complet pour cette année. »')
    expect(refused.text).not.toContain('/territoires/calaisis')
  })

  test('invitation: role, validity and the address it is bound to', () => {
    const mail = groupInvitationMessage({ to: 'i@exemple.fr', inviterName: 'Karim Benali', group: calaisis, token: 'tok', role: 'coordinator', days: 14 })
    expect(mail.subject).toBe('Invitation à rejoindre le groupe Calaisis sur Essaim')
    expect(mail.text).toContain('Karim Benali vous invite')
    expect(mail.text).toContain('coordinateur ou coordinatrice')
    expect(mail.text).toContain('valable 14 jours')
    expect(mail.text).toContain('(i@exemple.fr)')
    expect(mail.text).toContain('/groupes/invitations/tok')
  })
})
