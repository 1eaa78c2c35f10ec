import path from 'node:path'
import { z } from 'zod'

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const optionalString = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(emptyToUndefined, schema.optional())
const booleanFlag = z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional())

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
})

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
  /** Cookies get `Secure` and the `__Host-` prefix when the site is served over https. */
  secureCookies: boolean
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
    throw new EnvError(`Configuration invalide / invalid configuration:\n${lines.join('\n')}`)
  }
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
