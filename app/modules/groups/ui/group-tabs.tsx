import { NavLink } from '@remix-run/react'

// The tabs of a group page: links in a labelled navigation, the current one marked aria-current="page" (NavLink).
// Each tab is a child route of the group’s layout.

/**
 * `coordination`: the viewer coordinates the group or is an admin (the tab is a 404 for anyone else). `discussions`:
 * the viewer may read the group's discussions (its members and admins: discussions.policy.ts).
 */
export function GroupTabs({
  basePath,
  groupName,
  coordination = false,
  discussions = false,
}: { basePath: string; groupName: string; coordination?: boolean; discussions?: boolean }) {
  const tabs = [
    { to: basePath, label: 'Ressources', end: true },
    { to: `${basePath}/membres`, label: 'Membres', end: false },
    { to: `${basePath}/evenements`, label: 'Agenda', end: false },
    ...(discussions ? [{ to: `${basePath}/discussions`, label: 'Discussions', end: false }] : []),
    ...(coordination ? [{ to: `${basePath}/coordination`, label: 'Coordination', end: false }] : []),
  ]
  return (
    <nav aria-label={`Rubriques du groupe ${groupName}`} className="group-tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.end}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
