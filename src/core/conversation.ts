/**
 * The conversation controller: runs the send machine over the message store the
 * UI reads, does what it asks (requests through the transport, retry timers,
 * events) and keeps the conversation in storage. It knows nothing of the DOM or
 * Preact; every outside service is passed in.
 */
import type { ResolvedConfig } from './config'
import type { TalkDockErrorInfo } from './errors'
import { errorInfo } from './errors'
import { newSessionId, uuid } from './ids'
import type { Persistence, Saved } from './persistence'
import { parseSaved } from './persistence'
import type { SendEvent, SendRequest } from './send-machine'
import { createSendMachine } from './send-machine'
import type { Clock, FetchLike } from './transport'
import { postAgent } from './transport'
import { fitHistory } from './budget'
import type { ChatMessage } from './types'
import { createSendStore, type SendStore } from '../stores/send-state'
import { createDraftStore, type DraftStore } from '../stores/draft'
import { createPrefsStore, type Prefs, type PrefsStore } from '../stores/prefs'
import { cleanContext, cleanIdentity, type Identity } from './identity'

export interface ConversationDeps {
  config: ResolvedConfig
  fetch: FetchLike
  clock: Clock
  persistence: Persistence
  /** crypto.getRandomValues-like. */
  fillRandom: (bytes: Uint8Array) => Uint8Array
  random: () => number
  /** Schedules a render-sized batch of work before the next paint, or with `afterPaint` just after it (src/contracts.ts). */
  frame: (fn: () => void, afterPaint?: boolean) => void
  /** Whether the browser is online at start. */
  online: boolean
  emitMessage: (message: ChatMessage) => void
  emitError: (error: TalkDockErrorInfo) => void
}

export interface Conversation {
  readonly state: SendStore
  readonly draft: DraftStore
  /** The visitor's own settings (sound, voice preferred); persisted like the conversation. */
  readonly prefs: PrefsStore
  readonly sessionId: () => string
  /** Who is asking: sent as `user` with each request; kept with the session. */
  identify(user: unknown): void
  /** Page context (current page, cart...): sent as `context` with each request. */
  setContext(context: unknown): void
  /** Sends a message (with a photo as `image`, see README "Photo attachments"); returns the error when it was refused (too long). */
  submit(text: string, photo?: { image: string; preview?: string }): TalkDockErrorInfo | null
  retry(id: string): void
  stop(): void
  setOnline(online: boolean): void
  setOpen(open: boolean): void
  /** Another tab wrote the stored conversation. */
  syncFrom(raw: string | null): void
  /**
   * Adds a message that never goes through the agent endpoint (voice transcripts),
   * or replaces the one with its id; `emit` announces it as `message`. A streaming
   * one is not saved until it is replaced by its final form.
   */
  upsert(message: ChatMessage, emit?: boolean): void
  /** A message typed during a voice call (sent over the room, never POSTed); returns its id. */
  addVoiceMessage(text: string): string
  /** Marks a voice message as not delivered. */
  failVoiceMessage(id: string, error: TalkDockErrorInfo): void
  /** Starts a new session and forgets the old one. */
  reset(): void
  /** Writes a pending save now (the page is going away: `pagehide`). */
  flush(): void
  /** Stops everything; a pending save is written first. */
  destroy(): void
}

export function createConversation(deps: ConversationDeps): Conversation {
  const { config, clock, persistence } = deps
  const saved = persistence.load()
  let sessionId = saved?.sessionId ?? newSessionId(deps.fillRandom)
  let open = saved?.open ?? false
  let user: Identity | undefined = cleanIdentity(saved?.extra?.user) ?? undefined
  let context: Record<string, unknown> | undefined
  const newId = () => uuid(deps.fillRandom)
  const tabId = newId()
  const store = createSendStore(deps.online)
  const draft = createDraftStore(saved?.draft ?? '')
  const prefs = createPrefsStore(saved?.extra?.prefs as Partial<Prefs> | undefined)
  // At most one request is in flight and at most one retry is waiting: one of each suffices.
  let controller: AbortController | undefined
  let timer: unknown
  let pendingDeltas: { key: string; text: string } | null = null
  let destroyed = false
  let dirty = false

  const machine = createSendMachine(
    store,
    { now: clock.now, newId, random: deps.random, maxLength: config.maxMessageLength, historyLimit: config.historyLimit, tabId },
    {
      send: (req) => void send(req),
      abort: () => controller?.abort(),
      wait(key, ms) {
        clock.clearTimeout(timer)
        timer = clock.setTimeout(() => dispatch({ type: 'retry_due', key }), ms)
      },
      message: (m) => deps.emitMessage(m),
      error: (e) => deps.emitError(e),
      save: persist,
    },
  )

  function dispatch(event: SendEvent): TalkDockErrorInfo | void {
    if (destroyed) return
    // Streamed text not yet applied comes first (a stop or a cut keeps it).
    if (event.type !== 'delta') flushDeltas()
    return machine(event)
  }

  /**
   * Saves the conversation once per frame however many changes (a sent message,
   * keystrokes in the draft, replies, settings) come in, just after that frame is
   * painted: the JSON and the storage write (~2 ms with 1,000 messages) stay out of
   * input handlers and out of the frame that shows the change (`reset` saves at
   * once). A pending
   * save is written on `pagehide` (flush) and on destroy: a reload or a navigation
   * right after Enter still finds the message (E2E "a reload in the same task as
   * Enter"), and its request carries the idempotency key stored with it.
   */
  function persist(): void {
    if (dirty) return
    dirty = true
    deps.frame(flush, true)
  }

  function flush(): void {
    if (dirty) save()
  }

  function save(): void {
    dirty = false
    const data: Saved = {
      v: 1,
      sessionId,
      messages: store.get().messages,
      draft: draft.get(),
      open,
      updatedAt: clock.now(),
      extra: { user, prefs: prefs.get() },
    }
    persistence.save(data)
  }

  async function send({ key, text, history, image }: SendRequest): Promise<void> {
    const result = await postAgent(deps.fetch, clock, {
      url: config.apiUrl + config.agentPath,
      apiKey: config.apiKey,
      key,
      keyHeader: config.idempotencyHeader,
      timeoutMs: config.timeoutMs,
      abort: (controller = new AbortController()),
      // Fields left undefined (no photo, identity or context) are not sent: JSON drops them.
      // The history fits the backend's token budget (oldest turns first, then long replies shortened).
      body: { sessionId, message: text, history: fitHistory(text, history, config.tokenBudget), mode: 'text', image, user, context },
      onDelta: (text) => queueDelta(key, text),
    })
    if (result.ok) dispatch({ type: 'reply', key, reply: result.reply })
    // After Stop, New conversation or destroy the machine ignores it: the request is no longer in flight.
    else {
      const wasInFlight = store.get().inFlight?.key === key
      dispatch({ type: 'failure', key, error: result.error })
      // Refused as it is: the text goes back to an empty composer, to be reworded.
      if (wasInFlight && result.error.code === 'rejected' && !draft.get().trim()) draft.set(text)
    }
  }

  /** Deltas are applied at most once per frame, however fast they arrive. */
  function queueDelta(key: string, text: string): void {
    if (pendingDeltas && pendingDeltas.key === key) {
      pendingDeltas.text += text
      return
    }
    flushDeltas()
    pendingDeltas = { key, text }
    deps.frame(flushDeltas)
  }

  function flushDeltas(): void {
    const d = pendingDeltas
    pendingDeltas = null
    if (d) void dispatch({ type: 'delta', key: d.key, text: d.text })
  }

  /** An API call got an argument it cannot use: an `invalid_input` error event, nothing else changes. */
  const invalid = (message: string) => deps.emitError(errorInfo('invalid_input', { message }))

  const unsubscribeDraft = draft.listen(() => persist())
  const unsubscribePrefs = prefs.listen(() => persist())

  // Restore last: unanswered messages come back retryable.
  if (saved?.messages.length) void dispatch({ type: 'restore', messages: saved.messages })

  return {
    state: store,
    draft,
    prefs,
    sessionId: () => sessionId,
    identify(value) {
      const next = cleanIdentity(value)
      if (!next) return invalid('identify() takes an object with id, name, email or hash strings.')
      user = next
      persist()
    },
    setContext(value) {
      const next = cleanContext(value)
      if (next === null) return invalid('setContext() takes a JSON-serialisable object under 8 KB.')
      context = next
    },
    submit: (text, photo) => dispatch({ type: 'submit', text, ...photo }) || null,
    retry: (id) => void dispatch({ type: 'retry', id }),
    stop: () => void dispatch({ type: 'stop' }),
    setOnline: (online) => void dispatch({ type: 'online', online }),
    setOpen(value) {
      open = value
      persist()
    },
    syncFrom(raw) {
      const theirs = raw && parseSaved(raw)
      if (!theirs) return
      // The other tab may have started a new conversation: follow its session.
      sessionId = theirs.sessionId
      dispatch({ type: 'external', messages: theirs.messages })
    },
    upsert: (message, emit) => void dispatch({ type: 'upsert', message, emit }),
    addVoiceMessage(text) {
      const message: ChatMessage = { id: newId(), role: 'user', text: text.trim(), status: 'sent', at: clock.now(), via: 'voice' }
      dispatch({ type: 'upsert', message, emit: true })
      return message.id
    },
    failVoiceMessage(id, error) {
      const m = store.get().messages.find((x) => x.id === id)
      if (m) dispatch({ type: 'upsert', message: { ...m, status: 'failed', error } })
    },
    reset() {
      dispatch({ type: 'clear' })
      user = undefined
      sessionId = newSessionId(deps.fillRandom)
      // Written at once over the old conversation (same key): its history is gone from storage.
      save()
    },
    flush,
    destroy() {
      flush()
      destroyed = true
      unsubscribeDraft()
      unsubscribePrefs()
      controller?.abort()
      clock.clearTimeout(timer)
    },
  }
}
