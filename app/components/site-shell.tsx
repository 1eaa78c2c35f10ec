import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { SearchBox } from './search-box.tsx'
import { bellLabel } from '#app/modules/notifications/kinds.ts'

type ShellUser = {
  name: string
  role: 'member' | 'admin'
  emailVerified: boolean
  /** Open moderation items, for coordinators and admins only (null for others: no link). */
  moderation?: number | null
  /** Unread notifications the person may still see (the bell). */
  notifications?: number
} | null

/** Only sections that exist appear here; later issues add theirs. */
export const MAIN_SECTIONS = [
  { to: '/ressources', label: 'Ressources' },
  { to: '/structures', label: 'Structures' },
  { to: '/territoires', label: 'Territoires' },
  { to: '/groupes', label: 'Groupes' },
  { to: '/agenda', label: 'Agenda' },
  { to: '/parcours', label: 'Parcours' },
  { to: '/charte', label: 'Charte de l’ESS' },
  { to: '/recherche', label: 'Recherche' },
] as const

const MENU_ID = 'site-menu'

/** The bell: a link to /notifications whose accessible name says how many are unread (« Notifications, 3 non lues »). */
function NotificationBell({ unread }: { unread: number }) {
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={bellLabel(unread)}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  )
}
/** The width below which the navigations fold behind the « Menu » button (app.css). */
const NARROW_MEDIA = '(max-width: 47.99rem)'

/** `popover` attributes (HTML, not yet in React 18's types): written as plain lowercase attributes. */
const menuPopover = { popover: 'auto' } as Record<string, string>
const menuInvoker = { popovertarget: MENU_ID } as Record<string, string>

function popoverOpen(element: HTMLElement) {
  try {
    return element.matches(':popover-open')
  } catch {
    return false
  }
}

/**
 * The header. On a wide screen: the brand and the search box, then the two navigations on one row. On a narrow
 * screen the navigations fold behind a « Menu » disclosure button: an HTML popover (`popovertarget`), so it opens
 * and closes without JavaScript too, Escape (or a click outside) closes it and gives the focus back to the button,
 * and the browser puts the menu's links right after the button in the Tab order. With JavaScript the button also
 * carries `aria-expanded`, and following a link closes the menu (client-side navigation keeps the page). A browser
 * without popovers shows the navigations below the search box, as on a wide screen.
 */
export function SiteHeader({ user }: { user: ShellUser }) {
  const menuRef = useRef<HTMLDivElement>(null)
  const [expanded, setExpanded] = useState<boolean | undefined>(undefined)
  const location = useLocation()

  useEffect(() => {
    const menu = menuRef.current
    if (!menu) return
    const sync = () => setExpanded(popoverOpen(menu))
    sync()
    menu.addEventListener('toggle', sync)
    // Widened past the breakpoint (a tablet turned, a window resized): the navigations are back in the header.
    const narrow = window.matchMedia(NARROW_MEDIA)
    const widened = () => {
      if (!narrow.matches && popoverOpen(menu)) menu.hidePopover()
    }
    narrow.addEventListener('change', widened)
    return () => {
      menu.removeEventListener('toggle', sync)
      narrow.removeEventListener('change', widened)
    }
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation, the location is the trigger
  useEffect(() => {
    const menu = menuRef.current
    if (menu && popoverOpen(menu)) menu.hidePopover()
    if (menu) setExpanded(false)
  }, [location])

  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand" aria-label="Essaim — accueil">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span>Essaim</span>
        </Link>
        <button type="button" className="menu-button" aria-controls={MENU_ID} aria-expanded={expanded} {...menuInvoker}>
          <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
            <path d="M2 4.5h16M2 10h16M2 15.5h16" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
          Menu
        </button>
        <SearchBox />
        <div id={MENU_ID} className="site-menu" ref={menuRef} {...menuPopover}>
          <nav aria-label="Navigation principale" className="main-nav">
            <ul>
              {MAIN_SECTIONS.map((section) => (
                <li key={section.to}>
                  <NavLink to={section.to}>{section.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label="Mon compte" className="user-nav">
            {user ? (
              <ul>
                {user.moderation != null ? (
                  <li>
                    <NavLink to="/moderation">{`Modération (${user.moderation})`}</NavLink>
                  </li>
                ) : null}
                <li>
                  <NotificationBell unread={user.notifications ?? 0} />
                </li>
                <li>
                  <NavLink to="/compte">
                    <span className="visually-hidden">Mon compte : </span>
                    {user.name}
                  </NavLink>
                </li>
                <li>
                  <Form method="post" action="/deconnexion">
                    <button type="submit" className="link-button">
                      Se déconnecter
                    </button>
                  </Form>
                </li>
              </ul>
            ) : (
              <ul>
                <li>
                  <NavLink to="/connexion">Se connecter</NavLink>
                </li>
                <li>
                  <NavLink to="/inscription" className="button button-small">
                    Créer un compte
                  </NavLink>
                </li>
              </ul>
            )}
          </nav>
        </div>
      </div>
    </header>
  )
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          <strong>Essaim</strong> — le réseau de partage de connaissances de l’économie sociale et solidaire du
          Pas-de-Calais.
        </p>
        <nav aria-label="Informations sur le site">
          <ul className="inline-links">
            <li>
              <Link to="/conditions-utilisation">Conditions d’utilisation</Link>
            </li>
            <li>
              <Link to="/charte">Charte de l’ESS</Link>
            </li>
            <li>
              <Link to="/glossaire">Glossaire</Link>
            </li>
            <li>
              <Link to="/mentions-legales">Mentions légales</Link>
            </li>
            <li>
              {/* RGAA: without a valid audit the mention is « non conforme » (update it with the declaration). */}
              <Link to="/accessibilite">Accessibilité : non conforme</Link>
            </li>
            <li>
              <Link to="/donnees-personnelles">Données personnelles</Link>
            </li>
            <li>
              <Link to="/plan-du-site">Plan du site</Link>
            </li>
            <li>
              <Link to="/indicateurs">Indicateurs</Link>
            </li>
            <li>
              <a href="https://www.pasdecalais.fr/Vous-etes/Acteur-economique/Economie-Sociale-et-Solidaire" hrefLang="fr">
                L’ESS sur pasdecalais.fr
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  )
}
