// A readable text diff between two revisions: lines (paragraphs) first, then words inside changed lines.
// Longest common subsequence, with the common start and end trimmed first so typical edits stay cheap.

export type DiffPart = { type: 'equal' | 'added' | 'removed'; text: string }

/** Above this many cells, the LCS table would be too large: the changed middle is shown as removed + added. */
const MAX_CELLS = 2_000_000

function lcsDiff(a: readonly string[], b: readonly string[]): { type: DiffPart['type']; token: string }[] {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const head = a.slice(0, start).map((token) => ({ type: 'equal' as const, token }))
  const tail = a.slice(endA).map((token) => ({ type: 'equal' as const, token }))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  const n = midA.length
  const m = midB.length
  const middle: { type: DiffPart['type']; token: string }[] = []
  if (n * m > MAX_CELLS) {
    for (const token of midA) middle.push({ type: 'removed', token })
    for (const token of midB) middle.push({ type: 'added', token })
    return [...head, ...middle, ...tail]
  }
  // lengths[i][j] = LCS length of midA[i..] and midB[j..], in one flat typed array.
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        midA[i] === midB[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
    }
  }
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      middle.push({ type: 'equal', token: midA[i] })
      i++
      j++
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
      middle.push({ type: 'removed', token: midA[i++] })
    } else {
      middle.push({ type: 'added', token: midB[j++] })
    }
  }
  while (i < n) middle.push({ type: 'removed', token: midA[i++] })
  while (j < m) middle.push({ type: 'added', token: midB[j++] })
  return [...head, ...middle, ...tail]
}

/** Consecutive tokens of the same kind joined into one part. */
function merge(tokens: { type: DiffPart['type']; token: string }[]): DiffPart[] {
  const parts: DiffPart[] = []
  for (const { type, token } of tokens) {
    const last = parts.at(-1)
    if (last && last.type === type) last.text += token
    else parts.push({ type, text: token })
  }
  return parts
}

/** Words and the spaces after them, so that joining the tokens gives the text back. */
function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? []
}

export function diffWords(before: string, after: string): DiffPart[] {
  return merge(lcsDiff(words(before), words(after)))
}

export type DiffLine =
  | { type: 'equal' | 'added' | 'removed'; text: string }
  /** A line changed in place: its words, marked. */
  | { type: 'changed'; parts: DiffPart[] }

/**
 * Line by line; a run of removed lines followed by as many added ones is shown as changed lines with word-level
 * marks (the usual case: a paragraph edited).
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const split = (text: string) => (text === '' ? [] : text.split('\n'))
  const tokens = lcsDiff(split(before), split(after))
  const lines: DiffLine[] = []
  let k = 0
  while (k < tokens.length) {
    if (tokens[k].type === 'equal') {
      lines.push({ type: 'equal', text: tokens[k].token })
      k++
      continue
    }
    const removed: string[] = []
    const added: string[] = []
    while (k < tokens.length && tokens[k].type !== 'equal') {
      if (tokens[k].type === 'removed') removed.push(tokens[k].token)
      else added.push(tokens[k].token)
      k++
    }
    const paired = Math.min(removed.length, added.length)
    for (let p = 0; p < paired; p++) lines.push({ type: 'changed', parts: diffWords(removed[p], added[p]) })
    for (const text of removed.slice(paired)) lines.push({ type: 'removed', text })
    for (const text of added.slice(paired)) lines.push({ type: 'added', text })
  }
  return lines
}

export function hasChanges(lines: DiffLine[]): boolean {
  return lines.some((line) => line.type !== 'equal')
}
