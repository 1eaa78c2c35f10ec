import { getEnv } from './env.server.ts'

// One-shot messages shown after a redirect ("Connexion réussie."). The cookie only carries a key from the list
// below, never free text, so nothing a user sends can end up displayed through it.

export const FLASH_MESSAGES = {
  'logged-in': 'Connexion réussie.',
  'logged-out': 'Déconnexion réussie.',
  'signed-up': 'Votre compte est créé. Un lien de confirmation vient de vous être envoyé par courriel.',
  'email-verified': 'Votre adresse électronique est confirmée. Merci !',
  'verification-sent': 'Un nouveau lien de confirmation vient de vous être envoyé.',
  'password-changed': 'Votre mot de passe est modifié. Vos autres sessions ont été fermées.',
  'password-reset': 'Votre mot de passe est réinitialisé. Vous pouvez vous connecter.',
  'session-revoked': 'La session a été fermée.',
  'sessions-revoked': 'Toutes vos autres sessions ont été fermées.',
  'resource-draft-saved': 'Le brouillon est enregistré. Vous pouvez joindre des fichiers puis le publier.',
  'resource-saved': 'Les modifications sont enregistrées.',
  'resource-published': 'La ressource est publiée.',
  'resource-submitted':
    'Merci ! La ressource attend la relecture de l’équipe d’animation de son territoire : elle sera publiée dès son approbation, et vous serez prévenu par courriel.',
  'resource-archived': 'La ressource est archivée.',
  'resource-unarchived': 'La ressource est de nouveau publiée.',
  'resource-unpublished': 'La ressource est repassée en brouillon.',
  'resource-deleted': 'La ressource est supprimée.',
  'revision-restored': 'La version choisie est restaurée (une nouvelle version a été créée).',
  'attachment-added': 'Le fichier est joint à la ressource.',
  'attachment-deleted': 'Le fichier est retiré de la ressource.',
  'email-already-verified': 'Votre adresse électronique est déjà confirmée.',
  'password-reset-requested':
    'Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient de lui être envoyé. Il est valable 1 heure.',
  'structure-created': 'La structure est créée. Vous en êtes responsable : invitez vos collègues depuis la page des membres.',
  'structure-updated': 'Les informations de la structure sont enregistrées.',
  'structure-deleted': 'La structure est supprimée.',
  'search-synonyms-saved': 'Les synonymes de la recherche sont enregistrés.',
  'invitation-sent': 'L’invitation est envoyée. Le lien est valable 7 jours.',
  'invitation-revoked': 'L’invitation est annulée.',
  'invitation-accepted': 'Bienvenue ! Vous faites désormais partie de la structure.',
  'join-requested': 'Votre demande est envoyée aux responsables de la structure.',
  'join-accepted': 'La demande est acceptée : la personne fait désormais partie de la structure.',
  'join-refused': 'La demande est refusée. La personne en est informée.',
  'member-left': 'Vous ne faites plus partie de cette structure.',
  'member-removed': 'La personne ne fait plus partie de la structure.',
  'role-changed': 'Le rôle est modifié.',
  'charter-signed': 'La charte de l’ESS est signée au nom de la structure. Merci !',
  'label-granted': 'Le label « Labellisée ESS Pas-de-Calais » est attribué.',
  'label-withdrawn': 'Le label « Labellisée ESS Pas-de-Calais » est retiré.',
  'logo-updated': 'Le logo est enregistré.',
  'logo-removed': 'Le logo est supprimé.',
  'group-created': 'Le groupe est créé. Invitez ses premiers membres ou nommez sa coordination depuis sa page.',
  'group-updated': 'Les réglages du groupe sont enregistrés.',
  'group-cover-updated': 'L’image de couverture est enregistrée.',
  'group-cover-removed': 'L’image de couverture est supprimée.',
  'profile-updated': 'Votre profil est enregistré.',
  'email-change-sent': 'Un lien de confirmation vient d’être envoyé à la nouvelle adresse. Elle remplacera l’actuelle une fois confirmée.',
  'email-changed': 'Votre nouvelle adresse électronique est confirmée et remplace l’ancienne.',
  'group-joined': 'Bienvenue ! Vous êtes désormais membre du groupe.',
  'group-join-requested': 'Votre demande est envoyée à la coordination du groupe. Vous recevrez sa réponse par courriel.',
  'group-request-withdrawn': 'Votre demande pour rejoindre le groupe est retirée.',
  'group-left': 'Vous ne faites plus partie de ce groupe.',
  'group-left-last-coordinator':
    'Vous ne faites plus partie de ce groupe. Il n’a plus de coordination : l’administration du réseau en nommera une.',
  'group-request-approved': 'La demande est acceptée : la personne est désormais membre du groupe. Elle en est informée par courriel.',
  'group-request-refused': 'La demande est refusée. La personne en est informée par courriel.',
  'group-invitation-sent': 'L’invitation est envoyée. Le lien est valable 14 jours.',
  'group-invitation-revoked': 'L’invitation est annulée.',
  'group-invitation-accepted': 'Bienvenue ! Vous êtes désormais membre du groupe.',
  'group-member-removed': 'La personne ne fait plus partie du groupe.',
  'group-member-blocked': 'La personne est bloquée : elle ne fait plus partie du groupe et ne peut plus le rejoindre.',
  'group-member-unblocked': 'Le blocage est levé : la personne peut de nouveau rejoindre le groupe.',
  'group-role-changed': 'Le rôle dans le groupe est modifié.',
  'event-registered': 'Vous êtes inscrit ou inscrite : votre place est réservée.',
  'event-waiting': 'L’événement est complet : vous êtes sur la liste d’attente. Un courriel vous préviendra si une place se libère.',
  'event-already': 'Vous étiez déjà inscrit ou inscrite à cet événement.',
  'event-unregistered': 'Votre inscription est annulée.',
  'report-sent': 'Merci pour votre signalement. La coordination va l’examiner ; la personne concernée ne saura pas qui l’a fait.',
  'report-decided': 'La décision est enregistrée. La personne qui a publié le contenu en est informée par courriel.',
  'event-created': 'L’événement est publié dans l’agenda.',
  'event-updated': 'Les modifications de l’événement sont enregistrées.',
  'event-cancelled': 'L’événement est annulé. Les personnes inscrites et en liste d’attente en sont informées par courriel.',
  'review-decided': 'La décision est enregistrée. L’auteur ou l’autrice de la ressource en est informé par courriel.',
  'account-deleted': 'Votre compte est supprimé, ainsi que vos données personnelles. Au revoir et merci !',
  'pathway-created': 'Le parcours est créé, en brouillon. Ajoutez ses étapes, puis publiez-le.',
  'pathway-saved': 'Le parcours est enregistré.',
  'pathway-published': 'Le parcours est publié : tout le monde peut le suivre.',
  'pathway-unpublished': 'Le parcours est repassé en brouillon.',
  'pathway-step-added': 'L’étape est ajoutée à la fin du parcours.',
  'pathway-step-removed': 'L’étape est retirée du parcours.',
  'pathway-step-moved': 'L’étape est déplacée.',
  'resource-validated': 'La ressource est marquée « Validé par le réseau ». Elle sera à revérifier dans un an.',
  'validation-withdrawn': 'La validation « Validé par le réseau » est retirée.',
  'comment-posted': 'Votre commentaire est publié.',
  'comment-saved': 'Le commentaire est modifié.',
  'comment-deleted': 'Le commentaire est supprimé.',
  'comment-hidden': 'Le commentaire est masqué.',
  'comment-unhidden': 'Le commentaire est de nouveau visible.',
  'featured-added': 'La ressource est mise à la une.',
  'featured-removed': 'La ressource n’est plus à la une.',
  'featured-moved': 'L’ordre des ressources à la une est modifié.',
  'featured-end-changed': 'La date de fin est enregistrée.',
  'follow-started': 'C’est noté : vous serez prévenu dans vos notifications.',
  'follow-stopped': 'Vous ne suivez plus ce contenu.',
  'follows-stopped': 'Ces abonnements sont arrêtés.',
  'follow-unverified': 'Confirmez d’abord votre adresse électronique pour suivre un contenu.',
  'notifications-read': 'Les notifications sont marquées comme lues.',
  'email-settings-saved': 'Vos réglages de courriels sont enregistrés.',
} as const

export type FlashKey = keyof typeof FLASH_MESSAGES

const COOKIE = 'essaim_flash'

/** Same rule as the session cookie: `Secure` when the site is served over https. */
function attributes(): string {
  return `Path=/; HttpOnly; SameSite=Lax${getEnv().secureCookies ? '; Secure' : ''}`
}

function isFlashKey(value: string): value is FlashKey {
  return Object.hasOwn(FLASH_MESSAGES, value)
}

export function flashCookie(key: FlashKey): string {
  return `${COOKIE}=${key}; ${attributes()}; Max-Age=60`
}

export function readFlash(request: Request): { message: string | null; headers: HeadersInit } {
  const cookies = request.headers.get('cookie') ?? ''
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([a-z-]+)`).exec(cookies)
  if (!match) return { message: null, headers: {} }
  const key = match[1]
  return {
    message: isFlashKey(key) ? FLASH_MESSAGES[key] : null,
    headers: { 'Set-Cookie': `${COOKIE}=; ${attributes()}; Max-Age=0` },
  }
}
