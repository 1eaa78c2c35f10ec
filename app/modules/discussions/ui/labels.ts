// Texts shared by the discussion pages and their actions.

export const LOCKED_TEXT = 'Cette discussion est verrouillée : on ne peut plus y répondre.'
export const MENTION_HINT = 'Mentionnez un membre avec @Prénom Nom.'
/** The editor's character limit for a message: discussion-text.server.ts DISCUSSION_MAX_CHARS (a test holds them equal). */
export const DISCUSSION_EDITOR_MAX_CHARS = 20_000
