import { type Browser, type Page, chromium } from 'playwright-core'

// What the hostile-input tests share: posting forms to the app served on a port (serveApp in crawl-app.ts), the
// French messages of an answer, and a Chromium page that traps any script a payload manages to run.

export type Reply = { status: number; headers: Headers; body: string }

export async function send(
  origin: string,
  url: string,
  options: { method?: string; cookie?: string; body?: string | FormData; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36', ...options.headers }
  if (options.cookie) headers.cookie = options.cookie
  if (options.method === 'POST') {
    // A same-origin browser form.
    headers.origin ??= origin
    headers['sec-fetch-site'] ??= 'same-origin'
    if (typeof options.body === 'string') headers['content-type'] ??= 'application/x-www-form-urlencoded'
  }
  const response = await fetch(`${origin}${url}`, { method: options.method ?? 'GET', headers, body: options.body, redirect: 'manual' })
  return { status: response.status, headers: response.headers, body: await response.text() }
}

/** Form fields (repeated names allowed) as an urlencoded body. */
export function encodeFields(fields: Record<string, unknown> | [string, string][]): string {
  const params = new URLSearchParams()
  const entries = Array.isArray(fields) ? fields : Object.entries(fields)
  for (const [name, value] of entries) {
    if (value === undefined) continue
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item && typeof item === 'object') for (const [k, v] of Object.entries(item)) params.append(`${name}[${index}].${k}`, String(v))
        else params.append(name, String(item))
      })
    } else params.append(name, String(value))
  }
  return params.toString()
}

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .trim()

/**
 * The messages an answer gives the person: the JSON's `message`/`error`/`errors` strings, or in a page (scripts
 * left out) the alerts, field errors and the error page's heading and text.
 */
export function messagesOf(reply: Reply): string[] {
  const type = reply.headers.get('content-type') ?? ''
  if (type.startsWith('text/plain')) return reply.body.trim() ? [reply.body.trim()] : []
  if (type.includes('json')) {
    let data: unknown
    try {
      data = JSON.parse(reply.body)
    } catch {
      return []
    }
    const found: string[] = []
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'string' && /^(message|error|errors|form|title|body|reason|\w+)$/.test(key) && /\s/.test(value)) found.push(value)
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k)
    }
    walk(data, '')
    return found
  }
  const visible = reply.body.replace(/<script\b[\s\S]*?<\/script>/gi, '')
  const found: string[] = []
  for (const match of visible.matchAll(/<(p|div|li|span)\b[^>]*(?:role="alert"|class="[^"]*(?:field-error|notice|error)[^"]*")[^>]*>([\s\S]*?)<\/\1>/gi)) {
    const text = decode(match[2])
    if (text) found.push(text)
  }
  if (found.length === 0) {
    // An error page: its heading and first paragraph.
    const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(visible)
    if (h1) found.push(decode(h1[1]))
  }
  return found
}

const ENGLISH = /\b(the|is|are|must|should|invalid|required|expected|error|unexpected|string|number|received|undefined|null|NaN|Bad Request|Not Found)\b/i

/** A message in French for the person: a sentence, no English words of validators or frameworks. */
export function isFrench(message: string): boolean {
  return /[a-zàâçéèêëîïôûùüÿœ]{3}/i.test(message) && !ENGLISH.test(message.replace(/\bnull\b/g, ''))
}

// ---------------------------------------------------------------------------------------------------------------
// A Chromium page where any script a payload runs leaves a trace.

/** Set before the page's scripts: `window.__pwned` written, a dialog opened, or an inline script/handler reported. */
const TRAP = `(() => {
  const traces = [];
  Object.defineProperty(window, '__traces', { value: traces });
  Object.defineProperty(window, '__pwned', { configurable: false, get: () => undefined, set: (v) => traces.push('__pwned = ' + String(v)) });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    Object.defineProperty(window, name, { configurable: false, value: (...args) => traces.push(name + '(' + args.join(', ') + ')') });
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    if (String(e.effectiveDirective).startsWith('script-src') || e.effectiveDirective === 'object-src' || e.effectiveDirective === 'frame-src') {
      traces.push('CSP ' + e.effectiveDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
    }
  }, true);
})()`

/** Events whose inline handlers a payload may carry, fired at every element of the people's content. */
const EVENTS = ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'focusin', 'animationstart', 'error', 'load', 'toggle', 'begin', 'input', 'wheel']

export type Trap = {
  /** Opens `url` with the given answer (as the server sent it) and returns what ran; [] when nothing did. */
  inspect: (url: string, reply: Reply) => Promise<string[]>
  close: () => Promise<void>
}

/**
 * Chromium with the trap above. The page's CSP is turned into Content-Security-Policy-Report-Only: the policy is a
 * second line of defence, not relied on — an injected handler or script then RUNS (and sets `__pwned`) and is also
 * reported as a violation. Nothing leaves the machine: every other request is aborted.
 */
export async function openTrap(): Promise<Trap> {
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] })
  const context = await browser.newContext({ javaScriptEnabled: true })
  await context.addInitScript(TRAP)
  const page: Page = await context.newPage()
  const traces: string[] = []
  page.on('dialog', (dialog) => {
    traces.push(`dialogue ${dialog.type()} ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    if (/pwned|xss/i.test(message.text())) traces.push(`console ${message.text()}`)
  })
  let current: { url: string; reply: Reply } | null = null
  await page.route('**/*', (route) => {
    const request = route.request()
    if (current && request.isNavigationRequest() && request.url() === current.url && request.frame() === page.mainFrame()) {
      const headers: Record<string, string> = {}
      current.reply.headers.forEach((value, name) => {
        if (['content-encoding', 'content-length', 'transfer-encoding'].includes(name)) return
        headers[name === 'content-security-policy' ? 'content-security-policy-report-only' : name] = value
      })
      return route.fulfill({ status: current.reply.status, headers, body: current.reply.body })
    }
    return route.abort()
  })
  return {
    async inspect(url, reply) {
      traces.length = 0
      current = { url, reply }
      await page.goto(url, { waitUntil: 'load' })
      const found = await page.evaluate((events) => {
        const problems: string[] = []
        const content = [...document.querySelectorAll('.rich-text, .rich-text *, form *')]
        for (const element of content) {
          for (const type of events) element.dispatchEvent(new Event(type))
          for (const attribute of element.getAttributeNames()) {
            if (/^on/i.test(attribute)) problems.push(`attribut ${attribute} sur <${element.localName}>`)
          }
          if (element instanceof HTMLAnchorElement && element.href && !['http:', 'https:', 'mailto:'].includes(element.protocol)) {
            problems.push(`lien ${element.protocol} ${element.href.slice(0, 80)}`)
          }
          const src = element.getAttribute('src')
          if (src && !/^(https?:|\/)/.test(src)) problems.push(`src ${src.slice(0, 80)}`)
        }
        for (const tag of ['iframe', 'object', 'embed', 'base', 'meta[http-equiv]', 'svg script', 'math']) {
          for (const element of document.querySelectorAll(`main ${tag}`)) problems.push(`élément <${element.localName}> dans la page`)
        }
        return problems
      }, EVENTS)
      // Handlers fired by the events above, timers set by a payload.
      await page.waitForTimeout(20)
      const ran = await page.evaluate(() => [...((window as unknown as { __traces?: string[] }).__traces ?? [])])
      current = null
      return [...found, ...ran, ...traces]
    },
    close: () => browser.close(),
  }
}
