import type { JSONContent } from '@tiptap/core'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useId } from 'react'
import { LazyRichTextEditor } from '#app/components/editor/lazy-editor.tsx'
import { FieldErrors } from '#app/components/forms.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { countFr } from '#app/utils/plural.ts'
import type { DiscussionFormAnswer, newThreadLoader, threadLoader, threadsListLoader } from '../discussion-pages.server.ts'
import { MAX_HIDDEN_REASON } from '../discussions.policy.ts'
import { DISCUSSION_EDITOR_MAX_CHARS, LOCKED_TEXT, MENTION_HINT } from './labels.ts'
import './discussions.css'

// The discussion pages of a group (list, new thread, thread), the same for thematic groups and territories: the
// routes give the loader and action of their kind of group, these components read them.


function DateTime({ iso, text }: { iso: string; text: string }) {
  return <time dateTime={iso}>{text}</time>
}

function AuthorName({ author }: { author: { name: string; href: string | null } | null }) {
  if (!author) return 'Compte supprimé'
  return author.href ? <Link to={author.href}>{author.name}</Link> : author.name
}

// ---------------------------------------------------------------------------------------------------------------

export function ThreadListPage() {
  const data = useLoaderData<typeof threadsListLoader>()
  return (
    <section aria-labelledby="titre-discussions" className="discussions">
      <div className="discussions-head">
        <h2 id="titre-discussions">Discussions</h2>
        {data.canStart ? (
          <Link className="button" to={`${data.base}/nouvelle`}>
            Nouvelle discussion
          </Link>
        ) : null}
      </div>
      {!data.canStart && !data.loggedIn ? (
        <p className="hint">
          <Link to={`/connexion?redirectTo=${encodeURIComponent(data.base)}`}>Connectez-vous</Link> pour participer aux discussions si vous êtes
          membre du groupe.
        </p>
      ) : null}
      {data.threads.length === 0 ? (
        <p>Aucune discussion n’a encore été ouverte dans ce groupe.</p>
      ) : (
        <>
          <p className="hint">{countFr(data.total, 'discussion', 'discussions')}</p>
          <ul className="thread-list">
            {data.threads.map((t) => (
              <li key={t.id} className={t.pinned ? 'is-pinned' : undefined}>
                <h3>
                  <Link to={`${data.base}/${t.id}`}>{t.title}</Link>
                </h3>
                <p className="thread-meta">
                  {t.pinned ? <span className="badge">épinglé</span> : null}
                  {t.locked ? <span className="badge">verrouillé</span> : null}
                  {t.hidden ? <span className="badge">masqué</span> : null}
                  <span>{t.authorName ? `Par ${t.authorName}` : 'Par un compte supprimé'}</span>
                  <span>{t.replies}</span>
                  <span>
                    Dernière activité <DateTime iso={t.lastPostAt} text={t.activity} />
                  </span>
                </p>
              </li>
            ))}
          </ul>
          <Pagination page={data.page} pageCount={data.pageCount} href={(n) => `${data.base}?page=${n}`} label="Pages des discussions" />
        </>
      )}
    </section>
  )
}

// ---------------------------------------------------------------------------------------------------------------

function BodyField({
  answer,
  label,
  defaultDoc,
  withFallback = true,
}: { answer?: DiscussionFormAnswer; label: string; defaultDoc?: JSONContent | null; withFallback?: boolean }) {
  const id = useId()
  const error = answer?.errors.body
  return (
    <>
      <LazyRichTextEditor
        name="body"
        label={label}
        features="discussion"
        maxChars={DISCUSSION_EDITOR_MAX_CHARS}
        defaultValue={(answer?.values.body as JSONContent | undefined) ?? defaultDoc ?? null}
        errors={error ? [error] : undefined}
        errorId={`${id}-body-errors`}
        textFallback={withFallback ? { name: 'bodyText', defaultValue: answer?.values.bodyText } : undefined}
      />
      <p className="hint">{MENTION_HINT}</p>
    </>
  )
}

function TitleField({ answer, defaultValue }: { answer?: DiscussionFormAnswer; defaultValue?: string }) {
  const id = useId()
  const error = answer?.errors.title
  return (
    <div className="field">
      <label htmlFor={`${id}-title`}>
        Titre<span aria-hidden="true"> *</span>
      </label>
      <input
        id={`${id}-title`}
        name="title"
        required
        aria-required
        maxLength={200}
        defaultValue={answer?.values.title ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-title-errors` : undefined}
      />
      <FieldErrors id={`${id}-title-errors`} errors={error ? [error] : undefined} />
    </div>
  )
}

function FormError({ answer }: { answer?: DiscussionFormAnswer }) {
  const message = answer?.errors.form ?? (answer && Object.keys(answer.errors).length > 0 ? 'Le message n’a pas été enregistré : corrigez les erreurs signalées.' : null)
  if (!message) return null
  return (
    <p className="notice discussion-error" role="alert">
      {message}
    </p>
  )
}

export function NewThreadPage() {
  const data = useLoaderData<typeof newThreadLoader>()
  const answer = useActionData<DiscussionFormAnswer>()
  const busy = useNavigation().state === 'submitting'
  if (!data.canStart) {
    return (
      <section aria-labelledby="titre-nouvelle" className="discussions">
        <h2 id="titre-nouvelle">Nouvelle discussion</h2>
        <p>
          {data.verified
            ? 'Seuls les membres du groupe peuvent ouvrir une discussion.'
            : 'Confirmez votre adresse e-mail pour ouvrir une discussion.'}
        </p>
        <p>
          <Link to={data.base}>Retour aux discussions</Link>
        </p>
      </section>
    )
  }
  return (
    <section aria-labelledby="titre-nouvelle" className="discussions">
      <h2 id="titre-nouvelle">Nouvelle discussion</h2>
      <FormError answer={answer} />
      <Form method="post" className="discussion-form" noValidate>
        <TitleField answer={answer} />
        <BodyField answer={answer} label="Message" />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            Publier la discussion
          </button>
          <Link to={data.base}>Annuler</Link>
        </div>
      </Form>
    </section>
  )
}

// ---------------------------------------------------------------------------------------------------------------

type ThreadData = ReturnType<typeof useLoaderData<typeof threadLoader>>
type Message = {
  id: string | null
  anchor: string
  author: { name: string; href: string | null } | null
  createdAt: string
  when: string
  edited: boolean
  html: string | null
  placeholder: string | null
  hidden: boolean
  hiddenReason: string | null
  can: { edit: boolean; delete: boolean; moderate: boolean; report?: boolean }
}

function HiddenState({ message }: { message: Message }) {
  if (!message.hidden) return null
  return (
    <p className="notice">
      Message masqué aux membres{message.hiddenReason ? ` — motif : ${message.hiddenReason}` : ''}.
    </p>
  )
}

function ModerationForms({ message, answer }: { message: Message; answer?: DiscussionFormAnswer }) {
  const id = useId()
  if (!message.can.moderate) return null
  const key = message.id ?? ''
  const mine = answer && answer.intent === 'hide' && (answer.postId ?? '') === key
  const error = mine ? answer.errors.reason : undefined
  if (message.hidden) {
    return (
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="unhide" />
        <input type="hidden" name="postId" value={key} />
        <button type="submit" className="button button-secondary">
          {message.id ? 'Rétablir ce message' : 'Rétablir la discussion'}
        </button>
      </Form>
    )
  }
  return (
    <details className="moderation" open={Boolean(mine)}>
      <summary>{message.id ? 'Masquer ce message' : 'Masquer la discussion'}</summary>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="hide" />
        <input type="hidden" name="postId" value={key} />
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            Motif (visible de la coordination)<span aria-hidden="true"> *</span>
          </label>
          <input
            id={`${id}-reason`}
            name="reason"
            required
            aria-required
            maxLength={MAX_HIDDEN_REASON}
            defaultValue={mine ? answer.values.reason : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-reason-errors` : undefined}
          />
          <FieldErrors id={`${id}-reason-errors`} errors={error ? [error] : undefined} />
        </div>
        <button type="submit" className="button">Masquer</button>
      </Form>
    </details>
  )
}

function MessageActions({ data, message }: { data: ThreadData; message: Message }) {
  const key = message.id ?? 'sujet'
  const here = `${data.base}/${data.thread.id}`
  const page = data.page > 1 ? `page=${data.page}&` : ''
  if (!message.can.edit && !message.can.delete && !message.can.report) return null
  return (
    <ul className="inline-links message-actions">
      {message.can.edit ? (
        <li>
          <Link to={`${here}?${page}modifier=${key}#${message.anchor}`}>Modifier</Link>
        </li>
      ) : null}
      {message.can.delete ? (
        <li>
          <Link to={`${here}?${page}supprimer=${key}#${message.anchor}`}>Supprimer</Link>
        </li>
      ) : null}
      {message.can.report && message.id ? (
        <li>
          <Link to={`/signaler/message/${message.id}`}>Signaler</Link>
        </li>
      ) : null}
    </ul>
  )
}

function DeleteConfirmation({ data, message }: { data: ThreadData; message: Message }) {
  const key = message.id ?? 'sujet'
  if (data.deleting !== key) return null
  return (
    <Form method="post" className="notice confirm-delete">
      <p>{message.id ? 'Supprimer ce message ? Il sera remplacé par « Message supprimé par son auteur ».' : 'Supprimer cette discussion et ses réponses ?'}</p>
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="postId" value={message.id ?? ''} />
      <button type="submit" className="button">Confirmer la suppression</button> <Link to={`${data.base}/${data.thread.id}#${message.anchor}`}>Annuler</Link>
    </Form>
  )
}

function EditForm({ data, message, answer }: { data: ThreadData; message: Message; answer?: DiscussionFormAnswer }) {
  const key = message.id ?? 'sujet'
  if (data.editing !== key) return null
  const mine = answer && answer.intent === 'edit' && (answer.postId ?? 'sujet') === key ? answer : undefined
  return (
    <Form method="post" className="discussion-form" noValidate>
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="postId" value={message.id ?? ''} />
      {message.id ? null : <TitleField answer={mine} defaultValue={data.thread.title} />}
      <BodyField answer={mine} label="Modifier le message" defaultDoc={data.editDoc as JSONContent | null} withFallback={false} />
      <div className="form-actions">
        <button type="submit" className="button">Enregistrer</button>
        <Link to={`${data.base}/${data.thread.id}#${message.anchor}`}>Annuler</Link>
      </div>
    </Form>
  )
}

function MessageBlock({ data, message, answer, heading }: { data: ThreadData; message: Message; answer?: DiscussionFormAnswer; heading?: string }) {
  const editing = data.editing === (message.id ?? 'sujet')
  return (
    <article id={message.anchor} className={`discussion-message${message.hidden ? ' is-hidden' : ''}`} aria-label={heading}>
      <p className="message-meta">
        <strong>
          <AuthorName author={message.author} />
        </strong>
        {', '}
        <DateTime iso={message.createdAt} text={message.when} />
        {message.edited ? <span className="badge">modifié</span> : null}
      </p>
      <HiddenState message={message} />
      {editing ? (
        <EditForm data={data} message={message} answer={answer} />
      ) : message.html !== null ? (
        // Sanitised by the discussions module (the restricted rich-text set), validated again on every read.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: HTML built by parseRichText from the allowed set
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: message.html }} />
      ) : (
        <p className="message-placeholder">
          <em>{message.placeholder}</em>
        </p>
      )}
      {editing ? null : <MessageActions data={data} message={message} />}
      <DeleteConfirmation data={data} message={message} />
      <ModerationForms message={message} answer={answer} />
    </article>
  )
}

function ThreadModeration({ data }: { data: ThreadData }) {
  if (!data.thread.can.moderate) return null
  const flag = (intent: string, label: string) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className="button button-secondary">
        {label}
      </button>
    </Form>
  )
  return (
    <fieldset className="thread-moderation">
      <legend>Modération de la discussion</legend>
      {data.thread.pinned ? flag('unpin', 'Désépingler') : flag('pin', 'Épingler')}
      {data.thread.locked ? flag('unlock', 'Déverrouiller') : flag('lock', 'Verrouiller')}
    </fieldset>
  )
}

export function ThreadPage() {
  const data = useLoaderData<typeof threadLoader>()
  const answer = useActionData<DiscussionFormAnswer>()
  const busy = useNavigation().state === 'submitting'
  const { thread } = data
  const opening: Message = {
    id: null,
    anchor: 'sujet',
    author: thread.author,
    createdAt: thread.createdAt,
    when: thread.when,
    edited: thread.edited,
    html: thread.html,
    placeholder: null,
    hidden: thread.hidden,
    hiddenReason: thread.hiddenReason,
    can: thread.can,
  }
  const replyAnswer = answer?.intent === 'reply' ? answer : undefined
  const otherError = answer && answer.intent !== 'reply' ? answer : undefined
  return (
    <section aria-labelledby="titre-discussion" className="discussions">
      <h2 id="titre-discussion">{thread.title}</h2>
      <p className="thread-meta">
        {thread.pinned ? <span className="badge">épinglé</span> : null}
        {thread.locked ? <span className="badge">verrouillé</span> : null}
        <span>{countFr(thread.replyCount, 'réponse', 'réponses')}</span>
        <Link to={data.base}>Toutes les discussions</Link>
      </p>
      <FormError answer={otherError} />
      <ThreadModeration data={data} />
      <MessageBlock data={data} message={opening} answer={answer} heading="Message d’ouverture" />
      {data.totalReplies > 0 ? (
        <section aria-labelledby="titre-reponses">
          <h3 id="titre-reponses">Réponses</h3>
          <Pagination page={data.page} pageCount={data.pageCount} href={(n) => `${data.base}/${thread.id}?page=${n}`} label="Pages des réponses" />
          <ol className="discussion-replies">
            {data.replies.map((r) => (
              <li key={r.id}>
                <MessageBlock
                  data={data}
                  answer={answer}
                  message={{ ...r, anchor: `message-${r.id}`, hidden: r.display === 'whole' && r.hiddenReason !== null, placeholder: r.placeholder }}
                />
              </li>
            ))}
          </ol>
          <Pagination page={data.page} pageCount={data.pageCount} href={(n) => `${data.base}/${thread.id}?page=${n}`} label="Pages des réponses" />
        </section>
      ) : null}
      <section aria-labelledby="titre-repondre" className="discussion-reply">
        <h3 id="titre-repondre">Répondre</h3>
        {replyAnswer?.errors.form && !thread.locked ? <FormError answer={replyAnswer} /> : null}
        {thread.locked ? (
          <p className="notice">{LOCKED_TEXT}</p>
        ) : thread.can.reply ? (
          <>
            {replyAnswer?.errors.form ? null : <FormError answer={replyAnswer} />}
            {/* Keyed by the last reply: once a reply is posted the form starts empty again (client navigation keeps it
                mounted otherwise, with the text just sent). */}
            <Form method="post" className="discussion-form" key={`${data.totalReplies}-${data.replies.at(-1)?.id ?? ''}`}>
              <input type="hidden" name="intent" value="reply" />
              <BodyField answer={replyAnswer} label="Votre réponse" />
              <div className="form-actions">
                <button type="submit" className="button" disabled={busy}>
                  Publier la réponse
                </button>
              </div>
            </Form>
          </>
        ) : data.loggedIn ? (
          <p>{data.isMember ? 'Confirmez votre adresse e-mail pour répondre.' : 'Seuls les membres du groupe peuvent répondre.'}</p>
        ) : (
          <p>
            <Link to={`/connexion?redirectTo=${encodeURIComponent(`${data.base}/${thread.id}`)}`}>Connectez-vous</Link> pour répondre si vous êtes
            membre du groupe.
          </p>
        )}
      </section>
    </section>
  )
}
