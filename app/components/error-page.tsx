import { Link } from '@remix-run/react'

const MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: 'Requête incorrecte', text: 'La demande envoyée n’a pas pu être comprise. Vérifiez l’adresse ou le formulaire.' },
  403: { title: 'Accès refusé', text: 'Vous n’avez pas les droits nécessaires pour afficher cette page.' },
  404: {
    title: 'Page introuvable',
    text: 'La page demandée n’existe pas ou plus, ou vous n’avez pas les droits pour la voir.',
  },
  405: { title: 'Action impossible', text: 'Cette action n’est pas possible sur cette page.' },
  429: {
    title: 'Trop de tentatives',
    text: 'Vous avez envoyé beaucoup de demandes en peu de temps. Patientez une minute, puis réessayez.',
  },
  500: {
    title: 'Erreur du serveur',
    text: 'Une erreur inattendue s’est produite de notre côté. Rien de ce que vous avez fait n’est en cause ; réessayez dans un instant.',
  },
  503: { title: 'Service momentanément indisponible', text: 'Essaim est en maintenance. Réessayez dans quelques minutes.' },
}

export function errorTitle(status: number): string {
  const message = MESSAGES[status] ?? MESSAGES[status >= 500 ? 500 : 400]
  return `${message.title} — Essaim`
}

/**
 * `withTitle`: render a <title> for boundaries whose route `meta` cannot name the error (the root one). A route that
 * sets its own title through `meta` (the 404 catch-all) passes false, so the document has a single <title>.
 */
export function ErrorPage({ status, withTitle = true }: { status: number; withTitle?: boolean }) {
  const message = MESSAGES[status] ?? MESSAGES[status >= 500 ? 500 : 400]
  return (
    <div className="container narrow error-page">
      {withTitle ? <title>{`${message.title} — Essaim`}</title> : null}
      <p className="error-code">Erreur {status}</p>
      <h1>{message.title}</h1>
      <p>{message.text}</p>
      <ul className="inline-links">
        <li>
          <Link to="/">Revenir à l’accueil</Link>
        </li>
        <li>
          <Link to="/plan-du-site">Consulter le plan du site</Link>
        </li>
      </ul>
    </div>
  )
}
