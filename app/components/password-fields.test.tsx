import { useForm } from '@conform-to/react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { CurrentPasswordField, NEW_PASSWORD_HINT, NewPasswordFields } from './password-fields.tsx'

function Fields() {
  const [, fields] = useForm<{ current: string; password: string; confirmation: string }>({ id: 'f' })
  return (
    <>
      <CurrentPasswordField meta={fields.current} />
      <NewPasswordFields password={fields.password} confirmation={fields.confirmation} />
    </>
  )
}

describe('password fields', () => {
  const html = renderToStaticMarkup(<Fields />)
  const input = (name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? ''

  test('the current password: labelled, required, autocomplete current-password', () => {
    expect(html).toMatch(/<label for="f-current">Mot de passe actuel<span aria-hidden="true"> \*<\/span><\/label>/)
    expect(input('current')).toMatch(/type="password"/)
    expect(input('current')).toMatch(/autoComplete="current-password"|autocomplete="current-password"/)
    expect(input('current')).toMatch(/required/)
  })

  test('a new password and its confirmation: autocomplete new-password, the hint tied to the new one', () => {
    expect(html).toContain('Nouveau mot de passe')
    expect(html).toContain('Confirmez le nouveau mot de passe')
    expect(html).toContain(NEW_PASSWORD_HINT)
    for (const name of ['password', 'confirmation']) {
      expect(input(name)).toMatch(/type="password"/)
      expect(input(name)).toMatch(/autoComplete="new-password"|autocomplete="new-password"/)
    }
    expect(input('password')).toMatch(/aria-describedby="f-password-hint"/)
    expect(html).toContain(`id="f-password-hint">${NEW_PASSWORD_HINT}`)
  })
})
