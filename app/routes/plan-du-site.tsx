import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getOptionalUser } from '#app/modules/auth/session.server.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { listGroups } from '#app/modules/groups/pages.server.ts'
import { SITE_SECTIONS, territoryPath, visibleSitePages } from '#app/modules/site/site-map.ts'
import { listTerritories } from '#app/modules/territories/territories.server.ts'
import { CALLS_FEED_PATH, DEADLINES_FEED_PATH, RESOURCES_FEED_PATH } from '#app/modules/feeds/links.ts'

export const meta: MetaFunction = () => [{ title: 'Plan du site — Essaim' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  const [territories, groups] = await Promise.all([listTerritories(), getViewer(request).then((viewer) => listGroups(viewer))])
  // The thematic groups whose page this viewer may open (the territory groups are the territory pages).
  const thematic = groups.filter((g) => g.kind === 'thematic' && g.viewable).map((g) => ({ path: g.path, title: g.name }))
  const pages = visibleSitePages({ signedIn: Boolean(user) }).map((page) => ({
    path: page.path,
    title: page.title,
    section: page.section,
    needsAccount: page.auth === 'member' && !user,
    children:
      page.children === 'territories'
        ? territories.map((t) => ({ path: territoryPath(t.slug), title: `Territoire ${t.name}` }))
        : page.children === 'groups'
          ? thematic
          : [],
  }))
  return {
    sections: SITE_SECTIONS.map((title) => ({ title, pages: pages.filter((p) => p.section === title) })).filter(
      (section) => section.pages.length > 0,
    ),
  }
}

export default function PlanDuSite() {
  const { sections } = useLoaderData<typeof loader>()
  return (
    <div className="container narrow">
      <h1>Plan du site</h1>
      {sections.map((section, index) => (
        <section key={section.title} aria-labelledby={`plan-section-${index}`}>
          <h2 id={`plan-section-${index}`}>{section.title}</h2>
          <ul>
            {section.pages.map((page) => (
              <li key={page.path}>
                <Link to={page.path}>{page.title}</Link>
                {page.needsAccount ? ' (connexion requise)' : null}
                {page.children.length > 0 ? (
                  <ul>
                    {page.children.map((child) => (
                      <li key={child.path}>
                        <Link to={child.path}>{child.title}</Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="plan-section-flux">
        <h2 id="plan-section-flux">Flux</h2>
        <p>Pour suivre les nouveautés sans revenir sur le site : dans un lecteur de flux (Atom) ou un agenda (iCalendar).</p>
        <ul>
          <li>
            <a href={RESOURCES_FEED_PATH}>Flux des ressources publiques (Atom)</a>
          </li>
          <li>
            <a href={CALLS_FEED_PATH}>Flux des appels à projets européens ouverts (Atom)</a>
          </li>
          <li>
            <a href={DEADLINES_FEED_PATH}>Dates limites des appels à projets, pour un agenda (iCalendar)</a>
          </li>
        </ul>
      </section>
    </div>
  )
}
