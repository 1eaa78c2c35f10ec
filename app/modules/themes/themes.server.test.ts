import { describe, expect, test } from 'vitest'
import { getThemesBySlugs, listThemes } from './themes.server.ts'

describe('themes', () => {
  test('the fifteen ESS themes are seeded by the migration, in order', async () => {
    const themes = await listThemes()
    expect(themes).toHaveLength(15)
    expect(themes[0]).toMatchObject({ slug: 'emploi-insertion', name: 'Emploi et insertion' })
    expect(themes.at(-1)).toMatchObject({ slug: 'cooperation-europeenne', name: 'Coopération européenne' })
  })

  test('looks themes up by slug and ignores unknown ones', async () => {
    const themes = await getThemesBySlugs(['numerique', 'inconnu', 'habitat'])
    expect(themes.map((t) => t.slug)).toEqual(['habitat', 'numerique'])
  })
})
