import type { ResourceType } from '#db/schema/resources.ts'
import { RESOURCE_TYPES } from '#app/modules/resources/labels.ts'
import { countFr } from '#app/utils/plural.ts'

// The figures of a group, as text (readable without the layout): the panel of a group page and the lines of the
// lists of groups (/groupes, /territoires). Counted for the viewer by pages.server.ts `groupFigures`.

export type FiguresData = {
  members: number
  structures: number | null
  resourcesByKind: Record<ResourceType, number>
  resources: number
  openCalls: number
}

const KIND_WORDS: Record<ResourceType, [string, string]> = {
  'financement-europeen': ['financement européen', 'financements européens'],
  initiative: ['initiative', 'initiatives'],
  'bonne-pratique': ['bonne pratique', 'bonnes pratiques'],
  formation: ['formation', 'formations'],
}

export const membersText = (n: number) => countFr(n, 'membre', 'membres')
export const structuresText = (n: number) => countFr(n, 'structure', 'structures')
export const resourcesText = (n: number) => countFr(n, 'ressource', 'ressources')
export const openCallsText = (n: number) => countFr(n, 'appel à projets ouvert', 'appels à projets ouverts')
export const kindText = (type: ResourceType, n: number) => countFr(n, ...KIND_WORDS[type])

/** The short form, for a list of groups: « 12 membres », « 40 structures », « 8 ressources », « 1 appel… ». */
export function figureSummary(figures: FiguresData): string[] {
  return [
    membersText(figures.members),
    ...(figures.structures === null ? [] : [structuresText(figures.structures)]),
    resourcesText(figures.resources),
    openCallsText(figures.openCalls),
  ]
}

/** The panel of a group page: members, structures, resources by kind, open funding calls. */
export function GroupFiguresPanel({ figures }: { figures: FiguresData }) {
  return (
    <section aria-labelledby="titre-chiffres" className="card group-figures">
      <h2 id="titre-chiffres">En chiffres</h2>
      <ul className="group-figure-list">
        <li>{membersText(figures.members)}</li>
        {figures.structures === null ? null : <li>{structuresText(figures.structures)}</li>}
        <li>
          {resourcesText(figures.resources)}
          {figures.resources > 0 ? (
            <ul>
              {RESOURCE_TYPES.filter((type) => figures.resourcesByKind[type] > 0).map((type) => (
                <li key={type}>{kindText(type, figures.resourcesByKind[type])}</li>
              ))}
            </ul>
          ) : null}
        </li>
        <li>{openCallsText(figures.openCalls)}</li>
      </ul>
    </section>
  )
}
