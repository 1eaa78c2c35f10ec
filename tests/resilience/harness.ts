import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'

// Shared pieces of the resilience suite (tests/resilience): the short form runs in `npm test`'s unit phase, the full
// form with `npm run test:resilience` (RESILIENCE=full raises the counts to those of issue 18). Figures are printed,
// never asserted against a clock.

export const FULL = process.env.RESILIENCE === 'full'

/** `short` in `npm test`, `full` in `npm run test:resilience`. */
export function count(short: number, full: number): number {
  return FULL ? full : short
}

/** One line of figures in the test output (« [résilience] … »), for the README's « Fiabilité » paragraph. */
export function figure(line: string) {
  console.log(`[résilience${FULL ? ' complète' : ''}] ${line}`)
}

export type Child = {
  process: ChildProcess
  /** Everything the child printed so far (stdout and stderr). */
  output: () => string
  /** Resolves when the child printed this text. */
  waitFor: (text: string) => Promise<void>
  /** Resolves with the exit code (or signal) once the child stopped. */
  exited: Promise<number | string | null>
}

/**
 * Runs a TypeScript child (tests/resilience/children/*.ts, through tsx like `npm start`) with the app's modules and
 * this worker's environment (its DATA_DIR unless `env` says otherwise), with an IPC channel for results.
 */
export function startChild(script: string, options: { env?: Record<string, string>; args?: string[] } = {}): Child {
  const child = fork(path.resolve('tests/resilience/children', script), options.args ?? [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'test', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  const waiters: { text: string; resolve: () => void }[] = []
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const waiter of [...waiters]) {
      if (output.includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)))
  return {
    process: child,
    output: () => output,
    exited,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (output.includes(text)) return resolve()
        waiters.push({ text, resolve })
        void exited.then((code) => reject(new Error(`${script} stopped (${code}) before printing « ${text} »:\n${output}`)))
      }),
  }
}

/** The next message the child sends over IPC. */
export function nextMessage<T>(child: Child): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    child.process.once('message', (message) => resolve(message as T))
    void child.exited.then((code) => reject(new Error(`child stopped (${code}) without a message:\n${child.output()}`)))
  })
}

export async function killHard(child: Child) {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL')
  await child.exited
}

/** SQLite's error code of a failed write (`SQLITE_BUSY`, `SQLITE_FULL`…), or the error's name. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code
  return error instanceof Error ? error.name : String(error)
}
