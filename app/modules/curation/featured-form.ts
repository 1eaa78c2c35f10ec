// Client-safe constants of the « À la une » management section (the component and featured-route.server.ts share
// them; no server import here).

/** The query-string parameter of the search among resources that may be featured. */
export const FEATURED_SEARCH_PARAM = 'une'

export const FEATURED_INTENTS = ['featured-add', 'featured-up', 'featured-down', 'featured-remove', 'featured-end'] as const

export const FEATURED_MESSAGES = {
  resourceRequired: 'Indiquez l’adresse de la ressource à mettre à la une (ou cherchez-la par son titre).',
  resourceAddress: 'Cette adresse n’est pas celle d’une ressource d’Essaim : elle doit contenir « /ressources/ » suivi de son identifiant.',
  already: 'Cette ressource est déjà à la une.',
  notFoundHome: 'Aucune ressource publiée et publique ne correspond à cette adresse : l’accueil ne met à la une que des ressources que tout le monde peut lire.',
  notFoundGroup: 'Aucune ressource publiée que les membres du groupe peuvent lire ne correspond à cette adresse.',
  endInvalid: 'Date de fin invalide : écrivez-la sous la forme jj/mm/aaaa.',
  endPast: 'Cette date est passée : choisissez aujourd’hui ou une date à venir.',
  cannotMove: 'Cette ressource ne peut pas être déplacée plus loin.',
  gone: 'Cette ressource n’est plus à la une (la page a peut-être changé entre-temps).',
} as const

export type FeaturedActionData = {
  featuredError: {
    /** `list`: an item of the list (`id` says which); otherwise the field of the add form, or an item's end date. */
    field: 'ressource' | 'fin' | 'list'
    id?: string
    message: string
    values: { ressource?: string; fin?: string }
  }
}
