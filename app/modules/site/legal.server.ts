import { getEnv } from '#app/utils/env.server.ts'

// What the legal pages need from the deployment: who publishes and who hosts this instance of Essaim. Nobody can
// know it in the code, so it is configuration (optional environment variables); until the deployer fills it in,
// the pages say plainly that it is missing instead of inventing it. The variables are checked with the rest of the
// configuration at start (app/utils/env.server.ts): a wrong value stops the server and names the variable.

export type LegalInformation = {
  /** Hostname of PUBLIC_URL, for the contact addresses. */
  siteHost: string
  siteUrl: string
  /** Name and address, one line per item (the variable separates lines with a new line or a literal "\\n"). */
  publisher: string[] | null
  publicationDirector: string | null
  /** Host's name, address and telephone, one line per item. */
  host: string[] | null
  accessibilityEmail: string
  privacyEmail: string
}

function optional(value: string | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed.slice(0, 500) : null
}

function lines(value: string | null): string[] | null {
  if (!value) return null
  const parts = value
    .split(/\r?\n|\\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  return parts.length ? parts : null
}

export function getLegalInformation(): LegalInformation {
  const { publicUrl, legal } = getEnv()
  const siteHost = publicUrl.hostname
  return {
    siteHost,
    siteUrl: publicUrl.origin,
    publisher: lines(optional(legal.publisher)),
    publicationDirector: optional(legal.publicationDirector),
    host: lines(optional(legal.host)),
    accessibilityEmail: optional(legal.accessibilityEmail) ?? `accessibilite@${siteHost}`,
    privacyEmail: optional(legal.privacyEmail) ?? `donnees-personnelles@${siteHost}`,
  }
}
