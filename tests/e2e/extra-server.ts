import { type ChildProcess, spawn } from 'node:child_process'

/**
 * A second production server for the specs that need another configuration than the suite's (the default rate
 * limits, a review threshold, an hour-long indexer interval…): started from the sources as `npm start` would, its
 * output kept for the assertions and the failure messages, stopped with its whole process group.
 */
export type ExtraServer = {
  origin: string
  /** Everything the server printed so far. */
  output: () => string
  pid: () => number | undefined
  stop: () => Promise<void>
}

export async function startExtraServer(port: number, env: Record<string, string>, unset: string[] = []): Promise<ExtraServer> {
  const origin = `http://localhost:${port}`
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, SMTP_URL: '', MEILISEARCH_URL: '', SEED_DEMO: 'false', ...env, NODE_ENV: 'production', PORT: String(port) }
  for (const name of unset) delete fullEnv[name]
  let output = ''
  const server: ChildProcess = spawn('npx', ['tsx', 'server.ts'], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  server.stdout?.on('data', (chunk) => {
    output += chunk
  })
  server.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const deadline = Date.now() + 120_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The extra server stopped:\n${output}`)
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The extra server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  return {
    origin,
    output: () => output,
    pid: () => server.pid,
    stop: async () => {
      if (!server.pid || server.exitCode !== null) return
      const exited = new Promise((resolve) => server.once('exit', resolve))
      process.kill(-server.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
    },
  }
}
