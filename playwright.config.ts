import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

// End-to-end tests run against the production build (`npm run test:e2e` builds first) served the way `npm start`
// serves it (scripts/start.ts: production mode; no PUBLIC_URL and no SMTP_URL, so mails are read at /dev/emails,
// as a newcomer reads them), with a fresh SQLite database in a temporary DATA_DIR. The runner creates the folder once and hands its path to
// the web server and, through the environment, to the test workers (they open the same SQLite file).
// E2E_PORT lets two checkouts run their suites side by side (the rate-limit spec uses the next port).
export const E2E_PORT = Number(process.env.E2E_PORT || 3100)
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`

if (!process.env.ESSAIM_E2E_DATA_DIR) {
  process.env.ESSAIM_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-e2e-'))
}
const dataDir = process.env.ESSAIM_E2E_DATA_DIR
// One key for the unsubscribe links, for the server (production: otherwise a random key in DATA_DIR) and for the
// specs that sign links in the test process (the workers inherit this environment).
const unsubscribeSecret = 'essaim-e2e-cle-des-liens-de-desabonnement'
process.env.UNSUBSCRIBE_SECRET = unsubscribeSecret

const systemChromium = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium'

/** Flags for a closed network and a container: no sandbox, no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Generous: the machine may be shared (two cores); an axe scan alone can take a few seconds there.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E_BASE_URL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: fs.existsSync(systemChromium) ? systemChromium : undefined,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // npm start itself (it rebuilds only if the sources changed since `npm run build`).
    command: 'npx tsx scripts/start.ts',
    url: `${E2E_BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(E2E_PORT),
      // No PUBLIC_URL: the site is http://localhost:PORT, as after `npm start` on a fresh clone. Empty values count
      // as unset (a developer's .env must not point the suite at a real SMTP server or Meilisearch).
      PUBLIC_URL: '',
      SMTP_URL: '',
      MEILISEARCH_URL: '',
      // Two processes behind the port, as `npm start` on a 2-core machine: the journeys run against the cluster.
      WEB_CONCURRENCY: '2',
      DATA_DIR: dataDir,
      UNSUBSCRIBE_SECRET: unsubscribeSecret,
      SEED_DEMO: 'false',
      // The suite posts to the authentication forms far more than 10 times a minute from one IP; the limit itself
      // is tested against a second server with the default limit (tests/e2e/rate-limit.spec.ts).
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      // The journeys publish as new members: no review of first contributions (issue 14) unless a spec sets it up.
      REVIEW_THRESHOLD: '0',
    },
  },
})
