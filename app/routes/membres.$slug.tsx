import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { getPublicProfile } from '#app/modules/people/people.server.ts'
import { listResources } from '#app/modules/resources/resources.server.ts'
import { ResourceSummaryList } from '#app/modules/resources/ui/resource-summary-list.tsx'
import { notFound } from '#app/utils/http.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.name} — Membres — Essaim` : 'Profil introuvable — Essaim' },
  // Only public profiles may be indexed by search engines.
  ...(data && data.profile.visibility !== 'public' ? [{ name: 'robots', content: 'noindex' }] : []),
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request)
  const profile = await getPublicProfile(params.slug ?? '', viewer)
  if (!profile) notFound()
  // What they published that this viewer may read (only reached when the profile itself is visible to the viewer).
  const resources = await listResources(viewer, { authorId: profile.userId }, { pageSize: 10 })
  return {
    profile: {
      name: profile.name,
      bio: profile.bio,
      visibility: profile.visibility,
      territoryName: profile.territoryName,
      territorySlug: profile.territorySlug,
      structures: profile.structures,
    },
    isSelf: viewer.kind === 'person' && viewer.id === profile.userId,
    resources: { items: resources.items, total: resources.total },
  }
}

const VISIBILITY_NOTES = {
  public: 'Votre profil est public.',
  members: 'Votre profil n’est visible que par les personnes connectées.',
  hidden: 'Votre profil est masqué : il n’est visible que par vous.',
} as const

export default function MemberProfilePage() {
  const { profile, isSelf, resources } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <h1>{profile.name}</h1>
      {isSelf ? (
        <p className="notice">
          {VISIBILITY_NOTES[profile.visibility]} <Link to="/compte/profil">Modifier mon profil</Link>
        </p>
      ) : null}
      {profile.territoryName && profile.territorySlug ? (
        <p>
          Territoire : <Link to={`/territoires/${profile.territorySlug}`}>{profile.territoryName}</Link>
        </p>
      ) : null}
      {profile.bio ? <p>{profile.bio}</p> : null}
      <section aria-labelledby="titre-structures">
        <h2 id="titre-structures">Structures</h2>
        {profile.structures.length ? (
          <ul>
            {profile.structures.map((s) => (
              <li key={s.slug}>
                <Link to={`/structures/${s.slug}`}>{s.name}</Link>
                {s.role === 'owner' ? ' (responsable)' : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Ne fait partie d’aucune structure sur Essaim pour le moment.</p>
        )}
      </section>
      <ResourceSummaryList
        id="titre-ressources"
        title={resources.total > resources.items.length ? `Ressources publiées (les ${resources.items.length} plus récentes sur ${resources.total})` : 'Ressources publiées'}
        items={resources.items}
        total={resources.total}
        empty="Aucune ressource publiée pour le moment."
      />
    </div>
  )
}
