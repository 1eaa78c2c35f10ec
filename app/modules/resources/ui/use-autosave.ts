import { useCallback, useEffect, useRef, useState } from 'react'
import { formatTimeFr } from '#app/modules/resources/dates.ts'
import { useLeaveWarning } from './use-leave-warning.ts'

const DELAY_MS = 3000

export const LEAVE_MESSAGE =
  'Vous avez des modifications non enregistrées sur cette ressource. Quitter la page sans les enregistrer ?'

type SaveState = { kind: 'idle' | 'pending' | 'saving' | 'saved' | 'error'; message: string }
type Conflict = { editorName: string | null; updatedAt?: string }

type SaveAnswer = {
  status: string
  slug?: string
  version?: number
  savedAt?: string
  message?: string
  editorName?: string | null
}

/** A key of this page's creation autosave: the server creates one draft per key, however often it is sent. */
function newDraftKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Autosave of the resource form: a few seconds after the last change and when a field loses focus, the form is
 * posted to /ressources/:slug/brouillon with the version the page started from. Shows « Enregistré à 14 h 32 »,
 * warns before leaving with unsaved changes (useLeaveWarning), and reports a conflict instead of overwriting
 * someone else's save. Only drafts are saved automatically; a published resource is only checked for conflicts.
 *
 * On the creation page (`slug` null, `createUrl` given) the first save creates the draft (once the required fields
 * are filled; the server creates one draft per page, whatever the retries); `onCreated` then receives its address
 * and later saves go to its /brouillon like on the editing page. A button pressed while a save is on its way
 * submits the form once that save is answered, with the version it produced (never a conflict with oneself, never
 * a second draft).
 */
export function useAutosave({
  slug: initialSlug,
  version: initialVersion,
  isDraft,
  createUrl,
  onCreated,
}: {
  slug: string | null
  version: number
  isDraft: boolean
  createUrl?: string
  onCreated?: (draft: { slug: string; version: number }) => void
}) {
  const formRef = useRef<HTMLFormElement>(null)
  const [version, setVersion] = useState(initialVersion)
  const [slug, setSlug] = useState(initialSlug)
  const [state, setState] = useState<SaveState>({ kind: 'idle', message: '' })
  const [conflict, setConflict] = useState<Conflict | null>(null)
  /** Something typed is not saved yet (it stays true while a save is on its way, until it succeeds). */
  const dirty = useRef(false)
  /** Counts the changes, so that a save only clears `dirty` if nothing was typed while it was on its way. */
  const changes = useRef(0)
  const submitting = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const versionRef = useRef(initialVersion)
  const slugRef = useRef(initialSlug)
  const draftKey = useRef<string | null>(null)
  const inFlight = useRef(false)
  /** The button pressed while a save was on its way: pressed again once it is answered. */
  const pendingSubmitter = useRef<HTMLButtonElement | null>(null)
  const onCreatedRef = useRef(onCreated)
  onCreatedRef.current = onCreated

  // A new page load (after a normal save) starts from the new version.
  useEffect(() => {
    versionRef.current = initialVersion
    setVersion(initialVersion)
  }, [initialVersion])
  useEffect(() => {
    slugRef.current = initialSlug
    setSlug(initialSlug)
  }, [initialSlug])

  /** The hidden fields are read by the submission right away, before React renders the new values. */
  const writeHidden = useCallback((name: string, value: string) => {
    const input = formRef.current?.elements.namedItem(name)
    if (input instanceof HTMLInputElement) input.value = value
  }, [])

  const save = useCallback(async () => {
    clearTimeout(timer.current)
    const form = formRef.current
    const target = slugRef.current
    if (!form || !dirty.current || inFlight.current || submitting.current) return
    if (!target && !createUrl) return
    inFlight.current = true
    const sent = changes.current
    setState({ kind: 'saving', message: isDraft ? 'Enregistrement…' : 'Vérification…' })
    const body = new FormData(form)
    body.set('version', String(versionRef.current))
    if (!target) {
      draftKey.current ??= newDraftKey()
      body.set('draftKey', draftKey.current)
    }
    try {
      const response = await fetch(target ? `/ressources/${encodeURIComponent(target)}/brouillon` : (createUrl as string), {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
      })
      const result = (await response.json()) as SaveAnswer
      if (result.status === 'saved' && result.version) {
        versionRef.current = result.version
        setVersion(result.version)
        writeHidden('version', String(result.version))
        if (!target && result.slug) {
          slugRef.current = result.slug
          setSlug(result.slug)
          writeHidden('draft', result.slug)
          onCreatedRef.current?.({ slug: result.slug, version: result.version })
        }
        if (changes.current === sent) dirty.current = false
        else timer.current = setTimeout(() => void save(), DELAY_MS)
        setState({ kind: 'saved', message: `Brouillon enregistré à ${formatTimeFr(result.savedAt ?? new Date())}` })
      } else if (result.status === 'conflict') {
        setConflict({ editorName: result.editorName ?? null })
        setState({ kind: 'error', message: 'Non enregistré : quelqu’un d’autre a modifié cette ressource.' })
      } else if (result.status === 'unchanged') {
        setState({ kind: 'pending', message: 'Modifications non enregistrées : pensez à enregistrer.' })
      } else if (result.status === 'incomplete') {
        // The creation page before its required fields are filled: nothing wrong, the draft waits for them.
        setState({ kind: 'pending', message: result.message ?? 'Brouillon non enregistré.' })
      } else {
        setState({ kind: 'error', message: result.message ?? 'Brouillon non enregistré.' })
      }
    } catch {
      setState({ kind: 'error', message: 'Brouillon non enregistré : la connexion a échoué. Nouvel essai bientôt.' })
      if (!pendingSubmitter.current) timer.current = setTimeout(() => void save(), DELAY_MS * 3)
    } finally {
      inFlight.current = false
      const submitter = pendingSubmitter.current
      if (submitter) {
        pendingSubmitter.current = null
        form.requestSubmit(submitter)
      }
    }
  }, [isDraft, createUrl, writeHidden])

  const onChange = useCallback(() => {
    dirty.current = true
    changes.current++
    setState((s) => (s.kind === 'pending' ? s : { kind: 'pending', message: 'Modifications non enregistrées' }))
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(), DELAY_MS)
  }, [save])

  const onBlur = useCallback(() => void save(), [save])

  /** On the submit buttons (onClick): no autosave from now on; a save on its way is waited for. */
  const onSubmit = useCallback((event?: { preventDefault: () => void; currentTarget: EventTarget | null }) => {
    submitting.current = true
    clearTimeout(timer.current)
    if (inFlight.current && event?.currentTarget instanceof HTMLButtonElement) {
      event.preventDefault()
      pendingSubmitter.current = event.currentTarget
    }
  }, [])

  // Leaving a field (any field of the form) saves too.
  useEffect(() => {
    const form = formRef.current
    if (!form) return
    const listener = (event: FocusEvent) => {
      const target = event.target as HTMLElement | null
      if (target?.closest('.rich-text-editor')) return
      if (dirty.current) void save()
    }
    form.addEventListener('focusout', listener)
    return () => form.removeEventListener('focusout', listener)
  }, [save])

  useEffect(() => () => clearTimeout(timer.current), [])

  // Closing the tab, leaving the site or following a link of the site asks first, unless the form is being
  // submitted (its own navigation).
  useLeaveWarning(
    useCallback(() => dirty.current && !submitting.current, []),
    LEAVE_MESSAGE,
  )

  /** The form came back from the server (errors or conflict): what is typed is still unsaved. */
  const onSubmitReturned = useCallback(() => {
    submitting.current = false
    dirty.current = true
  }, [])

  return { formRef, slug, version, state, conflict, onChange, onBlur, onSubmit, onSubmitReturned }
}
