import type { Generated } from 'kysely'

// Tables of the discussions domain (camelCase through CamelCasePlugin). Keep in step with db/migrations.

export interface DiscussionThreadsTable {
  id: string
  groupId: string
  /** Null once the author's account is deleted. */
  authorId: string | null
  title: string
  /** Restricted rich text (paragraphs, bold, italic, lists, links) as validated JSON. */
  bodyJson: string
  bodyText: Generated<string>
  pinnedAt: string | null
  lockedAt: string | null
  hiddenAt: string | null
  hiddenReason: string | null
  hiddenBy: string | null
  editedAt: string | null
  deletedAt: string | null
  createdAt: string
  updatedAt: string
  /** The thread's creation or its latest visible reply. */
  lastPostAt: string
  /** Replies neither deleted nor hidden. */
  replyCount: Generated<number>
}

export interface DiscussionPostsTable {
  id: string
  threadId: string
  authorId: string | null
  bodyJson: string
  bodyText: Generated<string>
  editedAt: string | null
  deletedAt: string | null
  hiddenAt: string | null
  hiddenReason: string | null
  hiddenBy: string | null
  createdAt: string
  updatedAt: string
}

/** A person mentioned in a thread's opening post (`postId` null) or in a reply. */
export interface DiscussionMentionsTable {
  id: string
  threadId: string
  postId: string | null
  userId: string
  createdAt: string
}

export interface DiscussionTables {
  discussionThreads: DiscussionThreadsTable
  discussionPosts: DiscussionPostsTable
  discussionMentions: DiscussionMentionsTable
}
