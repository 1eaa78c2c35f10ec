import { useBlocker } from '@remix-run/react'
import { useCallback, useEffect } from 'react'

type Place = { pathname: string; search: string }

/**
 * Asks before leaving a page with unsaved work: closing the tab or leaving the site shows the browser's own prompt
 * (beforeunload); a link of the site (a client-side navigation, which fires no beforeunload) asks with a
 * confirmation, and cancelling keeps the page as it is. `shouldWarn` is read at the moment of leaving.
 */
export function useLeaveWarning(shouldWarn: () => boolean, message: string) {
  useEffect(() => {
    const listener = (event: BeforeUnloadEvent) => {
      if (!shouldWarn()) return
      event.preventDefault()
      // Older browsers show a prompt only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', listener)
    return () => window.removeEventListener('beforeunload', listener)
  }, [shouldWarn])

  const blocker = useBlocker(
    useCallback(
      // The query counts: « Choisir un autre type » goes from /ressources/nouvelle?type=… to /ressources/nouvelle.
      ({ currentLocation, nextLocation }: { currentLocation: Place; nextLocation: Place }) =>
        shouldWarn() && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
      [shouldWarn],
    ),
  )
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    if (window.confirm(message)) blocker.proceed()
    else blocker.reset()
  }, [blocker, message])
}
