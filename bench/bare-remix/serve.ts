// Serves the bare Remix app's production build (bench/pages.ts): Express + @remix-run/express, nothing else.
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'

const buildDir = process.env.BARE_REMIX_BUILD_DIR ?? path.join(import.meta.dirname, 'build')
const build = (await import(path.join(buildDir, 'server/index.js'))) as ServerBuild
const app = express()
app.disable('x-powered-by')
app.all('*', createRequestHandler({ build, mode: 'production' }))
app.listen(Number(process.env.PORT), () => console.log('ready'))
