// Progress through a pathway: the ONE calculation, pure, shared by the pathway page, « Mes parcours » and the tests.
// Progress is kept per step id, never per position (reference-systems.md §2.4): editing a pathway never erases a
// mark. A step added after the person started shows as new; a step whose target changed after it was marked done says
// so (the mark stays: the person decides whether to read it again). Steps the person may not read (now private) keep
// their marks but count neither in what is done nor in the total, until they can read them again.

export type StepProgressInput = {
  id: string
  /** When the step was added to the pathway (ISO-8601 UTC). */
  createdAt: string
  /** The viewer may read what the step points to. */
  visible: boolean
  /** When the viewer marked it done, or null. */
  doneAt: string | null
  /** When what it points to last changed (a resource's last revision, an event's last edit), or null. */
  changedAt: string | null
}

export type StepFlags = { done: boolean; isNew: boolean; updatedSinceDone: boolean }

/** When the person started the pathway: their first mark, on any of its steps. */
export function startedAt(steps: readonly StepProgressInput[]): string | null {
  let first: string | null = null
  for (const step of steps) if (step.doneAt && (first === null || step.doneAt < first)) first = step.doneAt
  return first
}

export function stepFlags(steps: readonly StepProgressInput[]): Map<string, StepFlags> {
  const started = startedAt(steps)
  const flags = new Map<string, StepFlags>()
  for (const step of steps) {
    const done = step.visible && step.doneAt !== null
    flags.set(step.id, {
      done,
      isNew: step.visible && !done && started !== null && step.createdAt > started,
      updatedSinceDone: done && step.changedAt !== null && step.changedAt > (step.doneAt as string),
    })
  }
  return flags
}

export type ProgressSummary = { done: number; total: number; complete: boolean; started: boolean }

export function summarise(steps: readonly StepProgressInput[]): ProgressSummary {
  const visible = steps.filter((s) => s.visible)
  const done = visible.filter((s) => s.doneAt !== null).length
  return { done, total: visible.length, complete: visible.length > 0 && done === visible.length, started: startedAt(steps) !== null }
}

/** « 3 étapes sur 5 » (« 1 étape sur 1 », « 0 étape sur 4 »: French singular for 0 and 1). */
export function progressLabel(summary: Pick<ProgressSummary, 'done' | 'total'>): string {
  return `${summary.done} ${summary.done <= 1 ? 'étape' : 'étapes'} sur ${summary.total}`
}
