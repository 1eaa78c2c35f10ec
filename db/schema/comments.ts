// Tables of the comments domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export type ReactionKind = 'useful' | 'tested'

export interface CommentsTable {
  id: string
  /** Exactly one of the two is set (CHECK). */
  resourceId: string | null
  eventId: string | null
  /** The top comment this one answers (never a reply: one level). */
  parentId: string | null
  /** Null once the author's account is deleted (« Compte supprimé »). */
  authorId: string | null
  /** Restricted rich text (the discussions' set) as validated JSON, and its plain text. */
  bodyJson: string
  bodyText: string
  createdAt: string
  updatedAt: string
  editedAt: string | null
  /** Deleted by its author while it has replies: kept as « Commentaire supprimé ». */
  deletedAt: string | null
  hiddenAt: string | null
  hiddenReason: string | null
  hiddenBy: string | null
}

export interface ResourceReactionsTable {
  resourceId: string
  userId: string
  kind: ReactionKind
  /** « Je l'ai testé » may name one of the person's structures. */
  structureId: string | null
  createdAt: string
}

export interface CommentTables {
  comments: CommentsTable
  resourceReactions: ResourceReactionsTable
}
