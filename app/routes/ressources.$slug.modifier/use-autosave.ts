import { useBlocker } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { formatTimeFr } from '#app/modules/resources/dates.ts'

const DELAY_MS = 3000

export const LEAVE_MESSAGE =
  'Vous avez des modifications non enregistrées sur cette ressource. Quitter la page sans les enregistrer ?'

type SaveState = { kind: 'idle' | 'pending' | 'saving' | 'saved' | 'error'; message: string }
type Conflict = { editorName: string | null; updatedAt?: string }

/**
 * Autosave of the editing form: a few seconds after the last change and when a field loses focus, the form is
 * posted to /ressources/:slug/brouillon with the version the page started from. Shows « Enregistré à 14 h 32 »,
 * warns before leaving with unsaved changes (closing the tab or leaving the site: the browser's beforeunload
 * prompt; a link of the site: a confirmation), and reports a conflict instead of overwriting someone else's save.
 * Only drafts are saved automatically; a published resource is only checked for conflicts.
 */
export function useAutosave({ slug, version: initialVersion, isDraft }: { slug: string; version: number; isDraft: boolean }) {
  const formRef = useRef<HTMLFormElement>(null)
  const [version, setVersion] = useState(initialVersion)
  const [state, setState] = useState<SaveState>({ kind: 'idle', message: '' })
  const [conflict, setConflict] = useState<Conflict | null>(null)
  /** Something typed is not saved yet (it stays true while a save is on its way, until it succeeds). */
  const dirty = useRef(false)
  /** Counts the changes, so that a save only clears `dirty` if nothing was typed while it was on its way. */
  const changes = useRef(0)
  const submitting = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const versionRef = useRef(initialVersion)
  const inFlight = useRef(false)

  // A new page load (after a normal save) starts from the new version.
  useEffect(() => {
    versionRef.current = initialVersion
    setVersion(initialVersion)
  }, [initialVersion])

  const save = useCallback(async () => {
    clearTimeout(timer.current)
    const form = formRef.current
    if (!form || !dirty.current || inFlight.current || submitting.current) return
    inFlight.current = true
    const sent = changes.current
    setState({ kind: 'saving', message: isDraft ? 'Enregistrement…' : 'Vérification…' })
    const body = new FormData(form)
    body.set('version', String(versionRef.current))
    try {
      const response = await fetch(`/ressources/${encodeURIComponent(slug)}/brouillon`, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
      })
      const result = (await response.json()) as {
        status: string
        version?: number
        savedAt?: string
        message?: string
        editorName?: string | null
      }
      if (result.status === 'saved' && result.version) {
        versionRef.current = result.version
        setVersion(result.version)
        if (changes.current === sent) dirty.current = false
        else timer.current = setTimeout(() => void save(), DELAY_MS)
        setState({ kind: 'saved', message: `Brouillon enregistré à ${formatTimeFr(result.savedAt ?? new Date())}` })
      } else if (result.status === 'conflict') {
        setConflict({ editorName: result.editorName ?? null })
        setState({ kind: 'error', message: 'Non enregistré : quelqu’un d’autre a modifié cette ressource.' })
      } else if (result.status === 'unchanged') {
        setState({ kind: 'pending', message: 'Modifications non enregistrées : pensez à enregistrer.' })
      } else {
        setState({ kind: 'error', message: result.message ?? 'Brouillon non enregistré.' })
      }
    } catch {
      setState({ kind: 'error', message: 'Brouillon non enregistré : la connexion a échoué. Nouvel essai bientôt.' })
      timer.current = setTimeout(() => void save(), DELAY_MS * 3)
    } finally {
      inFlight.current = false
    }
  }, [slug, isDraft])

  const onChange = useCallback(() => {
    dirty.current = true
    changes.current++
    setState((s) => (s.kind === 'pending' ? s : { kind: 'pending', message: 'Modifications non enregistrées' }))
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(), DELAY_MS)
  }, [save])

  const onBlur = useCallback(() => void save(), [save])

  const onSubmit = useCallback(() => {
    submitting.current = true
    clearTimeout(timer.current)
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

  useEffect(() => {
    const listener = (event: BeforeUnloadEvent) => {
      if (!dirty.current || submitting.current) return
      event.preventDefault()
      // Older browsers show a prompt only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', listener)
    return () => {
      window.removeEventListener('beforeunload', listener)
      clearTimeout(timer.current)
    }
  }, [])

  // A link of the site (client-side navigation) does not fire beforeunload: ask before leaving the page, unless the
  // form is being submitted (its own navigation).
  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
        dirty.current && !submitting.current && currentLocation.pathname !== nextLocation.pathname,
      [],
    ),
  )
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    if (window.confirm(LEAVE_MESSAGE)) blocker.proceed()
    else blocker.reset()
  }, [blocker])

  /** The form came back from the server (errors or conflict): what is typed is still unsaved. */
  const onSubmitReturned = useCallback(() => {
    submitting.current = false
    dirty.current = true
  }, [])

  return { formRef, version, state, conflict, onChange, onBlur, onSubmit, onSubmitReturned }
}
