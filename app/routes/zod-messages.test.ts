import { beforeEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, readPage } from '#tests/helpers/remix-app.ts'
import { resetLoginThrottleMemory } from '#app/modules/auth/login-throttle.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { resetRateLimits } from '#app/utils/rate-limit.server.ts'
import { ZOD_FR } from '#app/utils/zod-fr.ts'
import * as profile from './compte.profil.tsx'
import * as deletion from './compte.supprimer.tsx'
import * as login from './connexion.tsx'
import * as signUp from './inscription.tsx'
import * as reset from './reinitialiser-mot-de-passe.tsx'
import * as newResource from './ressources.nouvelle/route.tsx'
import * as newStructure from './structures.nouvelle.tsx'

// F16 of the security probe: tampered types (arrays, objects, unknown choices) and over-long values that can be
// typed must never show an English zod message.

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const asRoute = (module: unknown) => module as RouteModule
const app = createTestApp({
  'routes/inscription': { path: 'inscription', module: asRoute(signUp) },
  'routes/connexion': { path: 'connexion', module: asRoute(login) },
  'routes/compte.profil': { path: 'compte/profil', module: asRoute(profile) },
  'routes/compte.supprimer': { path: 'compte/supprimer', module: asRoute(deletion) },
  'routes/reinitialiser-mot-de-passe': { path: 'reinitialiser-mot-de-passe', module: asRoute(reset) },
  'routes/ressources.nouvelle': { path: 'ressources/nouvelle', module: asRoute(newResource) },
  'routes/structures.nouvelle': { path: 'structures/nouvelle', module: asRoute(newStructure) },
})

const ENGLISH = ['Expected', 'Invalid', 'String must', 'Required', 'received', 'character(s)']
const LONG = 'x'.repeat(201)

/** A same-origin form POST whose fields may repeat (an array for conform) or use a dotted name (an object). */
function post(url: string, fields: [string, string][], cookie?: string): Request {
  const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000', host: 'localhost:3000' })
  if (cookie) headers.set('cookie', cookie)
  return new Request(new URL(url, 'http://localhost:3000'), { method: 'POST', headers, body: new URLSearchParams(fields) })
}

const SIGN_UP: [string, string][] = [
  ['email', 'a@exemple.fr'],
  ['name', 'Camille'],
  ['password', 'un mot de passe solide 2026'],
  ['charter', 'on'],
  ['website', ''],
]

/** Replaces (or removes, with no values) a field of a base form; several values make an array. */
function tamper(base: [string, string][], name: string, ...values: string[]): [string, string][] {
  return [...base.filter(([key]) => key !== name), ...values.map((value) => [name, value] as [string, string])]
}
const asObject = (base: [string, string][], name: string) => [...base.filter(([key]) => key !== name), [`${name}.x`, '1'] as [string, string]]

beforeEach(() => {
  resetRateLimits()
  resetLoginThrottleMemory()
})

async function expectFrench(request: Request, label: string) {
  const response = await app(request)
  expect(response.status, label).toBeLessThan(500)
  const { full, visible } = await readPage(response)
  for (const word of ENGLISH) {
    expect(full, `${label}: ${word}`).not.toContain(word)
  }
  return visible
}

describe('no English zod message reaches the person', () => {
  test('sign-up and log-in', async () => {
    for (const [label, fields] of [
      ['email array', tamper(SIGN_UP, 'email', 'a@exemple.fr', 'b@exemple.fr')],
      ['name object', asObject(SIGN_UP, 'name')],
      ['password array', tamper(SIGN_UP, 'password', 'un mot de passe solide 2026', 'x')],
      ['charter array', tamper(SIGN_UP, 'charter', 'on', 'on')],
      ['email missing', tamper(SIGN_UP, 'email')],
    ] as const) {
      await expectFrench(post('/inscription', fields), `inscription ${label}`)
    }
    const loginBase: [string, string][] = [
      ['email', 'a@exemple.fr'],
      ['password', 'quelque chose'],
      ['website', ''],
    ]
    for (const [label, fields] of [
      ['email array', tamper(loginBase, 'email', 'a', 'b')],
      ['password object', asObject(loginBase, 'password')],
      ['password 1001', tamper(loginBase, 'password', 'x'.repeat(1001))],
      ['redirectTo array', [...loginBase, ['redirectTo', '/a'], ['redirectTo', '/b']] as [string, string][]],
    ] as const) {
      await expectFrench(post('/connexion', fields), `connexion ${label}`)
    }
  })

  test('account forms: profile, email change, deletion, password reset', async () => {
    const user = await createTestUser()
    const cookie = (await createSession(user.id)).cookie.split(';')[0]
    const email: [string, string][] = [
      ['intent', 'email'],
      ['newEmail', 'nouvelle@exemple.fr'],
      ['currentPassword', user.password],
    ]
    const tooLong = await expectFrench(post('/compte/profil', tamper(email, 'currentPassword', LONG), cookie), 'email: 201-char password')
    expect(tooLong).toContain('Ce mot de passe n’est pas le bon.')
    await expectFrench(post('/compte/profil', tamper(email, 'newEmail', 'a@exemple.fr', 'b@exemple.fr'), cookie), 'email: array')
    await expectFrench(post('/compte/profil', asObject(email, 'currentPassword'), cookie), 'email: object')
    const prof: [string, string][] = [
      ['intent', 'profile'],
      ['name', 'Camille'],
      ['bio', ''],
      ['visibility', 'public'],
    ]
    await expectFrench(post('/compte/profil', tamper(prof, 'visibility', 'partout'), cookie), 'profile: enum')
    await expectFrench(post('/compte/profil', tamper(prof, 'name', 'a', 'b'), cookie), 'profile: name array')
    await expectFrench(post('/compte/profil', asObject(prof, 'bio'), cookie), 'profile: bio object')
    await expectFrench(post('/compte/profil', [...prof, ['territory', 'a'], ['territory', 'b']], cookie), 'profile: territory array')

    const del: [string, string][] = [
      ['password', user.password],
      ['confirm', 'on'],
    ]
    expect(await expectFrench(post('/compte/supprimer', tamper(del, 'password', LONG), cookie), 'deletion: 201')).toContain(
      'Ce mot de passe n’est pas le bon.',
    )
    await expectFrench(post('/compte/supprimer', tamper(del, 'confirm', 'on', 'on'), cookie), 'deletion: confirm array')
    await expectFrench(post('/compte/supprimer', asObject(del, 'password'), cookie), 'deletion: object')

    const resetBase: [string, string][] = [
      ['token', 'a'.repeat(52)],
      ['password', 'un mot de passe solide 2026'],
      ['confirmPassword', 'un mot de passe solide 2026'],
    ]
    await expectFrench(post('/reinitialiser-mot-de-passe', tamper(resetBase, 'token', LONG)), 'reset: 201-char token')
    await expectFrench(post('/reinitialiser-mot-de-passe', tamper(resetBase, 'password', 'a', 'b')), 'reset: password array')
    await expectFrench(post('/reinitialiser-mot-de-passe', asObject(resetBase, 'confirmPassword')), 'reset: object')
  })

  test('a resource form and the structure form', async () => {
    const user = await createTestUser()
    const cookie = (await createSession(user.id)).cookie.split(';')[0]
    const resource: [string, string][] = [
      ['type', 'bonne-pratique'],
      ['title', 'Une épicerie solidaire'],
      ['summary', 'Un résumé court qui dit l’essentiel.'],
      ['territory', 'arrageois'],
      ['themes', 'financement'],
      ['visibility', 'public'],
      ['context', 'Un quartier.'],
      ['problem', 'Un problème.'],
      ['steps', 'Des étapes.'],
      ['intent', 'draft'],
    ]
    for (const [label, fields] of [
      ['type enum', tamper(resource, 'type', 'inconnu')],
      ['visibility enum', tamper(resource, 'visibility', 'partout')],
      ['title array', tamper(resource, 'title', 'a', 'b')],
      ['summary object', asObject(resource, 'summary')],
      ['themes object', asObject(resource, 'themes')],
    ] as const) {
      await expectFrench(post('/ressources/nouvelle', fields, cookie), `resource ${label}`)
    }
    const structure: [string, string][] = [
      ['name', 'La Ressourcerie du Ternois'],
      ['legalForm', 'association'],
      ['communeLabel', 'Arras'],
      ['presentation', 'Collecte et revente d’objets.'],
    ]
    for (const [label, fields] of [
      ['legalForm enum', tamper(structure, 'legalForm', 'inconnue')],
      ['name array', tamper(structure, 'name', 'a', 'b')],
      ['presentation object', asObject(structure, 'presentation')],
      ['siret array', [...structure, ['siret', '1'], ['siret', '2']] as [string, string][]],
    ] as const) {
      await expectFrench(post('/structures/nouvelle', fields, cookie), `structure ${label}`)
    }
  })

  test('the French map itself: every code gets French, field messages still win', () => {
    const schema = z.object({
      a: z.string(),
      b: z.string().max(3),
      c: z.enum(['x', 'y']),
      d: z.string().email(),
      e: z.number().min(2),
      f: z.string().max(3, 'Trois au plus.'),
    })
    const result = schema.safeParse({ b: 'abcd', c: 'z', d: 'non', e: 1, f: 'abcd' })
    expect(result.success).toBe(false)
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path[0], i.message]))
    expect(messages).toEqual({
      a: ZOD_FR.required,
      b: '3 caractères au maximum.',
      c: ZOD_FR.choice,
      d: ZOD_FR.email,
      e: 'La valeur doit être au moins 2.',
      f: 'Trois au plus.',
    })
    expect(z.string().safeParse(['a']).error?.issues[0].message).toBe(ZOD_FR.invalid)
    expect(z.string().max(1).safeParse('ab').error?.issues[0].message).toBe('1 caractère au maximum.')
  })
})
