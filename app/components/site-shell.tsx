import { Form, Link, NavLink } from '@remix-run/react'
import { SearchBox } from './search-box.tsx'

type ShellUser = { name: string; role: 'member' | 'admin'; emailVerified: boolean } | null

/** Only sections that exist appear here; later issues add theirs. */
export const MAIN_SECTIONS = [
  { to: '/ressources', label: 'Ressources' },
  { to: '/structures', label: 'Structures' },
  { to: '/territoires', label: 'Territoires' },
  { to: '/charte', label: 'Charte de l’ESS' },
  { to: '/recherche', label: 'Recherche' },
] as const

export function SiteHeader({ user }: { user: ShellUser }) {
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand" aria-label="Essaim — accueil">
          <img src="/favicon.svg" alt="" width="32" height="32" />
          <span>Essaim</span>
        </Link>
        <nav aria-label="Navigation principale" className="main-nav">
          <ul>
            {MAIN_SECTIONS.map((section) => (
              <li key={section.to}>
                <NavLink to={section.to}>{section.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox />
        <nav aria-label="Mon compte" className="user-nav">
          {user ? (
            <ul>
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
