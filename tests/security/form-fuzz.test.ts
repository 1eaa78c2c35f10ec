import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { HONEYPOT_FIELD } from '#app/utils/honeypot.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import { type CrawlRoute, fillPattern, loadAppRoutes, paramsOf, serveApp } from './crawl-app.ts'
import { type CrawlData, type ViewerName, createCrawlData } from './crawl-data.ts'
import { type Reply, encodeFields, isFrench, messagesOf, send } from './form-tools.ts'

// Issue 18, item 6: every form of the app fuzzed. Each route with an action (found by the crawl harness from
// app/routes) is opened as a logged-in viewer; the forms of its page that post to it are read (field names, types,
// the intent buttons), then posted, same-origin, with: every field empty; 1 MB in every text field; control
// characters; wrong types (text for numbers and dates, JSON and arrays for text, out-of-range numbers); every field
// twice. Expected: never a 5xx; a 400/409/413/422 answer says what is wrong in French; a refused page form keeps what
// was typed. A route whose page shows no form for it still gets the empty and generic posts.
//
// `npm test`: as a member (one sample of each variant); `npm run test:fuzz` (ESSAIM_FUZZ=full): also as the group
// coordinator and the administrator.

const FULL = process.env.ESSAIM_FUZZ === 'full'
const VIEWERS_FUZZED: ViewerName[] = FULL ? ['membre', 'coordination', 'admin'] : ['membre']
const MARKER = 'Saisie conservée Quorvath'

type Field = { name: string; kind: 'text' | 'number' | 'date' | 'choice' | 'hidden' | 'file'; value: string }
/** `typed`: the fields a person types into (text, not passwords), which a refused form must show again. */
type Form = { action: string; fields: Field[]; intents: string[]; typed: string[] }

let app: Awaited<ReturnType<typeof serveApp>>
let routes: CrawlRoute[]
let data: CrawlData

beforeAll(async () => {
  // Its own database (the demo data and the crawl's people stay out of the worker's database), as crawl.test.ts.
  const root = process.env.ESSAIM_TEST_DIR
  if (!root) throw new Error('ESSAIM_TEST_DIR is not set: run the tests through vitest')
  const dataDir = fs.mkdtempSync(path.join(root, 'fuzz-'))
  fs.mkdirSync(path.join(dataDir, 'uploads'))
  fs.copyFileSync(path.join(root, 'template', 'essaim.sqlite'), path.join(dataDir, 'essaim.sqlite'))
  process.env.DATA_DIR = dataDir
  resetEnvCache()
  const loaded = await loadAppRoutes()
  routes = loaded.routes
  data = await createCrawlData()
  app = await serveApp(loaded.build)
}, 120_000)

afterAll(async () => {
  await app?.close()
})

const attr = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)
  return match ? match[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'") : undefined
}

/** The POST forms of a page, with their fields and intent buttons (markup as React renders it). */
function formsOf(html: string, pageUrl: string): Form[] {
  const forms: Form[] = []
  const visible = html.replace(/<script\b[\s\S]*?<\/script>/gi, '')
  for (const match of visible.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attr(match[1], 'method') ?? 'get').toLowerCase() !== 'post') continue
    const action = new URL(attr(match[1], 'action') ?? pageUrl, app.origin)
    const fields: Field[] = []
    const intents: string[] = []
    const typed: string[] = []
    for (const tag of match[2].matchAll(/<(input|textarea|select|button)\b[^>]*>/gi)) {
      const name = attr(tag[0], 'name')
      if (!name) continue
      const type = (attr(tag[0], 'type') ?? (tag[1].toLowerCase() === 'input' ? 'text' : tag[1].toLowerCase())).toLowerCase()
      const value = attr(tag[0], 'value') ?? ''
      if (tag[1].toLowerCase() === 'button' || type === 'submit') {
        if (name === 'intent' && value) intents.push(value)
        continue
      }
      const kind: Field['kind'] =
        type === 'hidden' ? 'hidden' : type === 'number' ? 'number' : /date|time/.test(type) ? 'date' : ['checkbox', 'radio', 'select'].includes(type) ? 'choice' : type === 'file' ? 'file' : 'text'
      if (kind === 'text' && !['password', 'search'].includes(type) && name !== HONEYPOT_FIELD && !typed.includes(name)) typed.push(name)
      if (!fields.some((f) => f.name === name)) fields.push({ name, kind, value })
    }
    forms.push({ action: `${action.pathname}${action.search}`, fields, intents, typed })
  }
  return forms
}

type Variant = { name: string; fields: (form: Form, intent: string | undefined) => [string, string][] }

const withIntent = (intent: string | undefined, fields: [string, string][]): [string, string][] =>
  intent && !fields.some(([name]) => name === 'intent') ? [['intent', intent], ...fields] : fields
const keep = (f: Field): [string, string] => [f.name, f.value]

const VARIANTS: Variant[] = [
  { name: 'vide', fields: (form, intent) => withIntent(intent, form.fields.map((f) => [f.name, ''])) },
  {
    name: '1 Mo',
    fields: (form, intent) => withIntent(intent, form.fields.map((f) => (f.kind === 'text' || f.kind === 'number' ? [f.name, 'a'.repeat(1_000_000)] : keep(f)))),
  },
  {
    name: 'caractères de contrôle',
    fields: (form, intent) =>
      withIntent(intent, form.fields.map((f) => (f.kind === 'hidden' && f.name !== 'body' ? keep(f) : [f.name, `${MARKER}\u0000\u0001\u0008\u001b[31m\u007f\u202e\ud800\r\n\ufffe`]))),
  },
  {
    name: 'mauvais types',
    fields: (form, intent) =>
      withIntent(
        intent,
        form.fields.map((f): [string, string] => {
          if (f.kind === 'number') return [f.name, '1e309']
          if (f.kind === 'date') return [f.name, '31/02/2026 25:61']
          if (f.kind === 'choice') return [f.name, '{"$ne":null}']
          // Hidden fields as the page set them: what a person types is wrong, not the form (tampering: « vide »).
          if (f.kind === 'hidden') return keep(f)
          // The honeypot stays empty, as people leave it (a robot filling it is refused without a form).
          if (f.name === HONEYPOT_FIELD) return keep(f)
          return [f.name, MARKER]
        }),
      ),
  },
  {
    name: 'champs en double',
    fields: (form, intent) => withIntent(intent, form.fields.flatMap((f): [string, string][] => [keep(f), [f.name, f.kind === 'text' ? MARKER : 'deux']])),
  },
]

/** The address of each route with an action, its segments filled from the crawl's data. */
function actionAddresses() {
  return routes
    .filter((r) => r.hasAction)
    .map((route) => ({ route, url: paramsOf(route.pattern).length ? fillPattern(route.pattern, data.fillers[route.pattern] ?? {}) : route.pattern }))
    // Logging out and deleting the account last: the viewer keeps its session for the other forms.
    .sort((a, b) => Number(/deconnexion|supprimer/.test(a.url)) - Number(/deconnexion|supprimer/.test(b.url)))
}

function checkAnswer(where: string, reply: Reply, variant: string, typed: string[], problems: string[], stats: { answers: Map<number, number> }) {
  stats.answers.set(reply.status, (stats.answers.get(reply.status) ?? 0) + 1)
  if (reply.status >= 500) {
    problems.push(`${where}: ${reply.status} ${reply.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 160)}`)
    return
  }
  if ([400, 409, 413, 422].includes(reply.status)) {
    const messages = messagesOf(reply)
    if (messages.length === 0) problems.push(`${where}: ${reply.status} sans message`)
    else if (!messages.some(isFrench)) problems.push(`${where}: ${reply.status} message pas en français ${JSON.stringify(messages).slice(0, 200)}`)
    // What was typed stays in a form shown again.
    const html = (reply.headers.get('content-type') ?? '').startsWith('text/html')
    if (html && variant === 'mauvais types' && typed.length > 0 && reply.status !== 413 && !reply.body.includes(MARKER)) {
      problems.push(`${where}: ${reply.status} ne garde pas ce qui a été saisi (${typed.join(', ')})`)
    }
  }
}

describe(`every form fuzzed (${FULL ? 'complet' : 'échantillon'})`, () => {
  test('empty, 1 MB, control characters, wrong types, duplicated fields: no 5xx, French messages, typed input kept', async () => {
    const problems: string[] = []
    const stats = { answers: new Map<number, number>(), forms: 0, posts: 0, routes: 0 }
    const addresses = actionAddresses()
    expect(addresses.length).toBeGreaterThan(40)
    for (const viewer of VIEWERS_FUZZED) {
      const cookie = data.cookies[viewer]
      for (const { route, url } of addresses) {
        stats.routes++
        const page = route.isPage ? await send(app.origin, url, { cookie }) : null
        const target = (action: string) => new URL(action, app.origin).pathname === new URL(url, app.origin).pathname
        let forms = page && page.status === 200 ? formsOf(page.body, url).filter((f) => target(f.action)) : []
        if (forms.length === 0) {
          // No form of its page posts here (a resource route, or a form shown elsewhere): generic fields.
          const index = route.ids.some((id) => id.endsWith('_index')) ? '?index' : ''
          forms = [{ action: `${url}${index}`, fields: ['title', 'body', 'bodyText', 'name', 'email', 'q'].map((name) => ({ name, kind: 'text' as const, value: '' })), intents: ['x'], typed: [] }]
        }
        for (const form of forms) {
          stats.forms++
          for (const intent of form.intents.length ? form.intents : [undefined]) {
            for (const variant of VARIANTS) {
              // Comments and rate-limited forms: the limiter is not what this test is about.
              resetRateLimits()
              const reply = await send(app.origin, form.action, { method: 'POST', cookie, body: encodeFields(variant.fields(form, intent)) })
              stats.posts++
              checkAnswer(`POST ${form.action} (${viewer}, intent ${intent ?? '—'}, ${variant.name})`, reply, variant.name, form.typed, problems, stats)
            }
          }
        }
      }
    }
    console.info(
      `formulaires : ${stats.routes} routes à action, ${stats.forms} formulaires, ${stats.posts} envois ; réponses ${[...stats.answers]
        .sort((a, b) => a[0] - b[0])
        .map(([status, count]) => `${status} × ${count}`)
        .join(', ')}`,
    )
    expect(problems).toEqual([])
  }, FULL ? 3_600_000 : 180_000)
})
