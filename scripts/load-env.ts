import fs from 'node:fs'

/**
 * Loads `.env` from the working directory when there is one; real environment variables win. It writes process.env
 * before anything reads it: the application reads its variables only through app/utils/env.server.ts (validated).
 */
export function loadDotEnv(file = '.env') {
  if (!fs.existsSync(file)) return
  const parsed = new Map<string, string>()
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line)
    if (!match || line.trim().startsWith('#')) continue
    let value = match[2]
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1)
    parsed.set(match[1], value)
  }
  for (const [key, value] of parsed) if (process.env[key] === undefined) process.env[key] = value
}
