import { expect, test } from 'vitest'
import { ANONYMOUS } from '#app/modules/auth/viewer.ts'
import { getPathwayForViewer, listPublishedPathways } from '#app/modules/pathways/pathways.server.ts'
import { db } from '#db/client.server.ts'
import { seedDemoData } from '../seed.server.ts'
import { DEMO_PATHWAYS } from './pathways.ts'

test('demo pathways: the four, published, each step found, a contact coordinator, French without lorem ipsum; idempotent', async () => {
  await seedDemoData(db)
  const listed = await listPublishedPathways(ANONYMOUS)
  for (const title of ['Créer son association', 'Monter un dossier FSE+', 'Accueillir et fidéliser des bénévoles', 'Se former à la gouvernance coopérative']) {
    const item = listed.find((p) => p.title === title)
    expect(item, title).toBeDefined()
    const demo = DEMO_PATHWAYS.find((d) => d.title === title)!
    expect(item?.stepCount).toBe(demo.steps.length)
    const view = await getPathwayForViewer(item!.slug, ANONYMOUS)
    expect(view?.contact?.name, title).toBeTruthy()
    expect(view?.steps.every((s) => s.reserved || (s.title && s.href))).toBe(true)
    expect(JSON.stringify(view)).not.toMatch(/lorem|ipsum/i)
  }
  expect(listed.find((p) => p.title === 'Monter un dossier FSE+')?.introExcerpt).toContain('Fonds social européen')
  const count = (await db.selectFrom('pathways').select('id').execute()).length
  await seedDemoData(db)
  expect((await db.selectFrom('pathways').select('id').execute()).length).toBe(count)
})
