import { Link } from '@remix-run/react'
import { coverUrl } from '#app/modules/groups/cover.ts'

/** The group's cover (decorative: the page's title says whose it is), in the two widths kept. */
export function GroupCover({ slug, coverKey }: { slug: string; coverKey: string | null }) {
  if (!coverKey) return null
  return (
    <img
      className="group-cover"
      src={coverUrl(slug, coverKey, 640)}
      srcSet={`${coverUrl(slug, coverKey, 640)} 640w, ${coverUrl(slug, coverKey, 1280)} 1280w`}
      sizes="(min-width: 70rem) 1280px, 100vw"
      width={1280}
      height={427}
      alt=""
    />
  )
}

/** « Réglages du groupe », for those who may manage it (its coordinators and admins). */
export function GroupSettingsLink({ slug, groupName, canManage }: { slug: string; groupName: string; canManage: boolean }) {
  if (!canManage) return null
  return (
    <p>
      <Link to={`/groupes/${encodeURIComponent(slug)}/parametres`}>
        Réglages du groupe<span className="visually-hidden"> {groupName}</span>
      </Link>
    </p>
  )
}
