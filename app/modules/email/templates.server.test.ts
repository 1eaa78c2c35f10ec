import { afterEach, describe, expect, test } from 'vitest'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { escapeHtml, passwordChangedMessage, resetPasswordMessage, verifyEmailMessage } from './templates.server.ts'

const nasty = '<script>alert("x")</script> & \'Léa\''

describe('email templates', () => {
  afterEach(() => {
    process.env.PUBLIC_URL = 'http://localhost:3000'
    resetEnvCache()
  })

  test('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  test.each([
    ['verify-email', verifyEmailMessage({ to: 'a@b.fr', name: nasty, token: 'abc' }), '/confirmer-email?token=abc'],
    ['reset-password', resetPasswordMessage({ to: 'a@b.fr', name: nasty, token: 'abc' }), '/reinitialiser-mot-de-passe?token=abc'],
    ['password-changed', passwordChangedMessage({ to: 'a@b.fr', name: nasty, at: new Date() }), '/mot-de-passe-oublie'],
  ])('%s: French, escaped, links from PUBLIC_URL', (template, email, path) => {
    expect(email.template).toBe(template)
    expect(email.to).toBe('a@b.fr')
    expect(email.html).not.toContain('<script>')
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Léa&#39;')
    expect(email.text).toContain(`Bonjour ${nasty},`)
    expect(email.text).toContain(`http://localhost:3000${path}`)
    expect(email.html).toContain(`href="http://localhost:3000${path}"`)
    expect(email.html).toContain('<html lang="fr">')
  })

  test('the public URL of the configuration is used, never a request host', () => {
    process.env.PUBLIC_URL = 'https://essaim.exemple.fr'
    resetEnvCache()
    const email = verifyEmailMessage({ to: 'a@b.fr', name: 'Léa', token: 'tok' })
    expect(email.text).toContain('https://essaim.exemple.fr/confirmer-email?token=tok')
  })

  test('the password-changed notice gives the time in Paris, in French', () => {
    const email = passwordChangedMessage({ to: 'a@b.fr', name: 'Léa', at: new Date('2026-07-14T08:30:00Z') })
    expect(email.text).toContain('14 juillet 2026 à 10\u00a0h\u00a030')
  })
})
