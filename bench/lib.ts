// What the page and load benchmarks share: a scratch folder removed on exit, child servers started in their own
// process group (killed with it), and waiting for a server to answer.

import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '..')

export function requireBuild() {
  if (!fs.existsSync(path.join(root, 'build/server/index.js'))) {
    console.error('Construisez d’abord l’application : npm run build')
    process.exit(1)
  }
}

const children: ChildProcess[] = []
const scratch: string[] = []
process.on('exit', () => {
  for (const child of children) {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true })
})

/** A temporary folder, removed when the benchmark exits. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  scratch.push(dir)
  return dir
}

async function waitFor(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Le serveur s’est arrêté :\n${output()}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Le serveur ne répond pas :\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

/** Starts a server in its own process group; `ready` resolves when `readyUrl` answers 2xx. */
export function start(command: string, args: string[], env: Record<string, string>, readyUrl: string) {
  let output = ''
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  children.push(child)
  return {
    child,
    output: () => output,
    ready: waitFor(readyUrl, child, () => output),
    stop: async () => {
      if (!child.pid || child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-child.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))])
    },
  }
}

/** The resident memory of every process of a process group (Linux /proc), in bytes. */
export function groupRss(pgid: number): number {
  let total = 0
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the command (in parentheses, which may hold spaces): state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== pgid) continue
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8')
      const rss = /VmRSS:\s+(\d+) kB/.exec(status)
      if (rss) total += Number(rss[1]) * 1024
    } catch {
      // the process ended meanwhile
    }
  }
  return total
}
