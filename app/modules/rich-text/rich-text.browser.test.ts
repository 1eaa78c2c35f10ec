import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildHostileCorpus, PWN } from '#tests/fixtures/hostile-corpus.ts'
import { parseRichText } from './rich-text.server.ts'

// The stored HTML of every accepted corpus document, rendered in a real Chromium page WITHOUT any CSP (the
// site's CSP is a second line of defence, not relied on here): no script may run, no dialog may open, and
// clicking every link may only lead to an http(s) page.

let browser: Browser
let page: Page
const dialogs: string[] = []
const requests: string[] = []

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] })
  page = await browser.newPage()
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  // Nothing leaves the machine: every request is answered locally and recorded.
  await page.route('**/*', (route) => {
    requests.push(route.request().url())
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>cible</title><p>cible</p>' })
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

async function render(html: string) {
  // setContent keeps the window object: forget what an earlier document set.
  await page.evaluate(() => {
    delete (window as unknown as { __pwned?: unknown }).__pwned
  })
  await page.setContent(`<!doctype html><html lang="fr"><head><title>t</title></head><body><main class="rich-text">${html}</main></body></html>`)
  // Give event handlers (onerror, onload…) a chance to fire.
  await page.waitForTimeout(20)
}

const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null).catch(() => null)

/** Renders `html`, clicks each link in turn and reports what ran. */
async function exercise(html: string) {
  dialogs.length = 0
  requests.length = 0
  await render(html)
  const ran: unknown[] = [await pwned()]
  const links = await page.locator('a').count()
  for (let index = 0; index < links; index += 1) {
    await render(html)
    await page.locator('a').nth(index).click({ timeout: 2000, noWaitAfter: true })
    await page.waitForTimeout(30)
    ran.push(await pwned())
  }
  return { ran: ran.filter((value) => value !== null), dialogs: [...dialogs], requests: [...requests], links }
}

const LINKS_DOC = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'web', marks: [{ type: 'link', attrs: { href: 'https://essaim.example/ressources?q=a&b=c' } }] },
        { type: 'text', text: ' et ' },
        { type: 'text', text: 'courriel', marks: [{ type: 'link', attrs: { href: 'mailto:contact@essaim.example' } }] },
        { type: 'text', text: ' et ' },
        { type: 'text', text: 'chemin', marks: [{ type: 'link', attrs: { href: 'http://essaim.example/javascript:alert(1)' } }] },
      ],
    },
  ],
}

describe('stored HTML in Chromium', () => {
  test('positive control: the detectors see a script that runs', async () => {
    const result = await exercise(`<a href="javascript:${PWN}">x</a><img src="x" onerror="alert('boum')">`)
    expect(result.ran).toContain(1)
    expect(result.dialogs).toContain('boum')
  })

  test('no accepted corpus document runs a script, opens a dialog or navigates elsewhere than http(s)', async () => {
    const corpus = buildHostileCorpus()
    const stored = corpus.flatMap((entry) => {
      const result = parseRichText(entry.input)
      return result.ok ? [{ name: entry.name, html: result.html }] : []
    })
    const links = parseRichText(LINKS_DOC)
    if (!links.ok) throw new Error(links.error)
    stored.push({ name: 'links', html: links.html })
    expect(stored.length).toBeGreaterThanOrEqual(20)

    let clicked = 0
    for (const { name, html } of stored) {
      const result = await exercise(html)
      clicked += result.links
      expect(result.ran, name).toEqual([])
      expect(result.dialogs, name).toEqual([])
      for (const url of result.requests) expect(url, name).toMatch(/^https?:\/\//)
    }
    expect(clicked).toBeGreaterThanOrEqual(4)
    // About 20 s on an idle machine; the margin is for a loaded CI box.
  }, 60_000)
})
