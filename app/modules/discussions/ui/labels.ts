// Texts shared by the discussion pages and their actions.

export const LOCKED_TEXT = 'Cette discussion est verrouillée : on ne peut plus y répondre.'
export const MENTION_HINT = 'Mentionnez un membre avec @Prénom Nom.'
