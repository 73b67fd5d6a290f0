/**
 * The agent request's token budget, as the deployed backend counts it: it reads at
 * most the last 20 `history` turns and rejects a request (400, field `tokens`) when
 * `ceil((message.length + sum of those turns' content lengths) / 4) > 4000`.
 * `fitHistory` trims the history so a request never trips that check. Pure.
 */
import type { HistoryTurn } from './types'

/** The most history turns the backend reads (it silently drops older ones). */
export const MAX_HISTORY = 20
/** The deployed backend's limit, in its estimated tokens. */
export const BACKEND_TOKEN_BUDGET = 4000
/** What a shortened turn ends with. */
export const SHORTENED = ' …'
/** Turns kept before any is shortened (the latest exchange gives the reply its context). */
const KEEP = 2

/** The backend's estimate: a quarter of the characters of the message and the last 20 turns, rounded up. */
export function estimateTokens(message: string, history: readonly HistoryTurn[]): number {
  let chars = message.length
  for (const t of history.slice(-MAX_HISTORY)) chars += t.content.length
  return Math.ceil(chars / 4)
}

/** The estimate a request must stay within for `budget`: 5% under it, a margin for a backend that counts a little differently. */
export function budgetTarget(budget: number): number {
  return Math.floor(budget * 0.95)
}

/**
 * `history` (oldest first) trimmed for `message` so that `estimateTokens` stays
 * within `budgetTarget(budget)`: at most the last 20 turns; then the oldest turns
 * go, down to the latest exchange; then long assistant turns are shortened (the
 * oldest first, their beginning kept); then, if still over, older turns go. The
 * input is not changed.
 */
export function fitHistory(message: string, history: readonly HistoryTurn[], budget = BACKEND_TOKEN_BUDGET): HistoryTurn[] {
  const limit = budgetTarget(budget) * 4 - message.length
  let turns = history.slice(-MAX_HISTORY)
  const chars = () => turns.reduce((n, t) => n + t.content.length, 0)
  // Whole characters: ceil(n / 4) <= target  ⇔  n <= 4 * target.
  while (turns.length > KEEP && chars() > limit) turns = turns.slice(1)
  for (let i = 0; i < turns.length && chars() > limit; i++) {
    const t = turns[i]
    if (t.role !== 'assistant') continue
    const keep = t.content.length - (chars() - limit) - SHORTENED.length
    turns = turns.map((x, j) => (j === i ? { role: x.role, content: keep > 0 ? x.content.slice(0, keep).replace(/[\uD800-\uDBFF]$/, '') + SHORTENED : '' } : x))
  }
  turns = turns.filter((t) => t.content)
  while (turns.length && chars() > limit) turns = turns.slice(1)
  return turns
}
