import { FUNDING_STATE_LABELS, type FundingState } from '../dates.ts'

/** « Ouvert », « À venir », « Clôturé »: the state of a funding call, as a badge. */
export function FundingStateBadge({ state }: { state: FundingState }) {
  return <span className={`badge funding-state funding-state-${state}`}>{FUNDING_STATE_LABELS[state]}</span>
}
