import path from 'node:path'
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

// A bare Remix 2 app (one root, one empty route, the same future flags as Essaim): bench/pages.ts builds it and
// measures it in the same run, so the app's empty route is compared with what the framework itself costs.
export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  plugins: [
    remix({
      appDirectory: path.join(import.meta.dirname, 'app'),
      buildDirectory: process.env.BARE_REMIX_BUILD_DIR ?? path.join(import.meta.dirname, 'build'),
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
})
