import type { GroupMemberRole } from '#db/schema/groups.ts'

// The viewer's place in a group. The seam where the membership actions (join, request, leave) will be wired once
// the groups writes module is merged: for now it only states the viewer's role, and shows nothing to others.

export function GroupMembershipPanel({ role, groupName }: { role: GroupMemberRole | null; groupName: string }) {
  if (!role) return null
  return (
    <section aria-label="Votre participation" className="group-membership">
      {role === 'coordinator' ? (
        <p>
          <strong>Coordinateur ou coordinatrice</strong> : vous animez le groupe {groupName}.
        </p>
      ) : (
        <p>
          <strong>Vous êtes membre</strong> du groupe {groupName}.
        </p>
      )}
    </section>
  )
}
