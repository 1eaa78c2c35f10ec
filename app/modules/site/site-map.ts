// The public pages of Essaim, as /plan-du-site shows them and /sitemap.xml lists them. Each issue that adds a page
// adds it here; unit tests (site-map.test.ts) check that every path resolves to a route file in app/routes and that
// every entry of the header navigation is listed, so the list cannot drift.

export type SiteSection = 'Découvrir le réseau' | 'Participer' | 'Mon compte' | 'Informations sur le site'

export type SitePage = {
  /** A path without parameters: a page anyone can open from the site map. */
  path: string
  title: string
  section: SiteSection
  /** `member`: needs a signed-in account. `anonymous`: only useful signed out (hidden from members). */
  auth?: 'member' | 'anonymous'
  /** Filled at request time by /plan-du-site from the database (the territory pages, the thematic groups). */
  children?: 'territories' | 'groups'
}

/** Sections in the order the site map shows them. */
export const SITE_SECTIONS: readonly SiteSection[] = ['Découvrir le réseau', 'Participer', 'Mon compte', 'Informations sur le site']

export const SITE_PAGES: readonly SitePage[] = [
  { path: '/', title: 'Accueil', section: 'Découvrir le réseau' },
  { path: '/ressources', title: 'Ressources : initiatives, bonnes pratiques, formations, financements européens', section: 'Découvrir le réseau' },
  { path: '/structures', title: 'Annuaire des structures', section: 'Découvrir le réseau' },
  { path: '/territoires', title: 'Les territoires', section: 'Découvrir le réseau', children: 'territories' },
  { path: '/groupes', title: 'Les groupes du réseau', section: 'Découvrir le réseau', children: 'groups' },
  { path: '/agenda', title: 'L’agenda du réseau : plénières, séances de travail, formations', section: 'Découvrir le réseau' },
  { path: '/parcours', title: 'Parcours pas à pas pour bien démarrer', section: 'Découvrir le réseau' },
  { path: '/recherche', title: 'Recherche', section: 'Découvrir le réseau' },
  { path: '/charte', title: 'Charte de l’ESS', section: 'Découvrir le réseau' },
  { path: '/glossaire', title: 'Glossaire de l’ESS', section: 'Découvrir le réseau' },
  { path: '/indicateurs', title: 'Indicateurs du réseau, à télécharger en CSV', section: 'Découvrir le réseau' },

  { path: '/ressources/nouvelle', title: 'Publier une ressource', section: 'Participer', auth: 'member' },
  { path: '/structures/nouvelle', title: 'Inscrire une structure', section: 'Participer', auth: 'member' },

  { path: '/connexion', title: 'Se connecter', section: 'Mon compte', auth: 'anonymous' },
  { path: '/inscription', title: 'Créer un compte', section: 'Mon compte', auth: 'anonymous' },
  { path: '/mot-de-passe-oublie', title: 'Mot de passe oublié', section: 'Mon compte', auth: 'anonymous' },
  { path: '/compte', title: 'Mon compte', section: 'Mon compte', auth: 'member' },
  { path: '/compte/profil', title: 'Mon profil', section: 'Mon compte', auth: 'member' },
  { path: '/notifications', title: 'Mes notifications', section: 'Mon compte', auth: 'member' },
  { path: '/compte/abonnements', title: 'Mes abonnements', section: 'Mon compte', auth: 'member' },
  { path: '/compte/notifications', title: 'Mes courriels de notifications', section: 'Mon compte', auth: 'member' },

  { path: '/conditions-utilisation', title: 'Conditions d’utilisation', section: 'Informations sur le site' },
  { path: '/mentions-legales', title: 'Mentions légales', section: 'Informations sur le site' },
  { path: '/accessibilite', title: 'Déclaration d’accessibilité', section: 'Informations sur le site' },
  { path: '/donnees-personnelles', title: 'Données personnelles', section: 'Informations sur le site' },
  { path: '/plan-du-site', title: 'Plan du site', section: 'Informations sur le site' },
]

/** The path of a territory page (the site map lists one per territory). */
export function territoryPath(slug: string): string {
  return `/territoires/${encodeURIComponent(slug)}`
}

/** The pages a viewer is offered: account pages for members, sign-in pages for everybody else. */
export function visibleSitePages(viewer: { signedIn: boolean }): SitePage[] {
  return SITE_PAGES.filter((page) => (viewer.signedIn ? page.auth !== 'anonymous' : true))
}

/** The pages worth indexing: open to anyone, not about an account (what /sitemap.xml lists besides the content). */
export function indexableSitePages(): SitePage[] {
  return SITE_PAGES.filter((page) => !page.auth)
}
