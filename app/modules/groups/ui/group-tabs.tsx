import { NavLink } from '@remix-run/react'

// The tabs of a group page: links in a labelled navigation, the current one marked aria-current="page" (NavLink).
// Each tab is a child route of the group’s layout. Events join once their module lands.

export function GroupTabs({ basePath, groupName }: { basePath: string; groupName: string }) {
  const tabs = [
    { to: basePath, label: 'Ressources', end: true },
    { to: `${basePath}/membres`, label: 'Membres', end: false },
    { to: `${basePath}/discussions`, label: 'Discussions', end: false },
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
