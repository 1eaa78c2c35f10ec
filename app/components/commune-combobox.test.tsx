// @vitest-environment happy-dom
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { CommuneCombobox } from './commune-combobox.tsx'

const COMMUNES = [
  { insee: '62765', name: 'Saint-Omer', postalCodes: ['62500'], territoryName: 'Audomarois' },
  { insee: '62766', name: 'Saint-Omer-Capelle', postalCodes: ['62162'], territoryName: 'Calaisis' },
  { insee: '62764', name: 'Saint-Nicolas', postalCodes: ['62223'], territoryName: 'Arrageois' },
]

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined
}

let container: HTMLDivElement
let root: Root
let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true
  fetchMock = vi.fn(async (url: string) => {
    const q = new URL(url, 'http://localhost').searchParams.get('q') ?? ''
    return Response.json({ communes: q === 'zz' ? [] : COMMUNES })
  })
  vi.stubGlobal('fetch', fetchMock)
  container = document.createElement('div')
  document.body.append(container)
})

afterEach(() => {
  act(() => root?.unmount())
  container.remove()
  vi.unstubAllGlobals()
})

function render(element: React.ReactElement) {
  root = createRoot(container)
  act(() => root.render(<form>{element}</form>))
}

const input = () => container.querySelector<HTMLInputElement>('input[name="communeLabel"]')!
const hidden = () => container.querySelector<HTMLInputElement>('input[name="commune"]')!
const listbox = () => container.querySelector<HTMLElement>('[role="listbox"]')!
const options = () => [...container.querySelectorAll<HTMLElement>('[role="option"]')]
const liveRegion = () => container.querySelector<HTMLElement>('[role="status"]')!

async function type(value: string) {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
    setter.call(input(), value)
    input().dispatchEvent(new Event('input', { bubbles: true }))
  })
  // Debounce, then the fetch.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 200))
  })
}

function press(key: string) {
  act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  })
}

describe('CommuneCombobox', () => {
  test('server HTML (and no JavaScript): a plain labelled text input and the hidden INSEE field', () => {
    const html = renderToString(
      <CommuneCombobox name="commune" label="Commune" id="commune" defaultValue={{ insee: '62041', name: 'Arras' }} />,
    )
    expect(html).toContain('<label for="commune">Commune</label>')
    expect(html).toMatch(/<input[^>]*id="commune"[^>]*type="text"[^>]*name="communeLabel"[^>]*value="Arras"/)
    expect(html).toContain('<input type="hidden" name="commune" value="62041"/>')
    expect(html).not.toContain('role="combobox"')
    expect(html).not.toContain('role="listbox"')
    expect(html).toContain('role="status"')
  })

  test('after hydration: the combobox roles and states', () => {
    render(<CommuneCombobox name="commune" label="Commune" id="commune" hint="Nom ou code postal" required />)
    expect(input().getAttribute('role')).toBe('combobox')
    expect(input().getAttribute('aria-expanded')).toBe('false')
    expect(input().getAttribute('aria-autocomplete')).toBe('list')
    expect(input().getAttribute('aria-controls')).toBe('commune-listbox')
    expect(input().getAttribute('autocomplete')).toBe('off')
    expect(input().getAttribute('aria-describedby')).toBe('commune-hint')
    expect(input().required).toBe(true)
    expect(listbox().id).toBe('commune-listbox')
    expect(listbox().hidden).toBe(true)
    expect(container.querySelector('label')?.getAttribute('for')).toBe('commune')
  })

  test('typing fetches suggestions, opens the list and announces their number', async () => {
    render(<CommuneCombobox name="commune" label="Commune" id="commune" />)
    await type('s')
    expect(fetchMock).not.toHaveBeenCalled()
    await type('st omer')
    expect(fetchMock).toHaveBeenCalledWith('/api/communes?q=st%20omer', expect.anything())
    expect(input().getAttribute('aria-expanded')).toBe('true')
    expect(listbox().hidden).toBe(false)
    expect(options().map((o) => o.id)).toEqual(['commune-option-0', 'commune-option-1', 'commune-option-2'])
    expect(options()[0].textContent).toBe('Saint-Omer (62500) — Audomarois')
    expect(liveRegion().textContent).toBe('3 communes proposées')
    await type('zz')
    expect(input().getAttribute('aria-expanded')).toBe('false')
    expect(liveRegion().textContent).toBe('Aucune commune proposée')
  })

  test('keyboard: arrows, Home, End, Enter to choose', async () => {
    render(<CommuneCombobox name="commune" label="Commune" id="commune" />)
    await type('saint')
    expect(input().hasAttribute('aria-activedescendant')).toBe(false)
    press('ArrowDown')
    expect(input().getAttribute('aria-activedescendant')).toBe('commune-option-0')
    expect(options()[0].getAttribute('aria-selected')).toBe('true')
    expect(options()[1].getAttribute('aria-selected')).toBe('false')
    press('ArrowDown')
    expect(input().getAttribute('aria-activedescendant')).toBe('commune-option-1')
    press('End')
    expect(input().getAttribute('aria-activedescendant')).toBe('commune-option-2')
    press('ArrowDown')
    expect(input().getAttribute('aria-activedescendant')).toBe('commune-option-0')
    press('ArrowUp')
    expect(input().getAttribute('aria-activedescendant')).toBe('commune-option-2')
    press('Home')
    expect(input().getAttribute('aria-activedescendant')).toBe('commune-option-0')
    press('ArrowDown')
    press('Enter')
    expect(input().value).toBe('Saint-Omer-Capelle')
    expect(hidden().value).toBe('62766')
    expect(input().getAttribute('aria-expanded')).toBe('false')
    expect(input().hasAttribute('aria-activedescendant')).toBe(false)
  })

  test('Enter without an active option submits the form (default not prevented)', async () => {
    render(<CommuneCombobox name="commune" label="Commune" id="commune" />)
    await type('saint')
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    act(() => {
      input().dispatchEvent(event)
    })
    expect(event.defaultPrevented).toBe(false)
  })

  test('typing after a choice clears the INSEE code; Escape closes, then clears', async () => {
    render(<CommuneCombobox name="commune" label="Commune" id="commune" defaultValue={{ insee: '62041', name: 'Arras' }} />)
    expect(hidden().value).toBe('62041')
    await type('Saint')
    expect(hidden().value).toBe('')
    expect(input().getAttribute('aria-expanded')).toBe('true')
    press('Escape')
    expect(input().getAttribute('aria-expanded')).toBe('false')
    expect(input().value).toBe('Saint')
    press('Escape')
    expect(input().value).toBe('')
  })

  test('a click on an option chooses it', async () => {
    render(<CommuneCombobox name="commune" label="Commune" id="commune" />)
    await type('saint')
    act(() => {
      options()[0].dispatchEvent(new MouseEvent('click', { bubbles: true }))
    })
    expect(input().value).toBe('Saint-Omer')
    expect(hidden().value).toBe('62765')
  })

  test('errors are tied to the input', () => {
    render(
      <CommuneCombobox name="commune" label="Commune" id="commune" errors={['Indiquez une commune.']} errorId="commune-error" />,
    )
    expect(input().getAttribute('aria-invalid')).toBe('true')
    expect(input().getAttribute('aria-describedby')).toBe('commune-hint commune-error')
    expect(container.querySelector('#commune-error')?.textContent).toContain('Indiquez une commune.')
  })

  test('when the suggestions cannot be fetched, it says so and the text still works', async () => {
    fetchMock.mockImplementation(async () => new Response('oops', { status: 500 }))
    render(<CommuneCombobox name="commune" label="Commune" id="commune" />)
    await type('Arras')
    expect(input().getAttribute('aria-expanded')).toBe('false')
    expect(liveRegion().textContent).toContain('saisissez le nom complet')
    expect(input().value).toBe('Arras')
  })
})
