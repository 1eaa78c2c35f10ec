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

/**
 * Drawn icons for the tools whose text glyph is an emoji (🔗, 🖼, ⛓̸): without an emoji font, as on many Linux
 * desktops, those render as empty boxes. Decorative (`aria-hidden`): the button is named by its label.
 */
function Icon({ children }: { children: React.ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      className="rich-text-tool-icon"
    >
      {children}
    </svg>
  )
}

const linkPath = (
  <>
    <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4l-1.1 1.1" />
    <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.1-1.1" />
  </>
)

export const TOOL_ICONS: Partial<Record<string, React.ReactElement>> = {
  link: <Icon>{linkPath}</Icon>,
  unlink: (
    <Icon>
      {linkPath}
      <path d="M3 3l18 18" />
    </Icon>
  ),
  image: (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="1.8" />
      <path d="M21 16l-5-5-9 9" />
    </Icon>
  ),
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
          {TOOL_ICONS[item.key] ?? <span aria-hidden="true">{item.icon}</span>}
          <span className="visually-hidden">{item.label}</span>
        </button>
      ))}
    </div>
  )
}

function ariaShortcut(shortcut: string) {
  return shortcut.replace('Ctrl', 'Control').replace('Maj', 'Shift')
}
