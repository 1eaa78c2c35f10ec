import fs from 'node:fs'

/**
 * The temporary DATA_DIR is created by playwright.config.ts (the web server starts before global set-up and needs
 * it). Here: check it exists, and remove it when the run ends.
 */
export default function globalSetup() {
  const dataDir = process.env.ESSAIM_E2E_DATA_DIR
  if (!dataDir || !fs.existsSync(dataDir)) throw new Error('ESSAIM_E2E_DATA_DIR is missing: run through playwright.config.ts')
  return () => {
    if (!process.env.ESSAIM_E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
