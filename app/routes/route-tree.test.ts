import fs from 'node:fs'
import path from 'node:path'
// The flat routes convention of the Remix compiler itself (the Vite plugin uses the same function).
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js'
import { describe, expect, test } from 'vitest'

// Route tests build their own route tree (every route a child of root), so they cannot see how the real flat routes
// nest. A page whose file name is the prefix of another (compte.tsx and compte.profil.tsx) becomes its layout: it
// must render an <Outlet />, or the child URL shows the parent page instead.

const appDirectory = path.resolve('app')
const routes = flatRoutes(appDirectory, ['**/*.test.ts', '**/*.test.tsx', '**/*.css'])

describe('route tree', () => {
  test('the account pages are their own pages', () => {
    expect(routes['routes/compte.profil']?.parentId).toBe('root')
    expect(routes['routes/compte.supprimer']?.parentId).toBe('root')
  })

  const parents = new Set(Object.values(routes).map((route) => route.parentId))
  const layouts = Object.values(routes).filter((route) => route.id !== 'root' && parents.has(route.id))
  test.each(layouts.map((route) => [route.id, route.file]))('%s renders its child routes (an <Outlet />)', (_id, file) => {
    const source = fs.readFileSync(path.join(appDirectory, file), 'utf8')
    // A resource route (no component) has no children to render; any page with children needs an Outlet.
    if (!/export default function/.test(source)) return
    expect(source).toMatch(/<Outlet\b/)
  })
})
