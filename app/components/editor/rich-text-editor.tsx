import { Extension, type JSONContent } from '@tiptap/core'
import { EditorContent, type Editor, useEditor, useEditorState } from '@tiptap/react'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { FieldErrors } from '#app/components/forms.tsx'
import { DEFAULT_MAX_CHARS, emptyDoc, getRichTextExtensions } from '#app/modules/rich-text/extensions.ts'
import { isSafeHref, isUploadSrc, normaliseTypedHref } from '#app/modules/rich-text/urls.ts'
import { EditorDialog } from './editor-dialog.tsx'
import { Toolbar, type ToolbarItem } from './toolbar.tsx'
import './editor.css'

// The Tiptap editor. Load it only through <LazyRichTextEditor> (lazy-editor.tsx) so reading pages never ship it.
// The document travels in a hidden input (`name`) as JSON; the server validates it with parseRichText().

export type RichTextEditorProps = {
  name: string
  label: string
  defaultValue?: JSONContent | null
  onChange?: (doc: JSONContent) => void
  onBlur?: () => void
  maxChars?: number
  errorId?: string
  errors?: string[]
  describedBy?: string
  uploadImage?: (file: File) => Promise<{ src: string; alt?: string } | null>
  /** `discussion`: the toolbar of the discussions' restricted set (bold, italic, lists, links; no headings, code,
   * quotes, separators, tables or images). */
  features?: 'full' | 'discussion'
  /** Without JavaScript (LazyRichTextEditor only): a plain textarea of this name, turned into paragraphs server-side. */
  textFallback?: { name: string; defaultValue?: string }
}

const numberFormat = new Intl.NumberFormat('fr-FR')
const ESCAPE = 'Escape'

export function RichTextEditor({
  name,
  label,
  defaultValue,
  onChange,
  onBlur,
  maxChars = DEFAULT_MAX_CHARS,
  errorId,
  errors,
  describedBy,
  uploadImage,
  features = 'full',
}: RichTextEditorProps) {
  const id = useId()
  const labelId = `${id}-label`
  const countId = `${id}-count`
  const helpId = `${id}-help`
  const ownErrorId = errorId ?? `${id}-errors`
  const initial = useMemo(() => defaultValue ?? emptyDoc(), [defaultValue])
  const [json, setJson] = useState(() => JSON.stringify(initial))
  const [linkOpen, setLinkOpen] = useState(false)
  const [imageOpen, setImageOpen] = useState(false)
  const shortcutsRef = useRef<HTMLElement>(null)
  const callbacks = useRef({ onChange, onBlur })
  callbacks.current = { onChange, onBlur }

  // Editor-only keys (no schema impact): Ctrl+K opens the link dialog, Escape leaves the editor.
  const keys = useMemo(
    () =>
      Extension.create({
        name: 'essaimEditorKeys',
        addKeyboardShortcuts() {
          return {
            'Mod-k': () => {
              setLinkOpen(true)
              return true
            },
            [ESCAPE]: ({ editor }) => {
              ;(editor.view.dom as HTMLElement).blur()
              shortcutsRef.current?.focus()
              return true
            },
          }
        },
      }),
    [],
  )

  const invalid = Boolean(errors?.length)
  const describedByIds = [helpId, countId, invalid && ownErrorId, describedBy].filter(Boolean).join(' ')
  const editor = useEditor({
    extensions: getRichTextExtensions({ placeholder: 'Rédigez votre texte…', maxChars, extra: [keys], set: features }),
    content: initial,
    // Rendered in the browser only (through LazyRichTextEditor, after hydration): create the editor at once.
    immediatelyRender: typeof window !== 'undefined',
    shouldRerenderOnTransaction: false,
    // Tiptap would inject a <style> element without our CSP nonce: its rules live in editor.css instead.
    injectCSS: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        'aria-describedby': describedByIds,
        'aria-invalid': invalid ? 'true' : 'false',
        spellcheck: 'true',
        lang: 'fr',
        class: 'rich-text rich-text-content',
      },
    },
    onUpdate: ({ editor }) => {
      const doc = editor.getJSON()
      setJson(JSON.stringify(doc))
      callbacks.current.onChange?.(doc)
    },
    onBlur: () => callbacks.current.onBlur?.(),
  })

  const state = useEditorState({
    editor,
    selector: ({ editor }): EditorFlags | null =>
      editor
        ? {
            bold: editor.isActive('bold'),
            italic: editor.isActive('italic'),
            code: editor.isActive('code'),
            h2: editor.isActive('heading', { level: 2 }),
            h3: editor.isActive('heading', { level: 3 }),
            h4: editor.isActive('heading', { level: 4 }),
            bulletList: editor.isActive('bulletList'),
            orderedList: editor.isActive('orderedList'),
            blockquote: editor.isActive('blockquote'),
            link: editor.isActive('link'),
            table: editor.isActive('table'),
            canUndo: editor.can().undo(),
            canRedo: editor.can().redo(),
            // Counted as the server counts (parseRichText): text with a space between inline leaves.
            characters: editor.state.doc.textBetween(0, editor.state.doc.content.size, undefined, ' ').length,
          }
        : null,
  })

  const items = useMemo(() => {
    if (!editor || !state) return []
    const all = toolbarItems(editor, state, Boolean(uploadImage), setLinkOpen, setImageOpen)
    return features === 'discussion' ? all.filter((item) => DISCUSSION_TOOLBAR.has(item.key)) : all
  }, [editor, state, uploadImage, features])
  const characters = state?.characters ?? 0

  return (
    <div className={`rich-text-field field${invalid ? ' has-error' : ''}`}>
      <div id={labelId} className="rich-text-label">
        {label}
      </div>
      <div className="rich-text-editor">
        <Toolbar label={`Mise en forme : ${label}`} items={items} />
        <EditorContent editor={editor} />
      </div>
      <p id={countId} className={`rich-text-count${characters > maxChars ? ' is-over' : ''}`}>
        {numberFormat.format(characters)} / {numberFormat.format(maxChars)} caractères
      </p>
      <p id={helpId} className="visually-hidden">
        Échap pour quitter la zone de saisie. Raccourcis clavier décrits après la zone de saisie.
      </p>
      <details className="rich-text-shortcuts">
        <summary ref={shortcutsRef}>Raccourcis clavier</summary>
        <ul>
          <li><kbd>Ctrl</kbd> + <kbd>B</kbd> : gras</li>
          <li><kbd>Ctrl</kbd> + <kbd>I</kbd> : italique</li>
          {features === 'full' ? (<li><kbd>Ctrl</kbd> + <kbd>E</kbd> : code</li>) : null}
          {features === 'full' ? (<li><kbd>Ctrl</kbd> + <kbd>Alt</kbd> + <kbd>2</kbd>, <kbd>3</kbd> ou <kbd>4</kbd> : titre de niveau 2, 3 ou 4</li>) : null}
          <li><kbd>Ctrl</kbd> + <kbd>Maj</kbd> + <kbd>8</kbd> : liste à puces</li>
          <li><kbd>Ctrl</kbd> + <kbd>Maj</kbd> + <kbd>7</kbd> : liste numérotée</li>
          {features === 'full' ? (<li><kbd>Ctrl</kbd> + <kbd>Maj</kbd> + <kbd>B</kbd> : citation</li>) : null}
          <li><kbd>Ctrl</kbd> + <kbd>K</kbd> : lien</li>
          <li><kbd>Ctrl</kbd> + <kbd>Z</kbd> / <kbd>Ctrl</kbd> + <kbd>Maj</kbd> + <kbd>Z</kbd> : annuler / rétablir</li>
          <li><kbd>Maj</kbd> + <kbd>Entrée</kbd> : retour à la ligne sans nouveau paragraphe</li>
          <li><kbd>Tab</kbd> : dans une liste, crée un sous-niveau (<kbd>Maj</kbd> + <kbd>Tab</kbd> le retire) ; dans un tableau, passe à la cellule suivante ; ailleurs, quitte la zone de saisie</li>
          <li><kbd>Échap</kbd> : quitte la zone de saisie partout (le focus vient ici, puis <kbd>Tab</kbd> continue vers la suite du formulaire)</li>
          <li>Barre d’outils : <kbd>Flèche gauche</kbd> / <kbd>Flèche droite</kbd> pour passer d’un bouton à l’autre, <kbd>Début</kbd> / <kbd>Fin</kbd> pour le premier ou le dernier</li>
        </ul>
      </details>
      <FieldErrors id={ownErrorId} errors={errors} />
      <input type="hidden" name={name} value={json} />
      {editor ? <LinkDialog editor={editor} open={linkOpen} onClose={() => setLinkOpen(false)} /> : null}
      {editor && uploadImage ? (
        <ImageDialog editor={editor} open={imageOpen} onClose={() => setImageOpen(false)} uploadImage={uploadImage} />
      ) : null}
    </div>
  )
}

type EditorFlags = {
  bold: boolean
  italic: boolean
  code: boolean
  h2: boolean
  h3: boolean
  h4: boolean
  bulletList: boolean
  orderedList: boolean
  blockquote: boolean
  link: boolean
  table: boolean
  canUndo: boolean
  canRedo: boolean
  characters: number
}

/** The toolbar buttons of the discussions' restricted set (app/modules/discussions/discussion-text.server.ts). */
const DISCUSSION_TOOLBAR = new Set(['bold', 'italic', 'bulletList', 'orderedList', 'link', 'unlink', 'undo', 'redo'])

function toolbarItems(
  editor: Editor,
  state: EditorFlags,
  canUpload: boolean,
  openLink: (open: boolean) => void,
  openImage: (open: boolean) => void,
): ToolbarItem[] {
  const chain = () => editor.chain().focus()
  const items: ToolbarItem[] = [
    { key: 'bold', label: 'Gras', shortcut: 'Ctrl+B', icon: 'G', pressed: state.bold, run: () => chain().toggleBold().run() },
    { key: 'italic', label: 'Italique', shortcut: 'Ctrl+I', icon: 'I', pressed: state.italic, run: () => chain().toggleItalic().run() },
    { key: 'code', label: 'Code', shortcut: 'Ctrl+E', icon: '</>', pressed: state.code, run: () => chain().toggleCode().run() },
    { key: 'h2', label: 'Titre de niveau 2', shortcut: 'Ctrl+Alt+2', icon: 'T2', pressed: state.h2, group: true, run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'h3', label: 'Titre de niveau 3', shortcut: 'Ctrl+Alt+3', icon: 'T3', pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    { key: 'h4', label: 'Titre de niveau 4', shortcut: 'Ctrl+Alt+4', icon: 'T4', pressed: state.h4, run: () => chain().toggleHeading({ level: 4 }).run() },
    { key: 'bulletList', label: 'Liste à puces', shortcut: 'Ctrl+Maj+8', icon: '•', pressed: state.bulletList, group: true, run: () => chain().toggleBulletList().run() },
    { key: 'orderedList', label: 'Liste numérotée', shortcut: 'Ctrl+Maj+7', icon: '1.', pressed: state.orderedList, run: () => chain().toggleOrderedList().run() },
    { key: 'blockquote', label: 'Citation', shortcut: 'Ctrl+Maj+B', icon: '« »', pressed: state.blockquote, run: () => chain().toggleBlockquote().run() },
    { key: 'link', label: state.link ? 'Modifier le lien' : 'Lien', shortcut: 'Ctrl+K', icon: '🔗', pressed: state.link, group: true, run: () => openLink(true) },
  ]
  if (state.link) {
    items.push({ key: 'unlink', label: 'Retirer le lien', icon: '⛓̸', run: () => chain().extendMarkRange('link').unsetLink().run() })
  }
  if (canUpload) items.push({ key: 'image', label: 'Insérer une image', icon: '🖼', run: () => openImage(true) })
  items.push({ key: 'rule', label: 'Insérer un séparateur', icon: '―', run: () => chain().setHorizontalRule().run() })
  if (state.table) {
    items.push(
      { key: 'addRow', label: 'Ajouter une ligne', icon: '+ ligne', group: true, run: () => chain().addRowAfter().run() },
      { key: 'addColumn', label: 'Ajouter une colonne', icon: '+ colonne', run: () => chain().addColumnAfter().run() },
      { key: 'deleteRow', label: 'Supprimer la ligne', icon: '− ligne', run: () => chain().deleteRow().run() },
      { key: 'deleteColumn', label: 'Supprimer la colonne', icon: '− colonne', run: () => chain().deleteColumn().run() },
      { key: 'deleteTable', label: 'Supprimer le tableau', icon: '× tableau', run: () => chain().deleteTable().run() },
    )
  } else {
    items.push({
      key: 'table',
      label: 'Insérer un tableau (3 × 3 avec ligne d’en-tête)',
      icon: '▦',
      group: true,
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    })
  }
  items.push(
    { key: 'undo', label: 'Annuler', shortcut: 'Ctrl+Z', icon: '↶', disabled: !state.canUndo, group: true, run: () => chain().undo().run() },
    { key: 'redo', label: 'Rétablir', shortcut: 'Ctrl+Maj+Z', icon: '↷', disabled: !state.canRedo, run: () => chain().redo().run() },
  )
  return items
}

function LinkDialog({ editor, open, onClose }: { editor: Editor; open: boolean; onClose: () => void }) {
  const id = useId()
  const [href, setHref] = useState('')
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [hasSelection, setHasSelection] = useState(false)
  const [existing, setExisting] = useState(false)

  useEffect(() => {
    if (!open) return
    const current = editor.getAttributes('link').href
    setHref(typeof current === 'string' ? current : '')
    setExisting(editor.isActive('link'))
    setHasSelection(!editor.state.selection.empty || editor.isActive('link'))
    setText('')
    setError(null)
  }, [open, editor])

  const close = () => {
    onClose()
    editor.commands.focus()
  }

  const apply = () => {
    const value = normaliseTypedHref(href)
    if (!isSafeHref(value)) {
      setError('Saisissez une adresse complète commençant par https://, http:// ou mailto: (par exemple https://exemple.fr).')
      return false
    }
    if (hasSelection) {
      editor.chain().focus().extendMarkRange('link').setLink({ href: value }).run()
    } else {
      const label = text.trim() || value.replace(/^mailto:/, '')
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href: value } }] })
        // The caret stays right after the link, outside it (no space added: « guide des associations. » reads right).
        .unsetMark('link')
        .run()
    }
    onClose()
    return true
  }

  const hrefError = `${id}-href-error`
  return (
    <EditorDialog open={open} title={existing ? 'Modifier le lien' : 'Ajouter un lien'} onCancel={close} onSubmit={apply} submitLabel="Appliquer">
      <div className="field">
        <label htmlFor={`${id}-href`}>Adresse du lien</label>
        <p className="hint" id={`${id}-href-hint`}>
          Une adresse web (https://…) ou une adresse électronique.
        </p>
        <input
          id={`${id}-href`}
          type="text"
          inputMode="url"
          autoComplete="url"
          value={href}
          onChange={(event) => setHref(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-href-hint`, error && hrefError].filter(Boolean).join(' ')}
        />
        {error ? (
          <p className="field-error" id={hrefError}>
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        ) : null}
      </div>
      {hasSelection ? null : (
        <div className="field">
          <label htmlFor={`${id}-text`}>Texte du lien (facultatif)</label>
          <input id={`${id}-text`} type="text" value={text} onChange={(event) => setText(event.target.value)} />
        </div>
      )}
      {existing ? (
        <button
          type="button"
          className="button-secondary button"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run()
            onClose()
          }}
        >
          Retirer le lien
        </button>
      ) : null}
    </EditorDialog>
  )
}

function ImageDialog({
  editor,
  open,
  onClose,
  uploadImage,
}: {
  editor: Editor
  open: boolean
  onClose: () => void
  uploadImage: NonNullable<RichTextEditorProps['uploadImage']>
}) {
  const id = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [alt, setAlt] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!open) return
    setAlt('')
    setError(null)
    setBusy(false)
    if (fileRef.current) fileRef.current.value = ''
  }, [open])

  const close = () => {
    onClose()
    editor.commands.focus()
  }

  const apply = async () => {
    const file = fileRef.current?.files?.[0]
    if (!file) {
      setError('Choisissez un fichier image.')
      return false
    }
    setBusy(true)
    setError(null)
    try {
      const uploaded = await uploadImage(file)
      if (!uploaded || !isUploadSrc(uploaded.src)) {
        setError('L’image n’a pas pu être envoyée. Réessayez ou choisissez un autre fichier.')
        return false
      }
      editor.chain().focus().setImage({ src: uploaded.src, alt: alt.trim() || uploaded.alt || '' }).run()
      onClose()
      return true
    } catch {
      setError('L’image n’a pas pu être envoyée. Réessayez ou choisissez un autre fichier.')
      return false
    } finally {
      setBusy(false)
    }
  }

  const errorId = `${id}-error`
  return (
    <EditorDialog open={open} title="Insérer une image" onCancel={close} onSubmit={apply} submitLabel={busy ? 'Envoi en cours…' : 'Insérer'} busy={busy}>
      <div className="field">
        <label htmlFor={`${id}-file`}>Fichier image (PNG, JPEG, WebP ou GIF)</label>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-alt`}>Texte alternatif</label>
        <p className="hint" id={`${id}-alt-hint`}>
          Décrivez ce que montre l’image. Laissez vide si elle est purement décorative.
        </p>
        <input id={`${id}-alt`} type="text" value={alt} onChange={(event) => setAlt(event.target.value)} aria-describedby={`${id}-alt-hint`} maxLength={1000} />
      </div>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </EditorDialog>
  )
}
