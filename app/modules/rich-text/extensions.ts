import { type AnyExtension, type Extension, type JSONContent, mergeAttributes } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import { CharacterCount, Placeholder } from '@tiptap/extensions'
import StarterKit from '@tiptap/starter-kit'
import { isSafeHref, isUploadSrc } from './urls.ts'

// The ONE extension list behind rich text: the editor (client) and the server validation/rendering
// (rich-text.server.ts) both build their ProseMirror schema from `getSchemaExtensions()`, so a document the
// editor produces is exactly a document the server accepts. Nothing here touches the DOM at import time.

export const HEADING_LEVELS = [2, 3, 4] as const
export const LINK_REL = 'noopener noreferrer nofollow'
export const DEFAULT_MAX_CHARS = 100_000

// Tables render without the inline `style` attributes (widths) Tiptap adds by default: our CSP forbids them,
// and column widths are not editable here (no resizing). The wrapper lets wide tables scroll on small screens.
const SafeTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    const { style: _style, ...attributes } = HTMLAttributes
    return ['div', { class: 'table-wrapper' }, ['table', mergeAttributes(this.options.HTMLAttributes, attributes), ['tbody', 0]]]
  },
})

// Cell alignment would render as `style="text-align: …"`: rendered as a class instead.
function withAlignClass<T extends typeof TableCell | typeof TableHeader>(cell: T) {
  return cell.extend({
    addAttributes() {
      const parent: Record<string, any> = this.parent?.() ?? {}
      return {
        ...parent,
        align: {
          ...parent.align,
          renderHTML: (attributes: Record<string, unknown>) => {
            const align = attributes.align
            return align === 'left' || align === 'center' || align === 'right' ? { class: `align-${align}` } : {}
          },
        },
        colwidth: { ...parent.colwidth, renderHTML: () => ({}) },
      }
    },
  })
}

// Images: only our uploads (`/fichiers/:id/:name`). The server rejects any other src; rendering drops it too.
const UploadImage = Image.extend({
  // Pasted or dropped HTML keeps only images already uploaded here; others are dropped, not stored.
  parseHTML() {
    return [{ tag: 'img[src]', getAttrs: (element) => (isUploadSrc(element.getAttribute('src')) ? null : false) }]
  },
  renderHTML({ HTMLAttributes }) {
    const { src, ...rest } = HTMLAttributes
    return ['img', mergeAttributes(this.options.HTMLAttributes, isUploadSrc(src) ? { src, ...rest } : rest)]
  },
}).configure({ inline: false, allowBase64: false })

function starterKitOptions(): Parameters<typeof StarterKit.configure>[0] {
  return {
    heading: { levels: [...HEADING_LEVELS] },
    codeBlock: false,
    strike: false,
    underline: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      protocols: [],
      HTMLAttributes: { rel: LINK_REL, target: null, class: null },
      isAllowedUri: (url) => isSafeHref(url),
      shouldAutoLink: (url) => isSafeHref(url),
    },
  }
}

function schemaExtensions(): AnyExtension[] {
  return [
    StarterKit.configure(starterKitOptions()),
    UploadImage,
    SafeTable.configure({ resizable: false, allowTableNodeSelection: false }),
    TableRow,
    withAlignClass(TableHeader),
    withAlignClass(TableCell),
  ]
}

/** An empty document (one empty paragraph), as the editor starts. */
export function emptyDoc(): JSONContent {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}

let cachedSchemaExtensions: AnyExtension[] | null = null

/** Extensions that define the document schema (no editor-only behaviour). Shared by client and server. */
export function getSchemaExtensions(): AnyExtension[] {
  cachedSchemaExtensions ??= schemaExtensions()
  return cachedSchemaExtensions
}

export type RichTextExtensionOptions = {
  /** Editor only: placeholder shown in an empty document. */
  placeholder?: string
  /** Editor only: character limit enforced while typing. */
  maxChars?: number
  /** Editor only: extra behaviour (keyboard shortcuts…) with no schema impact. */
  extra?: Extension[]
  /**
   * Editor only: `discussion` is the discussions' restricted set (paragraphs, line breaks, bold, italic, lists, links;
   * app/modules/discussions/discussion-text.server.ts): anything else pasted in becomes plain paragraphs.
   */
  set?: 'full' | 'discussion'
}

/** The schema of the discussions' restricted set (see `set`). */
function discussionSchemaExtensions(): AnyExtension[] {
  return [StarterKit.configure({ ...starterKitOptions(), heading: false, blockquote: false, code: false, codeBlock: false, horizontalRule: false })]
}

/**
 * The extension list. Without options it is the schema list used by the server; with editor options it adds
 * Placeholder and CharacterCount (no schema impact), so both sides always share the same nodes and marks.
 */
export function getRichTextExtensions(options: RichTextExtensionOptions = {}): AnyExtension[] {
  const { placeholder, maxChars, extra = [], set = 'full' } = options
  if (placeholder === undefined && maxChars === undefined && extra.length === 0 && set === 'full') return getSchemaExtensions()
  return [
    ...(set === 'discussion' ? discussionSchemaExtensions() : schemaExtensions()),
    Placeholder.configure({ placeholder: placeholder ?? '' }),
    CharacterCount.configure({ limit: maxChars ?? DEFAULT_MAX_CHARS, mode: 'textSize' }),
    ...extra,
  ]
}
