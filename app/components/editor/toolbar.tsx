import { useRef, useState } from 'react'

// An accessible toolbar (WAI-ARIA toolbar pattern): one Tab stop, Left/Right arrows move between buttons,
// Home/End jump to the ends. Toggle buttons expose aria-pressed. Labels are French and name the shortcut.

export type ToolbarItem = {
  key: string
  label: string
  icon: string
  run: () => void
  shortcut?: string
  pressed?: boolean
  disabled?: boolean
  /** Starts a new visual group (a separator before it). */
  group?: boolean
}

export function Toolbar({ label, items }: { label: string; items: ToolbarItem[] }) {
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const refs = useRef(new Map<string, HTMLButtonElement>())
  const enabled = items.filter((item) => !item.disabled)
  const current = enabled.find((item) => item.key === activeKey)?.key ?? enabled[0]?.key

  const move = (event: React.KeyboardEvent) => {
    const index = enabled.findIndex((item) => item.key === current)
    let next: number
    switch (event.key) {
      case 'ArrowRight':
        next = (index + 1) % enabled.length
        break
      case 'ArrowLeft':
        next = (index - 1 + enabled.length) % enabled.length
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = enabled.length - 1
        break
      default:
        return
    }
    event.preventDefault()
    const key = enabled[next]?.key
    if (!key) return
    setActiveKey(key)
    refs.current.get(key)?.focus()
  }

  return (
    <div role="toolbar" aria-label={label} className="rich-text-toolbar" onKeyDown={move}>
      {items.map((item) => (
        <button
          key={item.key}
          ref={(element) => {
            if (element) refs.current.set(item.key, element)
            else refs.current.delete(item.key)
          }}
          type="button"
          className={`rich-text-tool${item.group ? ' starts-group' : ''}`}
          tabIndex={item.key === current ? 0 : -1}
          aria-pressed={item.pressed === undefined ? undefined : item.pressed}
          aria-keyshortcuts={item.shortcut ? ariaShortcut(item.shortcut) : undefined}
          disabled={item.disabled}
          title={item.shortcut ? `${item.label} (${item.shortcut})` : item.label}
          onFocus={() => setActiveKey(item.key)}
          // Keep the editor's selection: the click must not move focus before the command runs.
          onMouseDown={(event) => event.preventDefault()}
          onClick={item.run}
        >
          <span aria-hidden="true">{item.icon}</span>
          <span className="visually-hidden">{item.label}</span>
        </button>
      ))}
    </div>
  )
}

function ariaShortcut(shortcut: string) {
  return shortcut.replace('Ctrl', 'Control').replace('Maj', 'Shift')
}
