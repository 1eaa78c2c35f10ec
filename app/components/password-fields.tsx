import type { FieldMetadata } from '@conform-to/react'
import { Field } from './forms.tsx'

type PasswordMeta = FieldMetadata<string | undefined | null>

/** The password a person already has (sign-in, confirming a sensitive change): the browser may fill it. */
export function CurrentPasswordField({ meta, label = 'Mot de passe' }: { meta: PasswordMeta; label?: string }) {
  return <Field meta={meta} label={label} type="password" autoComplete="current-password" required />
}

/**
 * A new password, with its rule said before it is typed, and its confirmation when the form asks for one. The
 * browser's password manager may suggest one (`new-password`).
 */
export function NewPasswordFields({
  password,
  confirmation,
  minLength,
  label = 'Nouveau mot de passe',
}: {
  password: PasswordMeta
  confirmation?: PasswordMeta
  /** The schema's minimum length, said in the hint. */
  minLength: number
  label?: string
}) {
  return (
    <>
      <Field
        meta={password}
        label={label}
        type="password"
        autoComplete="new-password"
        hint={`Au moins ${minLength} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
        required
      />
      {confirmation ? (
        <Field meta={confirmation} label="Confirmez le nouveau mot de passe" type="password" autoComplete="new-password" required />
      ) : null}
    </>
  )
}
