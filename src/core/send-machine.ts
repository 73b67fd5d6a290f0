/**
 * The send state machine: no DOM, no timers and no I/O. It keeps its state in
 * the store it is given (the one the UI reads) and asks `io` for everything
 * outside: send, abort, wait, emit, save.
 *
 * Rules it guarantees (see README "Sending"):
 * - one user intent becomes exactly one request: empty text is ignored, the same
 *   text submitted again within `debounceMs` is ignored, and at most one request
 *   is in flight per conversation;
 * - messages typed while a reply is pending are queued and later sent together as
 *   one request (joined by a blank line, one new idempotency key), split into
 *   several consecutive requests when the joined text would exceed `maxLength`;
 * - a retry (automatic or manual) reuses the request's idempotency key and text;
 * - nothing typed is ever dropped: failures keep the message with its error.
 *
 * The caller performs what `io` asks and feeds results back as events.
 */
import type { WritableAtom } from 'nanostores'
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

/** The request in flight: its batch is the user messages carrying its `key`. */
export interface InFlight {
  key: string
  /** 1 for the first try. */
  attempt: number
  /** True while waiting out a backoff before the next try. */
  waiting: boolean
}

export type SendEvent =
  | { type: 'submit'; text: string; via?: 'text' | 'voice'; image?: string; preview?: string }
  | { type: 'delta'; key: string; text: string }
  | { type: 'reply'; key: string; reply: AgentReply }
  | { type: 'failure'; key: string; error: TalkDockErrorInfo }
  | { type: 'retry_due'; key: string }
  | { type: 'retry'; id: string }
  | { type: 'stop' }
  | { type: 'online'; online: boolean }
  | { type: 'restore'; messages: ChatMessage[] }
  | { type: 'external'; messages: ChatMessage[] }
  /** Adds or replaces (by id) a message that never goes through the agent endpoint (voice); `emit` announces it. */
  | { type: 'upsert'; message: ChatMessage; emit?: boolean }
  | { type: 'clear' }

/** One request to the agent endpoint (`image` is undefined when it carries no photo). */
export interface SendRequest {
  key: string
  text: string
  history: HistoryTurn[]
  attempt: number
  image?: string
}

/** What the machine asks of the outside, in the order it happens. */
export interface SendIO {
  /** Starts a request; its outcome comes back as `delta`, `reply` or `failure` events with its key. */
  send(req: SendRequest): void
  abort(key: string): void
  /** A `retry_due` event for `key` after `ms`. */
  wait(key: string, ms: number): void
  /** The `message` event. */
  message(message: ChatMessage): void
  /** The `error` event: a failure, or a submit refused (too long). */
  error(error: TalkDockErrorInfo): void
  /** The state changed in a way worth keeping (not streamed text, not another tab's change). */
  save(): void
}

/** Outside inputs the machine needs, passed in so tests control them. */
export interface SendContext {
  now: () => number
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

export function initialSendState(messages: ChatMessage[] = [], online = true): SendState {
  return { messages, inFlight: null, online, last: null }
}

/** A user message not yet answered and not failed: waiting its turn, or on its way. */
const pending = (m: ChatMessage) => m.status === 'queued' || m.status === 'sending'

/** `messages` with message `id` replaced by `next(it)`, or with `next()` appended when there is none. */
function upsert(messages: ChatMessage[], id: string, next: (m?: ChatMessage) => ChatMessage): ChatMessage[] {
  const i = messages.findIndex((m) => m.id === id)
  return i < 0 ? [...messages, next()] : messages.map((m, j) => (j === i ? next(m) : m))
}

/**
 * The messages with the batch of `f` (and, given `reply`, its assistant reply,
 * which carries the same key) patched; everything else unchanged.
 */
function mark(messages: ChatMessage[], f: InFlight, batch: Partial<ChatMessage>, reply: Partial<ChatMessage> = {}): ChatMessage[] {
  return messages.map((m) => (m.key === f.key ? { ...m, ...(m.role === 'user' ? batch : reply) } : m))
}

/** The machine over `store`: feed it events; a refused submit returns its error. */
export function createSendMachine(store: WritableAtom<SendState>, ctx: SendContext, io: SendIO): (event: SendEvent) => TalkDockErrorInfo | void {
  /** Applies a change; `io.save` unless `quiet`. */
  const set = (patch: Partial<SendState>, quiet?: boolean) => {
    store.set({ ...store.get(), ...patch })
    if (!quiet) io.save()
  }

  /** Starts the next request if nothing is in flight and something is queued (a retry goes even offline). */
  function pump(retry?: { key?: string }): void {
    const { messages, inFlight, online } = store.get()
    const queued = messages.filter((m) => m.role === 'user' && m.status === 'queued' && m.tab === ctx.tabId)
    if (inFlight || (!online && !retry) || !queued.length) return
    const first = (retry?.key && queued.find((m) => m.key === retry.key)) || queued[0]
    let batch: ChatMessage[]
    if (first.key) {
      // A retry: exactly the messages that went out under this key, same text.
      batch = queued.filter((m) => m.key === first.key)
    } else {
      batch = [first]
      let len = first.text.length
      for (const m of queued.slice(1)) {
        // A request carries at most one photo: a message with one goes out on its own.
        if (m.key || first.image || m.image || (len += 2 + m.text.length) > ctx.maxLength) break
        batch.push(m)
      }
    }
    const key = first.key ?? ctx.newId()
    const f: InFlight = { key, attempt: 1, waiting: false }
    set({ messages: messages.map((m) => (batch.includes(m) ? { ...m, status: 'sending' as const, key, error: undefined } : m)), inFlight: f })
    send(f)
  }

  /** The request for `f`: its batch's texts joined by a blank line, and the first one's photo (a request carries at most one). */
  function send(f: InFlight): void {
    const { messages } = store.get()
    const batch = messages.filter((m) => m.role === 'user' && m.key === f.key)
    const text = batch.map((m) => m.text).join('\n\n')
    io.send({ key: f.key, text, history: historyBefore(messages, batch[0].id, ctx.historyLimit), attempt: f.attempt, image: batch[0].image })
  }

  return (event) => {
    const { messages, inFlight: f, online } = store.get()
    // Results and timers of a request that is not (or no longer) the one in flight are ignored.
    if ('key' in event && f?.key !== event.key) return
    /** The request in flight is over: its batch and reply patched, then the next one starts. */
    const settle = (next: ChatMessage[], emit?: () => void) => {
      set({ messages: next, inFlight: null })
      emit?.()
      pump()
    }
    switch (event.type) {
      case 'submit': {
        const text = event.text.trim()
        if (!text) return
        if (text.length > ctx.maxLength) {
          const error = errorInfo('too_long')
          io.error(error)
          return error
        }
        const { last } = store.get()
        const now = ctx.now()
        if (last && last.text === text && !event.image && now - last.at < (ctx.debounceMs ?? 600)) return
        const message: ChatMessage = { id: ctx.newId(), role: 'user', text, status: 'queued', at: now, via: event.via ?? 'text', tab: ctx.tabId }
        if (event.image) message.image = event.image
        if (event.preview) message.preview = event.preview
        set({ messages: [...messages, message], last: { text, at: now } })
        io.message(message)
        return pump()
      }
      case 'delta': {
        if (!event.text) return
        const { key, text } = event
        const id = assistantId(key)
        return set({ messages: upsert(messages, id, (m) => (m ? { ...m, text: m.text + text } : { id, role: 'assistant', text, status: 'streaming', at: ctx.now(), key })) }, true)
      }
      case 'reply': {
        const id = assistantId(f!.key)
        // The reply's fields (text, cards, suggestions) are the message's own names.
        const assistant: ChatMessage = { id, role: 'assistant', status: 'done', at: ctx.now(), key: f!.key, ...event.reply }
        const next = mark(messages.filter((m) => m.id !== id), f!, { status: 'sent', error: undefined })
        // Keep the reply right after the last message of its batch (later queued messages follow it).
        let i = next.length
        while (i-- && next[i].key !== f!.key);
        next.splice(i + 1, 0, assistant)
        return settle(next, () => io.message(assistant))
      }
      case 'failure': {
        const error = event.error
        // Offline: keep the batch queued under its key; it goes out when we are back (pump waits while offline).
        if (error.code === 'network' && !online) return settle(mark(messages, f!, { status: 'queued', error }))
        // (A failure after part of a reply is always a cut stream or a server error, never
        // retryable: a half-answered request goes back only when the visitor presses Retry.)
        if (isRetryable(error) && f!.attempt < (ctx.maxTries ?? 3)) {
          set({ inFlight: { ...f!, waiting: true } })
          return io.wait(f!.key, Math.max(error.retryAfterMs ?? 0, Math.round(1000 * 2 ** (f!.attempt - 1) * (0.8 + 0.4 * ctx.random()))))
        }
        return settle(mark(messages, f!, { status: 'failed', error }, { status: 'cut', error }), () => io.error(error))
      }
      case 'retry_due': {
        if (!f!.waiting) return
        const next = { ...f!, attempt: f!.attempt + 1, waiting: false }
        set({ inFlight: next })
        return send(next)
      }
      case 'retry': {
        const target = messages.find((m) => m.id === event.id)
        if (target?.role !== 'user' || !['failed', 'no_reply', 'queued'].includes(target.status) || f) return
        // The backend refused this text as it is: the same request can never pass.
        if (target.error?.code === 'rejected') return
        // A message that went out before goes again with its whole batch (same key), without its half reply.
        const key = target.key
        set({
          messages: messages
            .filter((m) => !key || m.id !== assistantId(key))
            .map((m) => ((key ? m.key === key && m.role === 'user' : m === target) ? { ...m, status: 'queued' as const, tab: ctx.tabId } : m)),
        })
        return pump({ key })
      }
      case 'stop':
        return f ? settle(mark(messages, f, { status: 'sent' }, { status: 'stopped' }), () => io.abort(f.key)) : undefined
      case 'online':
        // Back online: the queue goes out (pump does nothing while offline).
        set({ online: event.online })
        return pump()
      case 'restore': {
        // After a reload: a message that was on its way, or still waiting, when the page
        // closed comes back as "no reply received" with Retry (its key is kept, so the
        // backend can answer a retry from its store); a half reply is marked cut.
        const error = errorInfo('no_reply')
        return settle(
          event.messages.map((m): ChatMessage =>
            m.role === 'user' && pending(m)
              ? { ...m, status: 'no_reply', error }
              : m.role === 'assistant' && m.status === 'streaming'
                ? { ...m, status: 'cut', error }
                : m,
          ),
        )
      }
      case 'external': {
        // Another tab changed the stored conversation. Adopt its messages, but keep the
        // messages this tab is sending or waiting to send (only this tab sends them).
        const mine = messages.filter((m) => m.tab === ctx.tabId && pending(m))
        const streaming = f && messages.find((m) => m.id === assistantId(f.key))
        if (streaming) mine.push(streaming)
        const theirs = event.messages
        const ids = new Set(theirs.map((m) => m.id))
        return set({ messages: [...theirs.map((m) => mine.find((x) => x.id === m.id) ?? m), ...mine.filter((m) => !ids.has(m.id))] }, true)
      }
      case 'upsert': {
        const { message } = event
        // A streaming transcript is saved once it is final.
        set({ messages: upsert(messages, message.id, () => message) }, message.status === 'streaming')
        return event.emit ? io.message(message) : undefined
      }
      case 'clear':
        set(initialSendState([], online))
        return f ? io.abort(f.key) : undefined
    }
  }
}

/** The completed turns before message `id`, newest `limit` of them. */
export function historyBefore(messages: ChatMessage[], id: string, limit: number): HistoryTurn[] {
  // Backwards from `id` (usually the newest message): a long log costs only `limit` turns.
  const turns: HistoryTurn[] = []
  let i = messages.length
  while (i-- && messages[i].id !== id);
  for (i = i < 0 ? messages.length : i; i-- && turns.length < limit; ) {
    const m = messages[i]
    const done = m.role === 'user' ? m.status === 'sent' : m.status === 'done' || m.status === 'stopped'
    if (done && m.text) turns.push({ role: m.role, content: m.text })
  }
  return turns.reverse()
}

function assistantId(key: string): string {
  return `a-${key}`
}

/** Whether a failure may be retried automatically (the request carries its key). */
export function isRetryable(error: TalkDockErrorInfo): boolean {
  // Never a 4xx such as `rejected` (400 Validation failed): the same request would fail again.
  // A 503 with a server message ("Daily usage limit reached") will not heal by retrying.
  return ['network', 'server_timeout', 'rate_limited'].includes(error.code) || error.status === 502 || (error.code === 'unavailable' && !error.fromServer)
}
