/**
 * The send state machine: a pure reducer with no DOM, no timers and no I/O.
 *
 * Rules it guarantees (see README "Sending"):
 * - one user intent becomes exactly one request: empty text is ignored, the same
 *   text submitted again within `debounceMs` is ignored, and at most one request
 *   is in flight per conversation;
 * - messages typed while a reply is pending are queued and later sent together as
 *   one request (joined by a blank line, one new Idempotency-Key), split into
 *   several consecutive requests when the joined text would exceed `maxLength`;
 * - a retry (automatic or manual) reuses the request's Idempotency-Key and text;
 * - nothing typed is ever dropped: failures keep the message with its error.
 *
 * The caller performs the returned effects (send, abort, wait, emit) and feeds
 * results back as events.
 */
import type { TalkDockErrorInfo } from './errors'
import { errorInfo } from './errors'
import type { AgentReply, ChatMessage, HistoryTurn } from './types'

export interface SendState {
  messages: ChatMessage[]
  /** The request in flight (or waiting to be retried), if any. */
  inFlight: InFlight | null
  /** False while the browser reports it is offline. */
  online: boolean
  /** The last accepted submit, for the double-submit guard. */
  last: { text: string; at: number } | null
}

export interface InFlight {
  key: string
  ids: string[]
  text: string
  /** 1 for the first try. */
  attempt: number
  /** True while waiting out a backoff before the next try. */
  waiting: boolean
  /** The photo sent as `image` (a request carries at most one). */
  image?: string
}

export type SendEvent =
  | { type: 'submit'; text: string; via?: 'text' | 'voice'; image?: string; preview?: string }
  | { type: 'delta'; key: string; text: string }
  | { type: 'reply'; key: string; reply: AgentReply }
  | { type: 'failure'; key: string; error: TalkDockErrorInfo; retryable: boolean }
  | { type: 'retry_due'; key: string }
  | { type: 'retry'; id: string }
  | { type: 'stop' }
  | { type: 'online'; online: boolean }
  | { type: 'restore'; messages: ChatMessage[] }
  | { type: 'external'; messages: ChatMessage[] }
  | { type: 'append'; message: ChatMessage }
  /** Adds or replaces (by id) a message that never goes through the agent endpoint (voice); `emit` announces it. */
  | { type: 'upsert'; message: ChatMessage; emit?: boolean }
  | { type: 'clear' }

export type SendEffect =
  | { type: 'send'; key: string; text: string; history: HistoryTurn[]; attempt: number; image?: string }
  | { type: 'abort'; key: string }
  | { type: 'wait'; key: string; ms: number }
  | { type: 'emit'; event: 'message'; message: ChatMessage }
  | { type: 'emit'; event: 'error'; error: TalkDockErrorInfo }
  | { type: 'rejected'; error: TalkDockErrorInfo }

/** Outside inputs the reducer needs, passed in so tests control them. */
export interface SendContext {
  now: number
  newId: () => string
  /** Random number in [0, 1) for backoff jitter. */
  random: () => number
  maxLength: number
  historyLimit: number
  /** This page instance; a queued message is sent only by the tab that owns it. */
  tabId?: string
  /** Identical submits closer than this are one intent. Default 600 ms. */
  debounceMs?: number
  /** Tries per request before the user must press Retry. Default 3. */
  maxTries?: number
}

export interface Step {
  state: SendState
  effects: SendEffect[]
}

export function initialSendState(messages: ChatMessage[] = [], online = true): SendState {
  return { messages, inFlight: null, online, last: null }
}

export function reduce(state: SendState, event: SendEvent, ctx: SendContext): Step {
  switch (event.type) {
    case 'submit': return submit(state, event.text, event.via ?? 'text', ctx, event.image, event.preview)
    case 'delta': return delta(state, event.key, event.text, ctx)
    case 'reply': return reply(state, event.key, event.reply, ctx)
    case 'failure': return failure(state, event.key, event.error, event.retryable, ctx)
    case 'retry_due': {
      const f = state.inFlight
      if (!f || f.key !== event.key || !f.waiting) return { state, effects: [] }
      const next = { ...f, attempt: f.attempt + 1, waiting: false }
      return { state: { ...state, inFlight: next }, effects: [sendEffect(state, next, ctx)] }
    }
    case 'retry': return retry(state, event.id, ctx)
    case 'stop': return stop(state, ctx)
    case 'online': {
      const s = { ...state, online: event.online }
      return event.online ? pump(s, ctx, []) : { state: s, effects: [] }
    }
    case 'restore': return restore(state, event.messages, ctx)
    case 'external': return { state: { ...state, messages: mergeExternal(state, event.messages, ctx.tabId) }, effects: [] }
    case 'append': return {
      state: { ...state, messages: [...state.messages, event.message] },
      effects: [{ type: 'emit', event: 'message', message: event.message }],
    }
    case 'upsert': {
      const i = state.messages.findIndex((m) => m.id === event.message.id)
      const messages = i < 0 ? [...state.messages, event.message] : state.messages.map((m, j) => (j === i ? event.message : m))
      return { state: { ...state, messages }, effects: event.emit ? [{ type: 'emit', event: 'message', message: event.message }] : [] }
    }
    case 'clear': {
      const effects: SendEffect[] = state.inFlight ? [{ type: 'abort', key: state.inFlight.key }] : []
      return { state: { ...initialSendState([], state.online) }, effects }
    }
  }
}

function submit(state: SendState, raw: string, via: 'text' | 'voice', ctx: SendContext, image?: string, preview?: string): Step {
  const text = raw.trim()
  if (!text) return { state, effects: [] }
  if (text.length > ctx.maxLength) {
    return { state, effects: [{ type: 'rejected', error: errorInfo('too_long') }] }
  }
  const last = state.last
  if (last && last.text === text && !image && ctx.now - last.at < (ctx.debounceMs ?? 600)) return { state, effects: [] }
  const message: ChatMessage = { id: ctx.newId(), role: 'user', text, status: 'queued', at: ctx.now, via, tab: ctx.tabId }
  if (image) message.image = image
  if (preview) message.preview = preview
  const next: SendState = { ...state, messages: [...state.messages, message], last: { text, at: ctx.now } }
  return pump(next, ctx, [{ type: 'emit', event: 'message', message }])
}

/** Starts the next request if nothing is in flight and something is queued. */
function pump(state: SendState, ctx: SendContext, effects: SendEffect[], force?: { key?: string }): Step {
  if (state.inFlight || (!state.online && !force)) return { state, effects }
  const queued = state.messages.filter((m) => m.role === 'user' && m.status === 'queued' && m.tab === ctx.tabId)
  if (!queued.length) return { state, effects }
  const first = (force?.key && queued.find((m) => m.key === force.key)) || queued[0]
  let batch: ChatMessage[]
  if (first.key) {
    // A retry: exactly the messages that went out under this key, same text.
    batch = queued.filter((m) => m.key === first.key)
  } else {
    batch = [first]
    let len = first.text.length
    for (const m of queued.slice(1)) {
      // A request carries at most one photo: a message with one goes out on its own.
      if (m.key || first.image || m.image || len + 2 + m.text.length > ctx.maxLength) break
      batch.push(m)
      len += 2 + m.text.length
    }
  }
  const key = first.key ?? ctx.newId()
  const ids = batch.map((m) => m.id)
  const flight: InFlight = { key, ids, text: batch.map((m) => m.text).join('\n\n'), attempt: 1, waiting: false }
  if (first.image) flight.image = first.image
  const messages = state.messages.map((m) =>
    ids.includes(m.id) ? { ...m, status: 'sending' as const, key, error: undefined } : m,
  )
  const next = { ...state, messages, inFlight: flight }
  return { state: next, effects: [...effects, sendEffect(next, flight, ctx)] }
}

function sendEffect(state: SendState, f: InFlight, ctx: SendContext): SendEffect {
  const effect: SendEffect = { type: 'send', key: f.key, text: f.text, history: historyBefore(state.messages, f.ids[0], ctx.historyLimit), attempt: f.attempt }
  if (f.image) effect.image = f.image
  return effect
}

/** The completed turns before message `id`, newest `limit` of them. */
export function historyBefore(messages: ChatMessage[], id: string, limit: number): HistoryTurn[] {
  const turns: HistoryTurn[] = []
  for (const m of messages) {
    if (m.id === id) break
    const done = m.role === 'user' ? m.status === 'sent' : m.status === 'done' || m.status === 'stopped'
    if (done && m.text) turns.push({ role: m.role, content: m.text })
  }
  return limit > 0 ? turns.slice(-limit) : []
}

function assistantId(key: string): string {
  return `a-${key}`
}

function delta(state: SendState, key: string, text: string, ctx: SendContext): Step {
  if (!state.inFlight || state.inFlight.key !== key || !text) return { state, effects: [] }
  const id = assistantId(key)
  const existing = state.messages.find((m) => m.id === id)
  const messages = existing
    ? state.messages.map((m) => (m.id === id ? { ...m, text: m.text + text } : m))
    : [...state.messages, { id, role: 'assistant' as const, text, status: 'streaming' as const, at: ctx.now, key }]
  return { state: { ...state, messages }, effects: [] }
}

function reply(state: SendState, key: string, r: AgentReply, ctx: SendContext): Step {
  const f = state.inFlight
  if (!f || f.key !== key) return { state, effects: [] }
  const id = assistantId(key)
  const assistant: ChatMessage = { id, role: 'assistant', text: r.text, status: 'done', at: ctx.now, key }
  if (r.cards?.length) assistant.cards = r.cards
  if (r.suggestions?.length) assistant.suggestions = r.suggestions
  const without = state.messages.filter((m) => m.id !== id)
  const messages = [
    ...without.map((m) => (f.ids.includes(m.id) ? { ...m, status: 'sent' as const, error: undefined } : m)),
    assistant,
  ]
  // Keep the reply right after the last message of its batch (later queued messages follow it).
  const lastIdx = messages.findIndex((m) => m.id === f.ids[f.ids.length - 1])
  messages.pop()
  messages.splice(lastIdx + 1, 0, assistant)
  return pump({ ...state, messages, inFlight: null }, ctx, [{ type: 'emit', event: 'message', message: assistant }])
}

function failure(state: SendState, key: string, error: TalkDockErrorInfo, retryable: boolean, ctx: SendContext): Step {
  const f = state.inFlight
  if (!f || f.key !== key) return { state, effects: [] }
  const partial = state.messages.find((m) => m.id === assistantId(key))
  const maxTries = ctx.maxTries ?? 3
  if (error.code === 'network' && !state.online) {
    // Offline: keep the batch queued under its key; it goes out when we are back.
    const messages = state.messages.map((m) => (f.ids.includes(m.id) ? { ...m, status: 'queued' as const, error } : m))
    return { state: { ...state, messages, inFlight: null }, effects: [] }
  }
  if (retryable && !partial && f.attempt < maxTries) {
    const base = 1000 * 2 ** (f.attempt - 1)
    const ms = Math.max(error.retryAfterMs ?? 0, Math.round(base * (0.8 + 0.4 * ctx.random())))
    return { state: { ...state, inFlight: { ...f, waiting: true } }, effects: [{ type: 'wait', key, ms }] }
  }
  const messages = state.messages.map((m) => {
    if (f.ids.includes(m.id)) return { ...m, status: 'failed' as const, error }
    if (partial && m.id === partial.id) return { ...m, status: 'cut' as const, error }
    return m
  })
  return pump({ ...state, messages, inFlight: null }, ctx, [{ type: 'emit', event: 'error', error }])
}

function retry(state: SendState, id: string, ctx: SendContext): Step {
  const target = state.messages.find((m) => m.id === id)
  const ok = target?.role === 'user' && ['failed', 'no_reply', 'queued'].includes(target.status)
  if (!target || !ok || state.inFlight) return { state, effects: [] }
  const key = target.key
  const messages = key
    ? state.messages
        .filter((m) => m.id !== assistantId(key))
        .map((m) => (m.key === key && m.role === 'user' ? { ...m, status: 'queued' as const, tab: ctx.tabId } : m))
    : state.messages.map((m) => (m.id === id ? { ...m, tab: ctx.tabId } : m))
  return pump({ ...state, messages }, ctx, [], { key })
}

function stop(state: SendState, ctx: SendContext): Step {
  const f = state.inFlight
  if (!f) return { state, effects: [] }
  const id = assistantId(f.key)
  const messages = state.messages.map((m) => {
    if (f.ids.includes(m.id)) return { ...m, status: 'sent' as const }
    if (m.id === id) return { ...m, status: 'stopped' as const }
    return m
  })
  return pump({ ...state, messages, inFlight: null }, ctx, [{ type: 'abort', key: f.key }])
}

/**
 * After a reload: a message that was on its way, or still waiting, when the page
 * closed comes back as "no reply received" with Retry (its key is kept, so the
 * backend can answer a retry from its store); a half reply is marked cut.
 */
function restore(state: SendState, saved: ChatMessage[], ctx: SendContext): Step {
  const messages = saved.map((m): ChatMessage => {
    if (m.role === 'user' && (m.status === 'sending' || m.status === 'queued')) return { ...m, status: 'no_reply', error: errorInfo('no_reply') }
    if (m.role === 'assistant' && m.status === 'streaming') return { ...m, status: 'cut', error: errorInfo('no_reply') }
    return m
  })
  return pump({ ...state, messages, inFlight: null }, ctx, [])
}

/**
 * Another tab changed the stored conversation. Adopt its messages, but keep the
 * messages this tab is sending or waiting to send (only this tab sends them).
 */
function mergeExternal(state: SendState, theirs: ChatMessage[], tabId?: string): ChatMessage[] {
  const mine = state.messages.filter((m) => m.tab === tabId && (m.status === 'queued' || m.status === 'sending'))
  const streaming = state.inFlight ? state.messages.find((m) => m.id === assistantId(state.inFlight!.key)) : undefined
  if (streaming) mine.push(streaming)
  const ids = new Set(theirs.map((m) => m.id))
  const keep = theirs.map((m) => mine.find((x) => x.id === m.id) ?? m)
  return [...keep, ...mine.filter((m) => !ids.has(m.id))]
}

/** Whether a failure may be retried automatically (the request carries its key). */
export function isRetryable(error: TalkDockErrorInfo): boolean {
  if (error.code === 'network' || error.code === 'server_timeout' || error.code === 'rate_limited') return true
  if (error.status === 502) return true
  // A 503 with a server message ("Daily usage limit reached") will not heal by retrying.
  return error.code === 'unavailable' && !error.fromServer
}
