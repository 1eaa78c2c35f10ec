import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { FieldErrors } from './forms.tsx'

// Commune autocomplete following the WAI-ARIA APG "combobox with listbox popup" pattern (list autocomplete, manual
// selection): the focus stays in the text box, the active option is conveyed with aria-activedescendant.
//
// Without JavaScript (and before hydration) it is a plain text input named `${name}Label`: the server resolves the
// typed name, "Name (postal code)" or postal code with `resolveCommuneInput(formData, name)` from
// territories.server.ts, which answers a French error (and suggestions) when the text is unknown or ambiguous.
// With JavaScript, choosing a suggestion also fills the hidden input `name` with the INSEE code; typing again clears it.
//
// Keys: ↓/↑ move through the suggestions (opening the list), Entrée picks the active one (otherwise submits the
// form), Échap closes the list (or clears the text when it is closed), Début/Fin go to the first/last suggestion while
// one is active, Tab closes the list. A polite live region announces « N communes proposées ».

export type CommuneValue = { insee: string; name: string }

type Suggestion = { insee: string; name: string; postalCodes: string[]; territoryName: string }

const MIN_QUERY_LENGTH = 2
const DEBOUNCE_MS = 150

function describedBy(...ids: (string | false | undefined | null)[]) {
  const value = ids.filter(Boolean).join(' ')
  return value || undefined
}

function announce(count: number) {
  if (count === 0) return 'Aucune commune proposée'
  return count === 1 ? '1 commune proposée' : `${count} communes proposées`
}

export function CommuneCombobox({
  name,
  label,
  defaultValue,
  errors,
  errorId,
  hint,
  required,
  id,
  endpoint = '/api/communes',
}: {
  /** Name of the hidden input carrying the INSEE code; the visible text input is `${name}Label`. */
  name: string
  label: React.ReactNode
  defaultValue?: CommuneValue | null
  errors?: string[]
  /** Id of the element holding the errors (Conform's `meta.errorId`); defaults to `${id}-error`. */
  errorId?: string
  hint?: React.ReactNode
  required?: boolean
  /** Id of the text input (Conform's `meta.id`, so the error summary links to it); generated when absent. */
  id?: string
  endpoint?: string
}) {
  const generatedId = useId()
  const inputId = id ?? `commune-${generatedId.replace(/:/g, '')}`
  const listboxId = `${inputId}-listbox`
  const hintId = `${inputId}-hint`
  const statusId = `${inputId}-status`
  const errorsId = errorId ?? `${inputId}-error`
  const optionId = (index: number) => `${inputId}-option-${index}`

  const inputRef = useRef<HTMLInputElement>(null)
  const [enhanced, setEnhanced] = useState(false)
  const [text, setText] = useState(defaultValue?.name ?? '')
  const [selected, setSelected] = useState<CommuneValue | null>(
    defaultValue?.insee ? { insee: defaultValue.insee, name: defaultValue.name } : null,
  )
  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  const [open, setOpen] = useState(false)
  const [activeIndex, setActiveIndex] = useState(-1)
  const [status, setStatus] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const controller = useRef<AbortController | undefined>(undefined)
  // The highlighted commune, read when late suggestions arrive: it stays highlighted if they still propose it (the
  // arrow key pressed while a slower answer was on its way is not lost).
  const activeInsee = useRef<string | null>(null)
  activeInsee.current = activeIndex >= 0 ? (suggestions[activeIndex]?.insee ?? null) : null

  // After hydration: keep what was typed before the script arrived, then switch to the combobox behaviour.
  useEffect(() => {
    const typed = inputRef.current?.value ?? ''
    setText(typed)
    setSelected((current) => (current && current.name === typed ? current : null))
    setEnhanced(true)
    return () => {
      clearTimeout(timer.current)
      controller.current?.abort()
    }
  }, [])

  useEffect(() => {
    if (activeIndex < 0) return
    document.getElementById(optionId(activeIndex))?.scrollIntoView?.({ block: 'nearest' })
  })

  const fetchSuggestions = useCallback(
    (query: string) => {
      clearTimeout(timer.current)
      controller.current?.abort()
      if (query.trim().length < MIN_QUERY_LENGTH) {
        setSuggestions([])
        setOpen(false)
        setActiveIndex(-1)
        setStatus('')
        return
      }
      timer.current = setTimeout(async () => {
        const current = new AbortController()
        controller.current = current
        try {
          const response = await fetch(`${endpoint}?q=${encodeURIComponent(query.trim())}`, {
            headers: { Accept: 'application/json' },
            signal: current.signal,
          })
          if (!response.ok) throw new Error(`HTTP ${response.status}`)
          const body = (await response.json()) as { communes: Suggestion[] }
          if (current.signal.aborted) return
          setSuggestions(body.communes)
          setOpen(body.communes.length > 0)
          setActiveIndex(body.communes.findIndex((c) => c.insee === activeInsee.current))
          setStatus(announce(body.communes.length))
        } catch {
          if (current.signal.aborted) return
          setSuggestions([])
          setOpen(false)
          setStatus('Les propositions sont indisponibles : saisissez le nom complet ou le code postal de la commune.')
        }
      }, DEBOUNCE_MS)
    },
    [endpoint],
  )

  function choose(suggestion: Suggestion) {
    clearTimeout(timer.current)
    controller.current?.abort()
    setSelected({ insee: suggestion.insee, name: suggestion.name })
    setText(suggestion.name)
    setOpen(false)
    setActiveIndex(-1)
    setStatus(`${suggestion.name} sélectionnée`)
  }

  function close() {
    setOpen(false)
    setActiveIndex(-1)
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length
    switch (event.key) {
      case 'ArrowDown': {
        if (count === 0) return
        event.preventDefault()
        setOpen(true)
        if (event.altKey) return
        setActiveIndex((index) => (!open || index >= count - 1 ? 0 : index + 1))
        return
      }
      case 'ArrowUp': {
        if (count === 0) return
        event.preventDefault()
        setOpen(true)
        setActiveIndex((index) => (!open || index <= 0 ? count - 1 : index - 1))
        return
      }
      case 'Enter': {
        if (open && activeIndex >= 0 && suggestions[activeIndex]) {
          event.preventDefault()
          choose(suggestions[activeIndex])
        }
        return
      }
      case 'Escape': {
        if (open) {
          event.preventDefault()
          close()
        } else if (text) {
          event.preventDefault()
          setText('')
          setSelected(null)
          setSuggestions([])
          setStatus('')
        }
        return
      }
      case 'Home':
      case 'End': {
        if (!open || activeIndex < 0) return
        event.preventDefault()
        setActiveIndex(event.key === 'Home' ? 0 : count - 1)
        return
      }
      case 'Tab': {
        close()
        return
      }
    }
  }

  const hasErrors = Boolean(errors?.length)
  const comboboxProps = enhanced
    ? {
        role: 'combobox' as const,
        'aria-autocomplete': 'list' as const,
        'aria-expanded': open,
        'aria-controls': listboxId,
        'aria-activedescendant': open && activeIndex >= 0 ? optionId(activeIndex) : undefined,
        autoComplete: 'off',
      }
    : { autoComplete: 'address-level2' }

  return (
    <div className="field">
      <label htmlFor={inputId}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <p className="hint" id={hintId}>
        {hint ?? 'Saisissez le nom ou le code postal de la commune.'}
        {enhanced ? ' Des communes vous sont proposées au fil de la saisie.' : null}
      </p>
      <div className="combobox">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          name={`${name}Label`}
          value={text}
          onChange={(event) => {
            const value = event.target.value
            setText(value)
            if (selected && selected.name !== value) setSelected(null)
            fetchSuggestions(value)
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
          maxLength={100}
          spellCheck={false}
          required={required}
          aria-required={required || undefined}
          aria-invalid={hasErrors || undefined}
          aria-describedby={describedBy(hintId, hasErrors && errorsId)}
          {...comboboxProps}
        />
        <input type="hidden" name={name} value={selected?.insee ?? ''} />
        {enhanced ? (
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG listbox markup (ul/li) styled by .combobox-list
          <ul id={listboxId} role="listbox" aria-label="Communes proposées" className="combobox-list" hidden={!open}>
            {suggestions.map((suggestion, index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard acts on the text box (aria-activedescendant)
              // biome-ignore lint/a11y/useFocusableInteractive: options are never focused, the text box keeps the focus
              <li
                key={suggestion.insee}
                id={optionId(index)}
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: APG listbox option markup
                role="option"
                aria-selected={index === activeIndex}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(suggestion)}
              >
                {suggestion.name}{' '}
                <small>
                  ({suggestion.postalCodes.join(', ')}) — {suggestion.territoryName}
                </small>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div id={statusId} role="status" aria-live="polite" aria-atomic="true" className="visually-hidden">
        {status}
      </div>
      <FieldErrors id={errorsId} errors={errors} />
    </div>
  )
}
