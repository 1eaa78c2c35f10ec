import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, type Page, test as base, expect } from '@playwright/test'
import { type E2EUser, createSession, createTestUser } from './db.ts'

export { expect }

export const E2E_PORT = Number(process.env.E2E_PORT || 3100)
export const BASE_URL = `http://localhost:${E2E_PORT}`
export const SESSION_COOKIE = 'essaim_session'
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>

/**
 * WCAG 2.1 A/AA rules; only violations are collected in full (`resultTypes`: axe's own optimisation — passed,
 * incomplete and inapplicable results keep one node each), which makes a scan several times cheaper.
 */
const axeScan = (page: Page) => new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ['violations'] }).analyze()

/**
 * A scan takes seconds on a two-core machine, so a page whose accessibility-relevant markup was already scanned in
 * this worker is not scanned again: the home page is checked once, not after every test that passes by it, and the
 * directory with other filters is the same page with other data. The fingerprint is the markup's skeleton: elements,
 * their classes, roles, types, ARIA attributes, `alt`/`lang`/`tabindex`/`hidden`/`disabled`/`required` (text and
 * other values left out), runs of identical siblings (cards, rows) collapsed. Scripts are left out.
 */
const scannedDocuments = new Set<string>()

const withoutScripts = (html: string) => html.replace(/<script\b[\s\S]*?<\/script>/gi, '')

const KEPT_ATTRIBUTE = /^(class|role|type|lang|tabindex|hidden|disabled|required|alt|aria-[a-z]+)$/
const VALUE_KEPT = /^(class|role|type|lang|tabindex|aria-(live|hidden|expanded|current|invalid|modal|haspopup|autocomplete))$/

export function markupSkeleton(html: string): string {
  const tags = withoutScripts(html)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '<style></style>')
    .replace(/>[^<]*</g, '><')
    .replace(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g, (_, name: string, attributes: string, self: string) => {
      const kept: string[] = []
      for (const match of attributes.matchAll(/([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
        const attribute = match[1].toLowerCase()
        if (!KEPT_ATTRIBUTE.test(attribute)) continue
        const value = (match[2] ?? '').replace(/^["']|["']$/g, '')
        kept.push(VALUE_KEPT.test(attribute) ? `${attribute}=${value}` : attribute === 'alt' ? `alt${value ? '+' : '-'}` : attribute)
      }
      return `<${name.toLowerCase()}${kept.length ? ` ${kept.sort().join(' ')}` : ''}${self}>`
    })
  // Runs of identical siblings (list items, cards, table rows) count once.
  let previous = ''
  let collapsed = tags
  while (collapsed !== previous) {
    previous = collapsed
    collapsed = collapsed.replace(/(<(li|article|tr|option)\b[^>]*>(?:(?!<\2\b)[\s\S])*?<\/\2>)\1+/g, '$1')
  }
  return collapsed
}

async function documentFingerprint(page: Page, html?: string): Promise<string> {
  return markupSkeleton(html ?? (await page.content()))
}

/** One readable block per page: rule, impact, help link, and each offending element with axe's advice. */
export function formatViolations(url: string, violations: AxeResults['violations']): string {
  const lines = [`axe-core: ${violations.length} violation(s) WCAG 2.1 A/AA sur ${url}`]
  for (const v of violations) {
    lines.push(`  • [${v.impact ?? 'n/a'}] ${v.id} — ${v.help} (${v.helpUrl})`)
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`      ${node.target.join(' ')}`)
      if (node.failureSummary) lines.push(`        ${node.failureSummary.replace(/\n\s*/g, ' / ')}`)
    }
    if (v.nodes.length > 5) lines.push(`      … et ${v.nodes.length - 5} autre(s) élément(s)`)
  }
  return lines.join('\n')
}

/**
 * Watches one page for the whole test: an axe-core scan after every navigation (full load or client-side), the
 * console errors, uncaught exceptions and CSP violations. `finish()` waits for the scans, scans the final state and
 * throws one error listing everything found.
 */
export function guardPage(page: Page, options: { javaScriptEnabled?: boolean } = {}) {
  const javaScriptEnabled = options.javaScriptEnabled ?? true
  let helper: BrowserContext | undefined
  const problems: string[] = []
  const consoleErrors: { text: string; url: string; pageUrl: string }[] = []
  const expectedFailures = new Set<string>()
  const pending = new Set<Promise<void>>()
  let scans = 0
  let timer: NodeJS.Timeout | undefined

  const scan = async (final = false) => {
    if (page.isClosed()) return
    try {
      await page.waitForLoadState('load', { timeout: 10_000 })
      const url = page.url()
      if (!url.startsWith('http://localhost:')) return
      // Without JavaScript the page cannot be read from inside (no async evaluation): the served HTML is the DOM.
      const served = javaScriptEnabled ? undefined : await lastDocument
      if (!javaScriptEnabled && served === undefined) return
      const fingerprint = await documentFingerprint(page, served)
      if (scannedDocuments.has(fingerprint)) return
      let results = served === undefined
        ? await axeScan(page)
        : await scanCopy(url, served)
      // A scan can land between two renders of a client-side navigation (the old page gone, the new one not yet in):
      // a page in that state has no <main>. Scanned again once it settled, a real violation stays.
      if (results.violations.length > 0 && served === undefined && !page.isClosed()) {
        await page.waitForLoadState('load', { timeout: 10_000 })
        await page.waitForTimeout(500)
        if (page.url() === url) results = await axeScan(page)
      }
      scans++
      if (results.violations.length > 0) {
        const report = formatViolations(url, results.violations)
        if (!problems.includes(report)) problems.push(report)
      } else {
        scannedDocuments.add(fingerprint)
      }
    } catch (error) {
      // The test moved on (navigation or closing) while the scan ran: the next page gets its own scan. A page the test
      // closed itself (page.close({ runBeforeUnload: true }) returns before the tab is gone) has nothing left to scan.
      if (final && !page.isClosed()) throw error
    }
  }
  /**
   * axe runs asynchronously inside the page, which a page without JavaScript cannot do: the same markup (scripts
   * removed, so nothing rewrites it) is served at the same address to a page with JavaScript, with the site's CSS.
   */
  const scanCopy = async (url: string, served: string) => {
    const html = withoutScripts(served)
    helper ??= await page.context().browser()!.newContext({ baseURL: BASE_URL, locale: 'fr-FR', javaScriptEnabled: true })
    const copy = await helper.newPage()
    try {
      const target = url.split('#')[0]
      await copy.route(
        (candidate) => candidate.href.split('#')[0] === target,
        (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      )
      await copy.goto(url)
      return await axeScan(copy)
    } finally {
      // Closing a page of the helper context has hung in Chromium after no-JavaScript journeys (the scan's result is
      // already in hand): bounded, like closing the context below.
      await Promise.race([copy.close(), new Promise((resolve) => setTimeout(resolve, 5_000))])
    }
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      const run = scan().finally(() => pending.delete(run))
      pending.add(run)
    }, 150)
  }

  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) schedule()
  })
  let lastDocument: Promise<string | undefined> = Promise.resolve(undefined)
  page.on('response', (response) => {
    const type = response.request().resourceType()
    if (
      !javaScriptEnabled &&
      type === 'document' &&
      response.frame() === page.mainFrame() &&
      (response.status() < 300 || response.status() >= 400)
    ) {
      // Bounded: the body of a document the page already left may never come (the next document is scanned then).
      lastDocument = Promise.race([
        response.text().catch(() => undefined),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000)),
      ])
    }
    // A 4xx answer to a page, a Remix data request or an upload (XHR, for its progress bar) is the behaviour under
    // test (404 page, form errors, refused file, 429); Chromium logs it as "Failed to load resource". A 4xx on a
    // script, style or image is a real fault.
    if ((type === 'document' || type === 'fetch' || type === 'xhr') && response.status() >= 400 && response.status() < 500) {
      expectedFailures.add(response.url())
    }
  })
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    consoleErrors.push({ text: message.text(), url: message.location().url, pageUrl: page.url() })
  })
  page.on('pageerror', (error) => {
    const line = `Exception non rattrapée sur ${page.url()} : ${error.message}`
    if (!problems.includes(line)) problems.push(line)
  })

  return {
    get scans() {
      return scans
    },
    async finish() {
      clearTimeout(timer)
      await Promise.allSettled([...pending])
      if (!page.isClosed()) await scan(true)
      // Closing the helper context has hung in Chromium 156 after a no-JavaScript journey (every scan had finished):
      // give it a few seconds, the browser is torn down after the worker anyway.
      if (helper) await Promise.race([helper.close(), new Promise((resolve) => setTimeout(resolve, 5_000))])
      for (const e of consoleErrors) {
        if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(e.text) && expectedFailures.has(e.url)) {
          continue
        }
        const line = `console.error sur ${e.pageUrl} : ${e.text}${e.url ? ` (${e.url})` : ''}`
        if (!problems.includes(line)) problems.push(line)
      }
      if (problems.length > 0) throw new Error(problems.join('\n\n'))
    },
  }
}

/** Reports CSP violations as console errors (which fail the test); Chromium also logs its own "Refused to …". */
async function watchCsp(context: BrowserContext) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)
    })
  })
}

/** Creates a verified member (or admin) and a session straight in the server's database; sets the cookie. */
export async function logInContext(context: BrowserContext, overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides)
  const { token } = await createSession(user.id, { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36' })
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: BASE_URL, httpOnly: true, sameSite: 'Lax' }])
  return user
}

type GuardedPageFactory = (options?: Parameters<Browser['newContext']>[0]) => Promise<Page>

type Fixtures = {
  /** Logs the test's browser context in as a new verified user (created in the database, no form). */
  login: (overrides?: Parameters<typeof createTestUser>[0]) => Promise<E2EUser>
  /** Another browser (context + page) watched like `page`: same axe scans and console checks. */
  newGuardedPage: GuardedPageFactory
}

export const test = base.extend<Fixtures>({
  context: async ({ context }, use) => {
    await watchCsp(context)
    await use(context)
  },
  page: async ({ page, javaScriptEnabled }, use) => {
    const guard = guardPage(page, { javaScriptEnabled })
    await use(page)
    await guard.finish()
    // Closing a page after a no-JavaScript journey has hung in Chromium on a loaded machine (the test itself done, its
    // checks passed): close it here, bounded, before Playwright tears the context down.
    await Promise.race([page.close({ runBeforeUnload: false }).catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000))])
  },
  login: async ({ context }, use) => {
    await use((overrides) => logInContext(context, overrides))
  },
  newGuardedPage: async ({ browser }, use) => {
    const opened: { context: BrowserContext; guard: ReturnType<typeof guardPage> }[] = []
    await use(async (options) => {
      const context = await browser.newContext({ baseURL: BASE_URL, locale: 'fr-FR', ...options })
      await watchCsp(context)
      const page = await context.newPage()
      opened.push({ context, guard: guardPage(page, { javaScriptEnabled: options?.javaScriptEnabled }) })
      return page
    })
    const errors: string[] = []
    for (const { context, guard } of opened) {
      try {
        await guard.finish()
      } catch (error) {
        errors.push((error as Error).message)
      }
      // Bounded: closing a context after a no-JavaScript journey has hung in Chromium (the checks above are done).
      await Promise.race([context.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000))])
    }
    if (errors.length > 0) throw new Error(errors.join('\n\n'))
  },
})

/** The cookie jar's session token of a context (to create a second session for the same user, say). */
export async function sessionToken(context: BrowserContext) {
  return (await context.cookies(BASE_URL)).find((c) => c.name === SESSION_COOKIE)?.value ?? null
}
