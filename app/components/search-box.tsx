import { Form, useNavigate } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'

type Suggestion = { id: string; title: string; type: string; url: string }

/**
 * The header search box: a plain GET form to /recherche (works without JavaScript) enhanced into an ARIA 1.2
 * combobox (APG "list autocomplete" pattern): suggestions of titles the viewer may see while typing, arrow keys to
 * move, Enter to open, Escape to close; the input keeps focus (aria-activedescendant).
 */
export function SearchBox() {
  const id = useId()
  const inputId = `${id}-q`
  const listId = `${id}-list`
  const navigate = useNavigate()
  const [value, setValue] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [found, setFound] = useState<Suggestion[]>([])
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const request = useRef<AbortController>()
  useEffect(
    () => () => {
      clearTimeout(timer.current)
      request.current?.abort()
    },
    [],
  )

  // A plain fetch, the previous one aborted by the next: a fetcher's load, interrupted by the next keystroke on a
  // slow answer, makes React Router log an AbortError (single fetch); an answer is only ever for the latest text.
  const load = async (text: string) => {
    request.current?.abort()
    const controller = new AbortController()
    request.current = controller
    try {
      const response = await fetch(`/api/search-suggestions?q=${encodeURIComponent(text)}`, { signal: controller.signal })
      if (!response.ok) return
      const body = (await response.json()) as { suggestions: Suggestion[] }
      if (!controller.signal.aborted) setFound(body.suggestions)
    } catch {
      // Aborted by a newer keystroke, or the network failed: the list keeps what it had; typing goes on.
    }
  }

  const suggestions = value.trim().length >= 2 ? found : []
  const expanded = open && suggestions.length > 0

  const onInput = (next: string) => {
    setValue(next)
    setActive(-1)
    setOpen(true)
    clearTimeout(timer.current)
    if (next.trim().length < 2) return
    timer.current = setTimeout(() => void load(next), 200)
  }

  const choose = (suggestion: Suggestion) => {
    clearTimeout(timer.current)
    request.current?.abort()
    setOpen(false)
    setActive(-1)
    navigate(suggestion.url)
  }

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      if (suggestions.length === 0) return
      event.preventDefault()
      setOpen(true)
      setActive((i) => (i + 1) % suggestions.length)
    } else if (event.key === 'ArrowUp') {
      if (suggestions.length === 0) return
      event.preventDefault()
      setOpen(true)
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1))
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault()
        setOpen(false)
        setActive(-1)
      } else {
        setValue('')
      }
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault()
      choose(suggestions[active])
    }
  }

  return (
    <Form method="get" action="/recherche" role="search" aria-label="Recherche sur le site" className="header-search">
      <div className="combobox">
        <label htmlFor={inputId} className="visually-hidden">
          Rechercher sur Essaim
        </label>
        <input
          id={inputId}
          type="search"
          name="q"
          placeholder="Rechercher…"
          autoComplete="off"
          maxLength={200}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          value={value}
          onChange={(event) => onInput(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG listbox markup (ul/li) styled by .combobox-list */}
        <ul id={listId} role="listbox" aria-label="Suggestions" className="combobox-list" hidden={!expanded}>
          {suggestions.map((suggestion, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard use goes through the input (aria-activedescendant)
            // biome-ignore lint/a11y/useFocusableInteractive: options are never focused, the text box keeps the focus
            <li
              key={suggestion.id}
              id={`${listId}-${index}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: APG listbox option markup
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(suggestion)}
            >
              {suggestion.title}
            </li>
          ))}
        </ul>
        <p className="visually-hidden" aria-live="polite">
          {expanded ? `${suggestions.length} suggestion${suggestions.length > 1 ? 's' : ''}, flèches pour parcourir` : ''}
        </p>
      </div>
      <button type="submit" className="button button-small">
        Rechercher
      </button>
    </Form>
  )
}
