// Run by `npm run test:e2e` before Playwright: makes sure a Chromium is available for the end-to-end tests.
// Order: the system Chromium (CHROMIUM_PATH or /usr/bin/chromium) → apt-get when root → Playwright's own download.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'

/** CHROMIUM_PATH belongs to the test tooling (also read by playwright.config.ts), not to the application's schema. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

function run(command: string, args: string[]): boolean {
  console.log(`$ ${command} ${args.join(' ')}`)
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0
}

export function ensureBrowser(): boolean {
  const executable = chromiumPath()
  if (fs.existsSync(executable)) return true

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && commandExists('apt-get')) {
    console.log(`Chromium introuvable (${executable}) : installation avec apt-get…`)
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']) && fs.existsSync(executable)) {
      return true
    }
  }

  console.log('Chromium introuvable : tentative avec « npx playwright install chromium »…')
  if (run('npx', ['playwright', 'install', 'chromium'])) {
    // Playwright's own Chromium is used when the system one is missing (see playwright.config.ts).
    return true
  }
  return false
}

if (process.argv[1] && import.meta.url === new URL(`file://${fs.realpathSync(process.argv[1])}`).href) {
  if (!ensureBrowser()) {
    console.error(
      `Chromium est introuvable et n’a pas pu être installé : installez le paquet « chromium » ou définissez CHROMIUM_PATH. / Chromium is missing and could not be installed: install the "chromium" package or set CHROMIUM_PATH.`,
    )
    process.exit(1)
  }
}
