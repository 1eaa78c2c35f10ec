import { NavLink } from '@remix-run/react'

// The tabs of a group page: links in a labelled navigation, the current one marked aria-current="page" (NavLink).
// Each tab is a child route of the group's layout. Discussions (and events) join once their modules land.

/** `coordination`: the viewer coordinates the group or is an admin (the tab is a 404 for anyone else). */
export function GroupTabs({ basePath, groupName, coordination = false }: { basePath: string; groupName: string; coordination?: boolean }) {
  const tabs = [
    { to: basePath, label: 'Ressources', end: true },
    { to: `${basePath}/membres`, label: 'Membres', end: false },
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
