import fs from 'node:fs'
import path from 'node:path'
// The flat routes convention of the Remix compiler itself (the Vite plugin uses the same function).
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js'
import { describe, expect, test } from 'vitest'
import { GROUP_PAGE_ROUTES } from '#tests/helpers/group-routes.ts'
import { STRUCTURE_PAGE_ROUTES } from '#tests/helpers/structure-routes.ts'

// Route tests build their own route tree (tests/helpers/remix-app.ts), so this test holds that the real flat routes
// nest as they declare. A page whose file name is the prefix of another (structures.$slug.tsx and
// structures.$slug.membres.tsx) becomes its layout: it must render an <Outlet />, or the child URL shows the parent
// page instead.

const appDirectory = path.resolve('app')
const routes = flatRoutes(appDirectory, ['**/*.test.ts', '**/*.test.tsx', '**/*.css'])

describe('route tree', () => {
  test('the account pages are their own pages', () => {
    expect(routes['routes/compte.profil']?.parentId).toBe('root')
    expect(routes['routes/compte.supprimer']?.parentId).toBe('root')
  })

  test('the /structures/:slug pages are children of their layout, the logo resource route is not', () => {
    expect(routes['routes/structures.$slug']).toMatchObject({ parentId: 'root', path: 'structures/:slug' })
    expect(routes['routes/structures.$slug._index']).toMatchObject({ parentId: 'routes/structures.$slug', index: true })
    expect(routes['routes/structures.$slug.membres']).toMatchObject({ parentId: 'routes/structures.$slug', path: 'membres' })
    expect(routes['routes/structures.$slug.modifier']).toMatchObject({ parentId: 'routes/structures.$slug', path: 'modifier' })
    expect(routes['routes/structures.$slug_.logo.$key.$size']).toMatchObject({ parentId: 'root', path: 'structures/:slug/logo/:key/:size' })
    expect(Object.values(routes).filter((route) => route.parentId === 'routes/structures.$slug').map((route) => route.id).sort()).toEqual([
      'routes/structures.$slug._index',
      'routes/structures.$slug.membres',
      'routes/structures.$slug.modifier',
    ])
  })

  test('the group pages: /groupes/:slug and /territoires/:slug are layouts of their tabs', () => {
    expect(routes['routes/groupes._index']).toMatchObject({ parentId: 'root', path: 'groupes', index: true })
    for (const layout of ['groupes', 'territoires']) {
      expect(routes[`routes/${layout}.$slug`]).toMatchObject({ parentId: 'root', path: `${layout}/:slug` })
      expect(
        Object.values(routes)
          .filter((route) => route.parentId === `routes/${layout}.$slug`)
          .map((route) => route.id)
          .sort(),
      ).toEqual([
        `routes/${layout}.$slug._index`,
        `routes/${layout}.$slug.coordination`,
        `routes/${layout}.$slug.discussions.$id`,
        `routes/${layout}.$slug.discussions._index`,
        `routes/${layout}.$slug.discussions.nouvelle`,
        `routes/${layout}.$slug.evenements`,
        `routes/${layout}.$slug.membres`,
      ])
    }
  })

  test('the agenda: the list, an event page, its .ics file and the feeds are pages of their own, outside any layout', () => {
    expect(routes['routes/agenda.$id']).toMatchObject({ parentId: 'root', path: 'agenda/:id' })
    expect(routes['routes/agenda.$id[.ics]']).toMatchObject({ parentId: 'root', path: 'agenda/:id.ics' })
    expect(routes['routes/agenda._index']).toMatchObject({ parentId: 'root', path: 'agenda', index: true })
    expect(routes['routes/agenda.nouveau']).toMatchObject({ parentId: 'root', path: 'agenda/nouveau' })
    expect(routes['routes/agenda.$id_.modifier']).toMatchObject({ parentId: 'root', path: 'agenda/:id/modifier' })
    expect(routes['routes/agenda[.ics]']).toMatchObject({ parentId: 'root', path: 'agenda.ics' })
    expect(routes['routes/territoires.$slug_.agenda[.ics]']).toMatchObject({ parentId: 'root', path: 'territoires/:slug/agenda.ics' })
    expect(routes['routes/groupes.$slug_.agenda[.ics]']).toMatchObject({ parentId: 'root', path: 'groupes/:slug/agenda.ics' })
    expect(routes['routes/agenda.prive.$token[.ics]']).toMatchObject({ parentId: 'root', path: 'agenda/prive/:token.ics' })
    expect(routes['routes/compte.agenda']).toMatchObject({ parentId: 'root', path: 'compte/agenda' })
  })

  test('the group creation and settings pages and the cover route are their own pages, outside the group layout', () => {
    expect(routes['routes/groupes.nouveau']).toMatchObject({ parentId: 'root', path: 'groupes/nouveau' })
    expect(routes['routes/groupes.$slug_.parametres']).toMatchObject({ parentId: 'root', path: 'groupes/:slug/parametres' })
    expect(routes['routes/groupes.$slug_.couverture.$key.$size']).toMatchObject({ parentId: 'root', path: 'groupes/:slug/couverture/:key/:size' })
  })

  test('the test trees of the structure and group pages nest as the real one', () => {
    for (const [id, route] of Object.entries({ ...STRUCTURE_PAGE_ROUTES, ...GROUP_PAGE_ROUTES })) {
      const real = routes[id]
      expect(real, id).toBeDefined()
      expect({ parentId: real?.parentId, path: real?.path, index: Boolean(real?.index) }, id).toEqual({
        parentId: route.parentId ?? 'root',
        path: route.path,
        index: Boolean(route.index),
      })
    }
  })

  const parents = new Set(Object.values(routes).map((route) => route.parentId))
  const layouts = Object.values(routes).filter((route) => route.id !== 'root' && parents.has(route.id))
  test.each(layouts.map((route) => [route.id, route.file]))('%s renders its child routes (an <Outlet />)', (_id, file) => {
    const source = fs.readFileSync(path.join(appDirectory, file), 'utf8')
    // A resource route (no component) has no children to render; any page with children needs an Outlet.
    if (!/export default function/.test(source)) return
    expect(source).toMatch(/<Outlet\b/)
  })

  test('the public API v1 and the open-data files are resource routes of their own, outside any layout', () => {
    expect(routes['routes/api.v1.resources']).toMatchObject({ parentId: 'root', path: 'api/v1/resources' })
    expect(routes['routes/api.v1.resources_.$slug']).toMatchObject({ parentId: 'root', path: 'api/v1/resources/:slug' })
    expect(routes['routes/api.v1.openapi[.]json']).toMatchObject({ parentId: 'root', path: 'api/v1/openapi.json' })
    for (const name of ['events', 'groups', 'territories', 'structures', 'search']) {
      expect(routes[`routes/api.v1.${name}`]).toMatchObject({ parentId: 'root', path: `api/v1/${name}` })
    }
    expect(routes['routes/ressources[.]csv']).toMatchObject({ parentId: 'root', path: 'ressources.csv' })
  })

  test('the feeds are resource routes of their own, at /flux/*.atom and /flux/echeances.ics', () => {
    expect(routes['routes/flux.ressources[.atom]']).toMatchObject({ parentId: 'root', path: 'flux/ressources.atom' })
    expect(routes['routes/flux.appels[.atom]']).toMatchObject({ parentId: 'root', path: 'flux/appels.atom' })
    expect(routes['routes/flux.echeances[.ics]']).toMatchObject({ parentId: 'root', path: 'flux/echeances.ics' })
  })

  test('the indicators page and its CSV files are pages of their own', () => {
    expect(routes['routes/indicateurs._index']).toMatchObject({ parentId: 'root', index: true, path: 'indicateurs' })
    expect(routes['routes/indicateurs.$table[.csv]']).toMatchObject({ parentId: 'root', path: 'indicateurs/:table.csv' })
  })
})
