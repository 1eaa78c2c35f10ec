import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import { ChangePasswordSchema, LoginSchema, MESSAGES, ResetPasswordSchema, SignUpSchema } from './accounts.schema.ts'

function form(fields: Record<string, string>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) data.set(key, value)
  return data
}

const valid = { email: '  Camille.Dupont@Exemple.FR ', name: ' Camille ', password: 'un mot de passe solide 2026', charter: 'on' }

describe('sign-up schema', () => {
  test('normalises the email and accepts the charter checkbox value "on"', () => {
    const submission = parseWithZod(form(valid), { schema: SignUpSchema })
    expect(submission.status).toBe('success')
    if (submission.status !== 'success') return
    expect(submission.value).toEqual({ email: 'camille.dupont@exemple.fr', name: 'Camille', password: valid.password, charter: true })
  })

  test.each([
    [{ email: '' }, 'email', MESSAGES.emailRequired],
    [{ email: 'pas-une-adresse' }, 'email', MESSAGES.emailInvalid],
    [{ name: '   ' }, 'name', MESSAGES.nameRequired],
    [{ name: 'x'.repeat(101) }, 'name', MESSAGES.nameTooLong],
    [{ password: '' }, 'password', MESSAGES.newPasswordRequired],
    [{ password: 'court123456' }, 'password', MESSAGES.passwordTooShort],
    [{ password: 'azertyuiop123' }, 'password', MESSAGES.passwordCommon],
    [{ charter: '' }, 'charter', MESSAGES.charterRequired],
  ])('%j → French message on %s', (override, field, message) => {
    const submission = parseWithZod(form({ ...valid, ...override }), { schema: SignUpSchema })
    expect(submission.status).toBe('error')
    expect(submission.reply().error?.[field]).toEqual([message])
  })
})

describe('password schemas', () => {
  test('reset: both passwords must match', () => {
    const submission = parseWithZod(form({ token: 'x', password: valid.password, confirmPassword: `${valid.password}!` }), {
      schema: ResetPasswordSchema,
    })
    expect(submission.reply().error?.confirmPassword).toEqual([MESSAGES.confirmMismatch])
  })

  test('change: the new password is judged, the current one is not', () => {
    const submission = parseWithZod(
      form({ intent: 'change-password', currentPassword: 'azerty', newPassword: 'soleil123456', confirmPassword: 'soleil123456' }),
      { schema: ChangePasswordSchema },
    )
    expect(submission.reply().error?.newPassword).toEqual([MESSAGES.passwordCommon])
    expect(submission.reply().error?.currentPassword).toBeUndefined()
  })

  test('log-in does not judge the password (an old short password still logs in)', () => {
    const submission = parseWithZod(form({ email: 'A@B.FR', password: 'azerty' }), { schema: LoginSchema })
    expect(submission.status).toBe('success')
    if (submission.status === 'success') expect(submission.value.email).toBe('a@b.fr')
  })
})
