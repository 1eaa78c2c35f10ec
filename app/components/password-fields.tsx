import type { FieldMetadata } from '@conform-to/react'
import { PASSWORD_MIN_LENGTH } from '#app/modules/auth/accounts.schema.ts'
import { Field } from './forms.tsx'

type Meta = FieldMetadata<string | undefined>

export const NEW_PASSWORD_HINT = `Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`

/** The password someone already has (log-in, confirming a change or a deletion): the browser may fill it in. */
export function CurrentPasswordField({ meta, label = 'Mot de passe actuel' }: { meta: Meta; label?: string }) {
  return <Field meta={meta} label={label} type="password" autoComplete="current-password" required />
}

/** A password being chosen, with the length hint; the browser may suggest one (autocomplete new-password). */
export function NewPasswordField({ meta, label = 'Nouveau mot de passe' }: { meta: Meta; label?: string }) {
  return <Field meta={meta} label={label} type="password" autoComplete="new-password" hint={NEW_PASSWORD_HINT} required />
}

/** A new password and its confirmation (password change, reset). */
export function NewPasswordFields({ password, confirmation }: { password: Meta; confirmation: Meta }) {
  return (
    <>
      <NewPasswordField meta={password} />
      <Field meta={confirmation} label="Confirmez le nouveau mot de passe" type="password" autoComplete="new-password" required />
    </>
  )
}
