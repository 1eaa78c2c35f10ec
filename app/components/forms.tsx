import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { useEffect, useId, useRef } from 'react'

// Form pieces shared by every form: a label for each control, hint and errors tied with aria-describedby,
// aria-invalid on errors, an error summary that takes focus after a failed submission. Works without JavaScript:
// the server answers 400 with the same errors and the values typed (passwords excepted).

type ErrorList = string[] | undefined

export function FieldErrors({ id, errors }: { id: string; errors: ErrorList }) {
  if (!errors?.length) return null
  return (
    <div id={id}>
      {errors.map((error) => (
        <p key={error} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ))}
    </div>
  )
}

function describedBy(...ids: (string | number | false | undefined | null)[]) {
  const value = ids.filter(Boolean).join(' ')
  return value || undefined
}

type InputType = 'text' | 'email' | 'password' | 'search' | 'url' | 'tel' | 'number' | 'date' | 'datetime-local'

export function Field({
  meta,
  label,
  hint,
  type = 'text',
  autoComplete,
  required,
  inputProps,
}: {
  meta: FieldMetadata<string | number | undefined | null>
  label: React.ReactNode
  hint?: React.ReactNode
  type?: InputType
  autoComplete?: string
  required?: boolean
  inputProps?: React.InputHTMLAttributes<HTMLInputElement>
}) {
  const hintId = `${meta.id}-hint`
  const errors = meta.errors
  const props = getInputProps(meta, { type, ariaAttributes: false })
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        // Passwords are never sent back to the page.
        defaultValue={type === 'password' ? undefined : props.defaultValue}
        key={props.key}
        autoComplete={autoComplete}
        required={required}
        aria-required={required || undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(hint && hintId, errors?.length && meta.errorId)}
        {...inputProps}
      />
      <FieldErrors id={meta.errorId} errors={errors} />
    </div>
  )
}

export function TextareaField({
  meta,
  label,
  hint,
  required,
  rows = 5,
  maxLength,
}: {
  meta: FieldMetadata<string | undefined | null>
  label: React.ReactNode
  hint?: React.ReactNode
  required?: boolean
  rows?: number
  maxLength?: number
}) {
  const hintId = `${meta.id}-hint`
  const props = getTextareaProps(meta, { ariaAttributes: false })
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea
        {...props}
        key={props.key}
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(hint && hintId, meta.errors?.length && meta.errorId)}
      />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function SelectField({
  meta,
  label,
  hint,
  required,
  options,
  placeholder,
}: {
  meta: FieldMetadata<string | undefined | null>
  label: React.ReactNode
  hint?: React.ReactNode
  required?: boolean
  options: readonly { value: string; label: string }[]
  placeholder?: string
}) {
  const hintId = `${meta.id}-hint`
  const props = getSelectProps(meta, { ariaAttributes: false })
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <select
        {...props}
        key={props.key}
        // A tampered submission can send several values: a single select shows none of them rather than warn.
        defaultValue={typeof props.defaultValue === 'string' ? props.defaultValue : undefined}
        required={required}
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(hint && hintId, meta.errors?.length && meta.errorId)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

export function CheckboxField({
  meta,
  label,
  hint,
  required,
}: {
  meta: FieldMetadata<boolean | string | undefined | null>
  label: React.ReactNode
  hint?: React.ReactNode
  required?: boolean
}) {
  const hintId = `${meta.id}-hint`
  const props = getInputProps(meta, { type: 'checkbox', ariaAttributes: false })
  return (
    <div className="field">
      <div className="checkbox">
        <input
          {...props}
          key={props.key}
          required={required}
          aria-invalid={meta.errors?.length ? true : undefined}
          aria-describedby={describedBy(hint && hintId, meta.errors?.length && meta.errorId)}
        />
        <label htmlFor={meta.id}>{label}</label>
      </div>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/**
 * Lists every error of a submitted form with links to the fields, and takes focus when errors appear so that
 * keyboard and screen reader users land on it.
 */
export function ErrorSummary({
  fields,
  formErrors,
}: {
  fields: { id: string; label: string; errors: ErrorList }[]
  formErrors?: ErrorList
}) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const items = [
    ...(formErrors ?? []).map((message) => ({ key: `form-${message}`, href: undefined, message })),
    ...fields.flatMap((field) =>
      (field.errors ?? []).map((message) => ({ key: `${field.id}-${message}`, href: `#${field.id}`, message: `${field.label} : ${message}` })),
    ),
  ]
  const signature = items.map((i) => i.key).join('|')
  useEffect(() => {
    if (signature) ref.current?.focus()
  }, [signature])
  if (items.length === 0) return null
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {items.length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${items.length} erreurs`}
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.key}>{item.href ? <a href={item.href}>{item.message}</a> : item.message}</li>
        ))}
      </ul>
    </div>
  )
}

/** A field that people do not see and bots fill in (checked by `assertHoneypotEmpty` on the server). */
export function Honeypot() {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="website-hp">Ne remplissez pas ce champ</label>
      <input id="website-hp" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  )
}
