import { describe, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { createSession } from '#app/modules/auth/session.server.ts'
import { createTestUser } from '#tests/factories/users.ts'
import { createTestApp, formPost, pageGet, readPage } from '#tests/helpers/remix-app.ts'
import * as profileRoute from './compte.profil.tsx'

// Found by the security crawl (tests/security/crawl.test.ts): reading /compte/profil created the person's profile,
// and with it a page visible to the members. A GET writes nothing: the profile is created when the form is saved.

type RouteModule = Parameters<typeof createTestApp>[0][string]['module']
const app = createTestApp({ 'routes/compte.profil': { path: 'compte/profil', module: profileRoute as unknown as RouteModule } })

const profileOf = (userId: string) => db.selectFrom('profiles').selectAll().where('userId', '=', userId).executeTakeFirst()

describe('/compte/profil', () => {
  test('reading the page creates no profile; saving the form creates it, then the page links to it', async () => {
    const user = await createTestUser({ name: 'Camille Lefebvre' })
    const { cookie } = await createSession(user.id)
    const session = cookie.split(';')[0]
    const first = await app(pageGet('/compte/profil', session))
    expect(first.status).toBe(200)
    const { visible } = await readPage(first)
    expect(visible).toContain('Votre page de profil sera créée quand vous enregistrerez ce formulaire.')
    expect(visible).not.toContain('Voir ma page de profil')
    expect(await profileOf(user.id)).toBeUndefined()

    const saved = await app(formPost('/compte/profil', { intent: 'profile', name: 'Camille Lefebvre', bio: '', visibility: 'members', territory: '' }, session))
    expect(saved.status).toBe(302)
    const profile = await profileOf(user.id)
    expect(profile?.slug).toBe('camille-lefebvre')
    const again = await readPage(await app(pageGet('/compte/profil', session)))
    expect(again.visible).toContain(`href="/membres/${profile?.slug}"`)
  })
})
