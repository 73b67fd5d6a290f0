/**
 * The panel's side of voice: what the "Start voice" button, the voice bar and
 * the composer see (state, start/stop, typed text), and the glue to the lazily
 * loaded voice chunk (src/voice, with livekit-client, the session wiring and the
 * bar's controls). No DOM and no Preact; small on purpose, because it ships in
 * the panel chunk.
 *
 * - The state lives here, so it is right before the chunk arrives: a start says
 *   `requesting-mic` at once (the call is active: typed text waits for the room,
 *   Escape does not close), and a chunk that fails to load is a `load_failed`.
 * - Transcripts go into the conversation log (upserted by segment id).
 * - Text typed during a call goes to the agent over the room (never POSTed).
 * - Every state change is a `voicestate` event; failures are also `error` events
 *   with code `voice_<code>`, and stay on screen until the next start.
 */
import { atom, type ReadableAtom } from 'nanostores'
import type { VoiceStateEvent, VoiceStateName } from '../api'
import type { VoiceModule } from '../loader/env'
import type { VoiceCall } from '../voice/controller'
import type { ResolvedConfig } from './config'
import type { Conversation } from './conversation'
import { errorInfo, type ErrorCode, type TalkDockErrorInfo } from './errors'
import type { FetchLike } from './transport'

export interface VoiceView {
  state: VoiceStateName
  muted: boolean
  /** The browser blocked playback: show "Tap to enable audio". */
  audioBlocked: boolean
  /** The last failure (or why the server ended the call), until the next start or dismiss. */
  error: TalkDockErrorInfo | null
  /** The first-time "why the microphone" notice is showing. */
  explaining: boolean
}

export interface VoiceControllerDeps {
  config: ResolvedConfig
  conversation: Conversation
  load: () => Promise<VoiceModule>
  fetch: FetchLike
  /** Unique per tab: two tabs of one conversation never kick each other out of the room. */
  participantName: string
  /** Where the agent's <audio> elements go (removed again when the call ends). */
  audioContainer: HTMLElement | null
  doc?: Document
  mediaDevices?: MediaDevices
  /** Timers for the voice session (the agent timeout). */
  clock: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(id: unknown): void }
  /** Adds the voice bar's styles (they come with the chunk). */
  addStyles?: (css: string) => void
  emitState(e: VoiceStateEvent): void
  emitError(e: TalkDockErrorInfo): void
}

/** What the voice chunk adds once loaded: the call (session wiring) and the bar's component. */
export interface VoiceLoaded {
  call: VoiceCall
  Bar: VoiceModule['VoiceBar']
}

/** What the chunk's call reports back to the panel's controller. */
export interface VoiceHost {
  set(patch: Partial<VoiceView>): void
  setState(state: VoiceStateName, extra?: { code?: string; message?: string }): void
  fail(code: ErrorCode, message: string): void
  undelivered(id: string): void
}

export interface VoiceController {
  readonly view: ReadableAtom<VoiceView>
  /**
   * Starts a call. The first time (unless `explained`), shows why the microphone is
   * needed and waits for `confirm()`. Resolves when the attempt settled; never rejects.
   */
  start(explained?: boolean): Promise<void>
  /** "Continue" on the microphone notice. */
  confirm(): Promise<void>
  /** "Not now" on the microphone notice, or dismissing an error. */
  dismiss(): void
  /** Ends the call; resolves when the room, microphone and audio elements are released. */
  stop(): Promise<void>
  /** True from the start until the call ended or failed (typed text then goes to the agent). */
  active(): boolean
  /** Sends typed text to the agent over the room and logs it; false when no call is active. */
  sendText(text: string): boolean
  /** Starts downloading the voice chunk (hover or focus on "Start voice"). */
  prefetch(): void
  /** The chunk's call and bar, once it loaded (null before). */
  loaded(): VoiceLoaded | null
  destroy(): void
}

const CONNECTED: VoiceStateName[] = ['waiting-for-agent', 'listening', 'thinking', 'speaking']
const ACTIVE: VoiceStateName[] = ['requesting-mic', 'connecting', 'reconnecting', ...CONNECTED]

export function createVoiceController(deps: VoiceControllerDeps): VoiceController {
  const { config, conversation } = deps
  const view = atom<VoiceView>({ state: 'idle', muted: false, audioBlocked: false, error: null, explaining: false })
  const set = (patch: Partial<VoiceView>) => view.set({ ...view.get(), ...patch })
  let mod: Promise<VoiceLoaded> | null = null
  let ready: VoiceLoaded | null = null
  /** Bumped by stop/destroy: a start still waiting for the chunk gives up. */
  let gen = 0
  let destroyed = false
  /** Typed while connecting: sent once the room is connected. */
  let pending: Array<{ id: string; text: string }> = []

  function load(): Promise<VoiceLoaded> {
    if (!mod) {
      mod = deps.load().then((m) => {
        if (!ready) {
          deps.addStyles?.(m.VOICE_BAR_CSS)
          const call = m.createVoiceCall({ ...deps, host: { set, setState, fail, undelivered } })
          ready = { call, Bar: m.VoiceBar }
          // The bar can show now.
          set({})
        }
        return ready
      })
      mod.catch(() => (mod = null))
    }
    return mod
  }

  function setState(state: VoiceStateName, extra: { code?: string; message?: string } = {}) {
    if (view.get().state === state && !extra.code) return
    set({ state })
    deps.emitState({ state, ...extra })
    if (CONNECTED.includes(state)) flush()
    if (!ACTIVE.includes(state)) failPending()
  }

  function fail(code: ErrorCode, message?: string) {
    const error = errorInfo(code, { message })
    set({ error })
    deps.emitError(error)
  }

  function flush() {
    const todo = pending
    pending = []
    for (const p of todo) ready ? ready.call.send(p.id, p.text) : undelivered(p.id)
  }

  function undelivered(id: string) {
    conversation.failVoiceMessage(id, errorInfo('voice_send_failed', { message: 'Not delivered to the voice assistant. Press Retry to send it as a chat message.' }))
  }

  function failPending() {
    const todo = pending
    pending = []
    for (const p of todo) undelivered(p.id)
  }

  /** Why the chunk is needed: to show the microphone notice, or to call. */
  function loadFailed(my: number) {
    if (my !== gen) return
    set({ explaining: false })
    setState('error', { code: 'load_failed' })
    fail('load_failed')
  }

  async function begin(): Promise<void> {
    const my = ++gen
    set({ explaining: false, error: null })
    setState('requesting-mic')
    let m: VoiceLoaded
    try {
      m = await load()
    } catch {
      return loadFailed(my)
    }
    if (my !== gen || destroyed) return
    await m.call.begin()
  }

  const active = () => ACTIVE.includes(view.get().state)

  return {
    view,
    start(explained) {
      if (destroyed || !config.enableVoice || active()) return Promise.resolve()
      if (!explained && !conversation.prefs.get().micExplained) {
        // The notice is part of the bar, which comes with the chunk (usually already prefetched on hover/focus).
        const my = gen
        set({ explaining: true, error: null })
        return load().then(
          () => undefined,
          () => loadFailed(my),
        )
      }
      return begin().catch(() => undefined)
    },
    confirm() {
      conversation.prefs.set({ ...conversation.prefs.get(), micExplained: true })
      return begin().catch(() => undefined)
    },
    dismiss: () => set({ explaining: false, error: null }),
    async stop() {
      gen++
      set({ explaining: false })
      if (!active()) return
      conversation.prefs.set({ ...conversation.prefs.get(), voice: false })
      await ready?.call.end()
      if (active()) setState('ended')
    },
    active,
    sendText(text) {
      if (!active() || !text.trim()) return false
      const id = conversation.addVoiceMessage(text)
      if (ready && CONNECTED.includes(view.get().state)) ready.call.send(id, text)
      else pending.push({ id, text })
      return true
    },
    prefetch() {
      if (!destroyed && config.enableVoice) load().catch(() => undefined)
    },
    loaded: () => ready,
    destroy() {
      destroyed = true
      gen++
      pending = []
      void ready?.call.end()
    },
  }
}
