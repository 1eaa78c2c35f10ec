import { Link } from '@remix-run/react'
import type { GroupMemberRole } from '#db/schema/groups.ts'
import { countFr } from '#app/utils/plural.ts'

// The members tab of a group: coordinators first, then members, as far as each one's profile visibility allows.

export type GroupMemberView = { userId: string; name: string; role: GroupMemberRole; profileSlug: string | null }

function Person({ member }: { member: GroupMemberView }) {
  return member.profileSlug ? <Link to={`/membres/${member.profileSlug}`}>{member.name}</Link> : member.name
}

export function GroupMemberList({ members, notShown }: { members: readonly GroupMemberView[]; notShown: number }) {
  const coordinators = members.filter((m) => m.role === 'coordinator')
  const others = members.filter((m) => m.role !== 'coordinator')
  return (
    <>
      <section aria-labelledby="titre-coordination">
        <h2 id="titre-coordination">Coordination</h2>
        {coordinators.length > 0 ? (
          <ul>
            {coordinators.map((member) => (
              <li key={member.userId}>
                <Person member={member} />
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune coordination n’est visible pour l’instant.</p>
        )}
      </section>
      <section aria-labelledby="titre-membres">
        <h2 id="titre-membres">Membres</h2>
        {others.length > 0 ? (
          <ul>
            {others.map((member) => (
              <li key={member.userId}>
                <Person member={member} />
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun membre n’est visible pour l’instant.</p>
        )}
        {notShown > 0 ? (
          <p className="hint">
            {notShown >= 2
              ? `${countFr(notShown, 'autre membre', 'autres membres')} ne sont pas affichés : leur profil n’est pas visible ici.`
              : `${countFr(notShown, 'autre membre', 'autres membres')} n’est pas affiché : son profil n’est pas visible ici.`}
          </p>
        ) : null}
      </section>
    </>
  )
}
