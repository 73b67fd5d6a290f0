import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { budgetTarget, estimateTokens, fitHistory, MAX_HISTORY, SHORTENED } from '../../src/core/budget'
import type { HistoryTurn } from '../../src/core/types'

/** The deployed backend's check, written out independently: true means it answers 400 (field `tokens`). */
function backendRejects(message: string, history: HistoryTurn[], limit = 4000): boolean {
  const last20 = history.slice(-20)
  return Math.ceil((message.length + last20.reduce((n, t) => n + t.content.length, 0)) / 4) > limit
}

const turn = (role: HistoryTurn['role'], n: number, ch = role === 'user' ? 'u' : 'a'): HistoryTurn => ({ role, content: ch.repeat(n) })
/** `n` exchanges of a short question and an `answer`-character reply, oldest first. */
const exchanges = (n: number, answer: number): HistoryTurn[] =>
  Array.from({ length: n }, (_, i) => [{ role: 'user' as const, content: `question ${i}` }, { role: 'assistant' as const, content: `${i}:`.padEnd(answer, 'x') }]).flat()

describe('estimateTokens', () => {
  it('is the backend formula: ceil((message + last 20 history contents) / 4)', () => {
    expect(estimateTokens('abcd', [])).toBe(1)
    expect(estimateTokens('abcde', [])).toBe(2)
    expect(estimateTokens('ab', [turn('user', 3), turn('assistant', 4)])).toBe(3)
    // Turns older than the last 20 are not counted (the backend never reads them).
    const h = [turn('user', 1000), ...Array.from({ length: 20 }, () => turn('assistant', 4))]
    expect(estimateTokens('', h)).toBe(20)
  })
})

describe('fitHistory', () => {
  it('leaves a history within the budget as it is', () => {
    const h = exchanges(3, 200)
    expect(fitHistory('Do you have the PS5?', h)).toEqual(h)
  })

  it('never keeps more than 20 turns (the backend would cut the rest anyway)', () => {
    const h = exchanges(15, 10)
    const out = fitHistory('hi', h)
    expect(out).toHaveLength(MAX_HISTORY)
    expect(out).toEqual(h.slice(-20))
  })

  it('drops the oldest turns first, keeping the newest ones whole', () => {
    // 10 exchanges of 1,700-character replies: ~17,100 characters, over 4,000 tokens.
    const h = exchanges(10, 1700)
    expect(backendRejects('And the Switch?', h)).toBe(true)
    const out = fitHistory('And the Switch?', h)
    expect(backendRejects('And the Switch?', out)).toBe(false)
    expect(estimateTokens('And the Switch?', out)).toBeLessThanOrEqual(budgetTarget(4000))
    // A suffix of the original: nothing reordered, nothing shortened.
    expect(out).toEqual(h.slice(h.length - out.length))
    expect(out.at(-1)!.content.startsWith('9:')).toBe(true)
    expect(out.length).toBeGreaterThan(10)
  })

  it('then shortens a long assistant turn (keeping its beginning) rather than dropping the latest exchange', () => {
    const h = [turn('user', 900), turn('assistant', 20000), { role: 'user' as const, content: 'and?' }, { role: 'assistant' as const, content: 'B'.repeat(100) }]
    const message = 'm'.repeat(1000)
    const out = fitHistory(message, h)
    expect(backendRejects(message, out)).toBe(false)
    expect(out).toEqual([{ role: 'user', content: 'and?' }, { role: 'assistant', content: 'B'.repeat(100) }])
    // The latest exchange alone too long: its assistant turn is shortened, the user turn kept.
    const long = [{ role: 'user' as const, content: 'tell me everything' }, { role: 'assistant' as const, content: 'Z'.repeat(30000) }]
    const cut = fitHistory(message, long)
    expect(cut[0]).toEqual(long[0])
    expect(cut[1].content.endsWith(SHORTENED)).toBe(true)
    expect(cut[1].content.startsWith('ZZZZ')).toBe(true)
    expect(estimateTokens(message, cut)).toBe(budgetTarget(4000))
  })

  it('takes a smaller configured budget into account, and does not change its input', () => {
    const h = exchanges(4, 500)
    const copy = structuredClone(h)
    const out = fitHistory('hello', h, 400)
    expect(estimateTokens('hello', out)).toBeLessThanOrEqual(budgetTarget(400))
    expect(h).toEqual(copy)
  })

  it('whatever the history, the result is never rejected by the backend and has at most 20 turns', () => {
    const anyTurn = fc.record({ role: fc.constantFrom<'user' | 'assistant'>('user', 'assistant'), content: fc.string({ maxLength: 3000 }) })
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 1000 }), fc.array(anyTurn, { maxLength: 40 }), (message, history) => {
        const out = fitHistory(message, history)
        expect(out.length).toBeLessThanOrEqual(20)
        expect(backendRejects(message, out)).toBe(false)
        // Only trimmed: every turn kept is a turn of the input (or a shortened assistant turn).
        for (const t of out) expect(history.some((x) => x.role === t.role && (x.content === t.content || (t.role === 'assistant' && t.content.endsWith(SHORTENED))))).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
