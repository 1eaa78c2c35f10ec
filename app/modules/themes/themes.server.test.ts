import { describe, expect, test } from 'vitest'
import { listThemes } from './themes.server.ts'

describe('themes', () => {
  test('the fifteen ESS themes are seeded by the migration, in order', async () => {
    const themes = await listThemes()
    expect(themes).toHaveLength(15)
    expect(themes[0]).toMatchObject({ slug: 'emploi-insertion', name: 'Emploi et insertion' })
    expect(themes.at(-1)).toMatchObject({ slug: 'cooperation-europeenne', name: 'Coopération européenne' })
  })
})
