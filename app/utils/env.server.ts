import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const optionalString = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional())
const booleanFlag = z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional())

const legalText = optionalString(z.string().max(2000, 'au plus 2 000 caractères'))
const contactEmail = optionalString(z.string().trim().email('doit être une adresse électronique'))

/** What the legal pages read (app/modules/site/legal.server.ts, through getEnv().legal); validated at start. */
const legalShape = {
  LEGAL_PUBLISHER: legalText,
  LEGAL_PUBLICATION_DIRECTOR: legalText,
  LEGAL_HOST: legalText,
  ACCESSIBILITY_EMAIL: contactEmail,
  PRIVACY_EMAIL: contactEmail,
}
export type LegalEnv = {
  publisher: string | undefined
  publicationDirector: string | undefined
  host: string | undefined
  accessibilityEmail: string | undefined
  privacyEmail: string | undefined
}

function toLegalEnv(e: { [K in keyof typeof legalShape]?: z.infer<(typeof legalShape)[K]> }): LegalEnv {
  return {
    publisher: e.LEGAL_PUBLISHER,
    publicationDirector: e.LEGAL_PUBLICATION_DIRECTOR,
    host: e.LEGAL_HOST,
    accessibilityEmail: e.ACCESSIBILITY_EMAIL,
    privacyEmail: e.PRIVACY_EMAIL,
  }
}

function configError(issues: z.ZodIssue[]): EnvError {
  const lines = issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
  return new EnvError(`Configuration invalide / invalid configuration:\n${lines.join('\n')}`)
}

// Every environment variable the application reads is declared here, and nowhere else reads process.env (held by
// env.server.test.ts, which also checks that the README's table lists exactly these names).
const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  PUBLIC_URL: optionalString(
    z
      .string()
      .url()
      .refine((v) => /^https?:\/\//.test(v), 'doit commencer par http:// ou https://'),
  ),
  SMTP_URL: optionalString(
    z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), 'doit commencer par smtp:// ou smtps://'),
  ),
  MEILISEARCH_URL: optionalString(z.string().url()),
  MEILISEARCH_API_KEY: optionalString(z.string()),
  SEED_DEMO: booleanFlag,
  /** POST requests a minute per IP on the authentication forms. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
  /** Behind a reverse proxy: trust its X-Forwarded-For / -Host / -Proto (one hop). */
  TRUST_PROXY: booleanFlag,
  /** Sender address of the emails (a bare address: the name « Essaim » is added). */
  MAIL_FROM: optionalString(z.string().email('doit être une adresse électronique (ex. ne-pas-repondre@exemple.fr)')),
  /** Search indexer: interval of the retry drain (the drain right after each commit does not wait for it). */
  SEARCH_DRAIN_INTERVAL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(86_400_000).default(5000)),
  /** Search statistics: how often the in-memory query counts are written to the database. */
  SEARCH_STATS_FLUSH_INTERVAL_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(50).max(86_400_000).default(5000),
  ),
  /** Review of first contributions: how many approved resources a person needs before publishing directly. */
  REVIEW_THRESHOLD: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(1000).default(2)),
  /** `true` only when `npm run bench:pages` starts the server: /banc-d-essai answers (an empty page in the root). */
  BENCH_EMPTY_ROUTE: booleanFlag,
  /** Processes serving requests behind the one port (`npm start` in production); default: one per core. */
  WEB_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).optional()),
  /** Reports from different people that hide an item until a coordinator decides (app/modules/reports). */
  REPORT_HIDE_THRESHOLD: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(3)),
  /** « Validé par le réseau »: months until a validation must be checked again. */
  VALIDATION_MONTHS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(120).default(12)),
  /** HMAC key of the unsubscribe links of emails (app/modules/notifications/unsubscribe.server.ts). */
  UNSUBSCRIBE_SECRET: optionalString(z.string().min(32, 'au moins 32 caractères')),
  ...legalShape,
})

/** The names of the variables the application reads (the README's configuration table lists them). */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as readonly (keyof typeof envSchema.shape)[]

export type Env = {
  nodeEnv: 'development' | 'production' | 'test'
  isProduction: boolean
  port: number
  dataDir: string
  databaseFile: string
  uploadsDir: string
  publicUrl: URL
  smtpUrl: string | undefined
  meilisearchUrl: string | undefined
  meilisearchApiKey: string | undefined
  seedDemo: boolean
  authRateLimitPerMinute: number
  trustProxy: boolean
  mailFrom: string
  searchDrainIntervalMs: number
  searchStatsFlushIntervalMs: number
  /** /banc-d-essai exists (benchmark runs only). */
  benchEmptyRoute: boolean
  /** Processes serving requests (1 in development: Vite's module graph lives in one process). */
  webConcurrency: number
  reportHideThreshold: number
  validationMonths: number
  /**
   * Key of the signed unsubscribe links. Outside production a fixed development key when unset; in production, unset
   * means a random key kept in DATA_DIR (unsubscribe.server.ts), so links survive restarts.
   */
  unsubscribeSecret: string | undefined
  legal: LegalEnv
  /** Approved resources a person needs before their publications skip the review (0: no review). */
  reviewThreshold: number
  /**
   * Where emails go: `smtp` (SMTP_URL set), `dev-mailbox` (a local trial run: no SMTP_URL and no PUBLIC_URL, or
   * development: they wait in the outbox and read at /dev/emails), `disabled` (PUBLIC_URL set, no SMTP_URL: a real
   * deployment that cannot send; /healthz and the start log say so).
   */
  emailDelivery: 'smtp' | 'dev-mailbox' | 'disabled'
  /** Cookies get `Secure` and the `__Host-` prefix when the site is served over https. */
  secureCookies: boolean
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) throw configError(result.error.issues)
  const e = result.data
  const isProduction = e.NODE_ENV === 'production'
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`)
  const isLocal = ['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname)
  if (isProduction && publicUrl.protocol !== 'https:' && !isLocal) {
    throw new EnvError(
      'Configuration invalide / invalid configuration:\n  - PUBLIC_URL: doit être une adresse https:// en production (must be https in production)',
    )
  }
  const dataDir = path.resolve(e.DATA_DIR)
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    dataDir,
    databaseFile: path.join(dataDir, 'essaim.sqlite'),
    uploadsDir: path.join(dataDir, 'uploads'),
    publicUrl,
    smtpUrl: e.SMTP_URL,
    meilisearchUrl: e.MEILISEARCH_URL,
    meilisearchApiKey: e.MEILISEARCH_API_KEY,
    // Demo data: on by default outside production, only on request in production.
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !isProduction,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === 'true',
    mailFrom: e.MAIL_FROM ?? `ne-pas-repondre@${publicUrl.hostname}`,
    searchDrainIntervalMs: e.SEARCH_DRAIN_INTERVAL_MS,
    searchStatsFlushIntervalMs: e.SEARCH_STATS_FLUSH_INTERVAL_MS,
    benchEmptyRoute: e.BENCH_EMPTY_ROUTE === 'true',
    webConcurrency: e.NODE_ENV === 'development' ? 1 : (e.WEB_CONCURRENCY ?? os.availableParallelism()),
    reportHideThreshold: e.REPORT_HIDE_THRESHOLD,
    validationMonths: e.VALIDATION_MONTHS,
    unsubscribeSecret: e.UNSUBSCRIBE_SECRET ?? (isProduction ? undefined : 'essaim-developpement-desabonnement-0000000000'),
    legal: toLegalEnv(e),
    reviewThreshold: e.REVIEW_THRESHOLD,
    emailDelivery: e.SMTP_URL
      ? 'smtp'
      : e.NODE_ENV === 'development' || !e.PUBLIC_URL || e.NODE_ENV === 'test'
        ? 'dev-mailbox'
        : 'disabled',
    secureCookies: publicUrl.protocol === 'https:',
  }
}

let cached: Env | undefined

export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

/** Tests change process.env between cases; they call this to read it again. */
export function resetEnvCache() {
  cached = undefined
}
