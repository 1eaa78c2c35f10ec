import type { JSONContent } from '@tiptap/core'
import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { LazyRichTextEditor } from '#app/components/editor/lazy-editor.tsx'
import { FieldErrors } from '#app/components/forms.tsx'
import type { CommentFormAnswer, commentsSection, reactionsSection } from '../comments-route.server.ts'
import { COMMENT_EDITOR_MAX_CHARS, COMMENT_MAX_HIDDEN_REASON, commentsHeading, DELETED_AUTHOR_LABEL, MENTION_HINT, testedText, usefulText } from '../labels.ts'
import './comments.css'

// The « Commentaires (n) » section of a resource or event page, and the reactions of a resource page. Plain POST
// forms to the page itself (intents handled by comments-route.server.ts): everything works without JavaScript; the
// rich-text editor degrades to a textarea. Each comment is an `article` with its author and `<time>`.

type Section = NonNullable<Awaited<ReturnType<typeof commentsSection>>>
type Comment = Section['threads'][number]['replies'][number]
type Reactions = NonNullable<Awaited<ReturnType<typeof reactionsSection>>>

/** A loader's or action's data as it reaches the component (JSON: what Remix serialises). */
export type CommentsSectionData = Section
export type ReactionsData = Reactions

export function isCommentAnswer(value: unknown): value is CommentFormAnswer {
  return typeof value === 'object' && value !== null && (value as { commentForm?: unknown }).commentForm === true
}

function BodyField({ label, answer, defaultDoc, defaultText }: { label: string; answer?: CommentFormAnswer; defaultDoc?: object | null; defaultText?: string }) {
  const id = useId()
  const error = answer?.errors.body
  return (
    <>
      <LazyRichTextEditor
        name="body"
        label={label}
        features="discussion"
        maxChars={COMMENT_EDITOR_MAX_CHARS}
        defaultValue={((answer?.values.body ?? defaultDoc) as JSONContent | null | undefined) ?? null}
        errors={error ? [error] : undefined}
        errorId={`${id}-body-errors`}
        describedBy={`${id}-mention-hint`}
        textFallback={{ name: 'bodyText', defaultValue: answer?.values.bodyText ?? defaultText }}
      />
      <p className="hint" id={`${id}-mention-hint`}>
        {MENTION_HINT}
      </p>
    </>
  )
}

/** The form's field errors, summed up (the fields show each message). */
function FormError({ answer }: { answer?: CommentFormAnswer }) {
  if (!answer || answer.errors.form || Object.keys(answer.errors).length === 0) return null
  return (
    <p className="notice comment-error" role="alert">
      Le commentaire n’a pas été enregistré : corrigez les erreurs signalées.
    </p>
  )
}

/** A refusal (not allowed, too many comments…): shown at the top of its section. */
function Refusal({ answer }: { answer?: CommentFormAnswer }) {
  if (!answer?.errors.form) return null
  return (
    <p className="notice comment-error" role="alert">
      {answer.errors.form}
    </p>
  )
}

function mine(answer: CommentFormAnswer | undefined, intent: string, commentId: string | null) {
  return answer && answer.intent === intent && answer.commentId === commentId ? answer : undefined
}

function Author({ comment }: { comment: Comment }) {
  if (comment.display === 'deleted') return null
  if (!comment.author) return <strong>{DELETED_AUTHOR_LABEL}</strong>
  return <strong>{comment.author.href ? <Link to={comment.author.href}>{comment.author.name}</Link> : comment.author.name}</strong>
}

function Moderation({ comment, answer }: { comment: Comment; answer?: CommentFormAnswer }) {
  const id = useId()
  if (!comment.can.moderate) return null
  if (comment.hiddenReason !== null) {
    return (
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="comment-unhide" />
        <input type="hidden" name="commentId" value={comment.id} />
        <button type="submit" className="button button-secondary">
          Rétablir ce commentaire
        </button>
      </Form>
    )
  }
  const here = mine(answer, 'comment-hide', comment.id)
  const error = here?.errors.reason
  return (
    <details className="moderation" open={Boolean(here)}>
      <summary>Masquer ce commentaire</summary>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="comment-hide" />
        <input type="hidden" name="commentId" value={comment.id} />
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            Motif (visible de la coordination)<span aria-hidden="true"> *</span>
          </label>
          <input
            id={`${id}-reason`}
            name="reason"
            required
            aria-required
            maxLength={COMMENT_MAX_HIDDEN_REASON}
            defaultValue={here?.values.reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-reason-errors` : undefined}
          />
          <FieldErrors id={`${id}-reason-errors`} errors={error ? [error] : undefined} />
        </div>
        <button type="submit" className="button">
          Masquer
        </button>
      </Form>
    </details>
  )
}

function CommentArticle({ section, comment, answer, page }: { section: Section; comment: Comment; answer?: CommentFormAnswer; page: string }) {
  const editing = section.editing?.id === comment.id
  const editAnswer = mine(answer, 'comment-edit', comment.id)
  return (
    <article id={`commentaire-${comment.id}`} className={`comment${comment.hiddenReason !== null ? ' is-hidden' : ''}`}>
      <p className="comment-meta">
        <Author comment={comment} />
        {comment.display === 'deleted' ? null : ', '}
        <time dateTime={comment.createdAt}>{comment.when}</time>
        {comment.editedAt && comment.editedText ? (
          <>
            {' '}
            <span className="badge">
              <time dateTime={comment.editedAt}>{comment.editedText}</time>
            </span>
          </>
        ) : null}
      </p>
      {comment.hiddenReason !== null ? <p className="notice">{`Commentaire masqué aux lecteurs — motif : ${comment.hiddenReason}.`}</p> : null}
      {editing && section.editing ? (
        <Form method="post" className="comment-form" noValidate>
          <input type="hidden" name="intent" value="comment-edit" />
          <input type="hidden" name="commentId" value={comment.id} />
          <FormError answer={editAnswer} />
          <BodyField label="Modifier le commentaire" answer={editAnswer} defaultDoc={section.editing.doc} defaultText={section.editing.text} />
          <div className="form-actions">
            <button type="submit" className="button">
              Enregistrer
            </button>
            <Link to={`${page}#commentaire-${comment.id}`}>Annuler</Link>
          </div>
        </Form>
      ) : comment.html !== null ? (
        // Sanitised by the comments module (the restricted rich-text set), validated again on every read.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: HTML built by parseRichText from the allowed set
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: comment.html }} />
      ) : (
        <p className="comment-placeholder">
          <em>{comment.placeholder}</em>
        </p>
      )}
      {editing ? null : (
        <div className="comment-actions">
          {comment.can.edit ? (
            <Link to={`${page}?modifier=${comment.id}#commentaire-${comment.id}`}>Modifier</Link>
          ) : null}
          {comment.can.delete ? (
            // A second step, as for every deletion: the first button only opens the confirmation.
            <details className="comment-delete">
              <summary>Supprimer</summary>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="comment-delete" />
                <input type="hidden" name="commentId" value={comment.id} />
                <p>Supprimer ce commentaire ? Cette action est définitive.</p>
                <button type="submit" className="button button-danger">
                  Confirmer la suppression
                </button>
              </Form>
            </details>
          ) : null}
          {comment.can.report ? <Link to={`/signaler/commentaire/${comment.id}`}>Signaler</Link> : null}
        </div>
      )}
      <Moderation comment={comment} answer={answer} />
    </article>
  )
}

function ReplyForm({ comment, answer }: { comment: Comment; answer?: CommentFormAnswer }) {
  if (!comment.can.reply) return null
  const here = mine(answer, 'comment', comment.id)
  return (
    <details className="comment-reply" open={Boolean(here)}>
      <summary>Répondre</summary>
      <Form method="post" className="comment-form" noValidate>
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="commentId" value={comment.id} />
        <FormError answer={here} />
        <BodyField label="Votre réponse" answer={here} />
        <div className="form-actions">
          <button type="submit" className="button">
            Publier la réponse
          </button>
        </div>
      </Form>
    </details>
  )
}

export function CommentsSection({ section, answer, page }: { section: Section; answer?: CommentFormAnswer; page: string }) {
  const newAnswer = mine(answer, 'comment', null)
  const refusal = answer && answer.intent !== 'react' ? answer : undefined
  return (
    <section id="commentaires" aria-labelledby="titre-commentaires" className="comments no-print">
      <h2 id="titre-commentaires">{commentsHeading(section.count)}</h2>
      <Refusal answer={refusal} />
      {section.threads.length === 0 ? <p>Aucun commentaire pour l’instant.</p> : null}
      {section.threads.length > 0 ? (
        <ol className="comment-list">
          {section.threads.map((thread) => (
            <li key={thread.id}>
              <CommentArticle section={section} comment={thread} answer={answer} page={page} />
              {thread.replies.length > 0 ? (
                <ol className="comment-replies" aria-label={`Réponses au commentaire de ${thread.author?.name ?? DELETED_AUTHOR_LABEL}`}>
                  {thread.replies.map((r) => (
                    <li key={r.id}>
                      <CommentArticle section={section} comment={r} answer={answer} page={page} />
                      <ReplyForm comment={r} answer={answer} />
                    </li>
                  ))}
                </ol>
              ) : null}
              <ReplyForm comment={thread} answer={answer} />
            </li>
          ))}
        </ol>
      ) : null}
      {section.canComment ? (
        <Form method="post" className="comment-form" noValidate key={`nouveau-${section.count}`}>
          <h3>Ajouter un commentaire</h3>
          <input type="hidden" name="intent" value="comment" />
          <FormError answer={newAnswer} />
          <BodyField label="Votre commentaire" answer={newAnswer} />
          <div className="form-actions">
            <button type="submit" className="button">
              Publier le commentaire
            </button>
          </div>
        </Form>
      ) : !section.loggedIn ? (
        <p>
          <Link to={section.loginHref}>Connectez-vous pour commenter</Link>
        </p>
      ) : !section.verified ? (
        <p>Confirmez votre adresse e-mail pour commenter.</p>
      ) : null}
    </section>
  )
}

export function ReactionsSection({ reactions, answer }: { reactions: Reactions; answer?: CommentFormAnswer }) {
  const id = useId()
  const useful = usefulText(reactions.useful)
  const tested = testedText(reactions.tested)
  const error = answer?.intent === 'react' ? answer : undefined
  const mayReact = !reactions.anonymous && reactions.refusal === null
  return (
    <section id="reactions" aria-labelledby="titre-reactions" className="reactions no-print">
      <h2 id="titre-reactions">Retours des lecteurs</h2>
      <Refusal answer={error} />
      <ul className="plain-list">
        <li>{useful ?? 'Personne n’a encore indiqué que cette ressource lui a été utile.'}</li>
        <li>{tested ?? 'Personne n’a encore indiqué l’avoir testée.'}</li>
      </ul>
      {reactions.testedBy.length > 0 ? (
        <>
          <h3>Testé par</h3>
          <ul className="plain-list">
            {reactions.testedBy.map((s) => (
              <li key={s.slug}>
                <Link to={`/structures/${encodeURIComponent(s.slug)}`}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {mayReact ? (
        <div className="reaction-forms">
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="react" />
            <input type="hidden" name="kind" value="useful" />
            <button type="submit" className="button button-secondary" aria-pressed={reactions.mine.useful}>
              {reactions.mine.useful ? 'Utile (retirer)' : 'Utile'}
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="react" />
            <input type="hidden" name="kind" value="tested" />
            {!reactions.mine.tested && reactions.myStructures.length > 0 ? (
              <div className="field">
                <label htmlFor={`${id}-structure`}>Au nom de (facultatif)</label>
                <select id={`${id}-structure`} name="structureId" defaultValue="">
                  <option value="">Aucune structure</option>
                  {reactions.myStructures.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <button type="submit" className="button button-secondary" aria-pressed={reactions.mine.tested}>
              {reactions.mine.tested ? 'Je l’ai testé (retirer)' : 'Je l’ai testé'}
            </button>
          </Form>
        </div>
      ) : reactions.refusalText ? (
        <p className="hint">{reactions.refusalText}</p>
      ) : reactions.anonymous ? (
        <p className="hint">Connectez-vous pour indiquer qu’une ressource vous a été utile ou que vous l’avez testée.</p>
      ) : null}
    </section>
  )
}
