import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { isAdmin } from '#app/modules/auth/viewer.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { groupFigures, listGroups } from '#app/modules/groups/pages.server.ts'
import { figureSummary } from '#app/modules/groups/ui/group-figures.tsx'
import { groupAccessText } from '#app/modules/groups/ui/labels.ts'
import groupStyles from '#app/styles/groups.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: groupStyles }]

export const meta: MetaFunction = () => [
  { title: 'Les groupes du réseau — Essaim' },
  {
    name: 'description',
    content: 'Les groupes du réseau de l’ESS du Pas-de-Calais : un groupe par territoire et des groupes thématiques.',
  },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const groups = await listGroups(viewer)
  const withFigures = await Promise.all(
    groups.map(async (group) => ({
      slug: group.slug,
      name: group.name,
      description: group.description,
      kind: group.kind,
      path: group.path,
      viewable: group.viewable,
      // A members-only page: the list is the way in (/groupes/:slug/adhesion), unless the group is on invitation only.
      joinLink: !group.viewable && !group.role && group.joinPolicy !== 'invitation' ? `/groupes/${group.slug}/adhesion` : null,
      joinPolicy: group.joinPolicy,
      role: group.role,
      access: groupAccessText(group),
      figures: figureSummary(await groupFigures(group, viewer)),
    })),
  )
  return {
    canCreate: isAdmin(viewer),
    territoryGroups: withFigures.filter((g) => g.kind === 'territory'),
    thematicGroups: withFigures.filter((g) => g.kind === 'thematic'),
  }
}

type GroupCardData = Awaited<ReturnType<typeof loader>>['territoryGroups'][number]

function GroupCard({ group }: { group: GroupCardData }) {
  return (
    <li className="card group-card">
      <h3>{group.viewable ? <Link to={group.path}>{group.name}</Link> : group.name}</h3>
      {group.role ? <p className="badge">{group.role === 'coordinator' ? 'Coordinateur ou coordinatrice' : 'Vous êtes membre'}</p> : null}
      {group.description ? <p>{group.description}</p> : null}
      <ul className="tile-figures" aria-label={`Chiffres du groupe ${group.name}`}>
        {group.figures.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="hint">{group.access}</p>
      {group.joinLink ? (
        <p>
          <Link to={group.joinLink}>
            {group.joinPolicy === 'open' ? 'Rejoindre le groupe' : 'Demander à rejoindre le groupe'}
            <span className="visually-hidden"> {group.name}</span>
          </Link>
        </p>
      ) : null}
    </li>
  )
}

export default function Groupes() {
  const { canCreate, territoryGroups, thematicGroups } = useLoaderData<typeof loader>()
  return (
    <div className="container">
      <h1>Les groupes du réseau</h1>
      <p className="lead">
        Le réseau de l’ESS du Pas-de-Calais vit entre les réunions dans ses groupes : un groupe par territoire, où se
        retrouvent les structures et les personnes qui y agissent, et des groupes thématiques qui traversent les
        territoires. Chaque groupe a ses ressources et ses membres.
      </p>
      <section aria-labelledby="titre-groupes-territoires">
        <h2 id="titre-groupes-territoires">Les groupes des territoires</h2>
        <ul className="group-cards">
          {territoryGroups.map((group) => (
            <GroupCard key={group.slug} group={group} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="titre-groupes-thematiques">
        <h2 id="titre-groupes-thematiques">Les groupes thématiques</h2>
        {canCreate ? (
          <p>
            <Link to="/groupes/nouveau" className="button button-secondary">
              Créer un groupe thématique
            </Link>
          </p>
        ) : null}
        {thematicGroups.length > 0 ? (
          <ul className="group-cards">
            {thematicGroups.map((group) => (
              <GroupCard key={group.slug} group={group} />
            ))}
          </ul>
        ) : (
          <p>Aucun groupe thématique pour l’instant.</p>
        )}
      </section>
    </div>
  )
}
