// Words shared by the server and the pages (no server code here, so that components may import them).

/** Shown instead of the name of a person who deleted their account, on what they wrote for a structure. */
export const FORMER_MEMBER_LABEL = 'Ancien membre'
