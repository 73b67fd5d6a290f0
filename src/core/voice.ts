/**
 * The panel's side of voice: only what must work before the lazily loaded voice
 * chunk arrives (src/voice, with livekit-client). No DOM and no Preact; small on
 * purpose, because it ships in the panel chunk. The chunk's call
 * (src/voice/controller.ts) does the rest with this object: the session and its
 * states, typed text over the room, the microphone notice's "Continue", the bar.
 *
 * - The state lives here, so it is right before the chunk arrives: a start says
 *   `requesting-mic` at once (the call is active: typed text waits for the room,
 *   Escape does not close), and a chunk that fails to load is a `load_failed`.
 * - Text typed during a call goes to the agent over the room (never POSTed);
 *   typed before the room is connected, it waits in `pending`, and is marked
 *   undelivered if the call ends first.
 * - Every state change is a `voicestate` event; failures are also `error` events
 *   with code `voice_<code>`, and stay on screen until the next start. The chunk
 *   announces the states it reports (its strings say them).
 */
import { atom, type ReadableAtom } from '../stores/atom'
import type { VoiceStateName } from '../api'
import type { PanelContext, WidgetEnv } from '../loader/env'
import type { VoiceCall } from '../voice/controller'
import type { Texts } from '../widget/context'
import type { ResolvedConfig } from './config'
import type { Conversation } from './conversation'
import { errorInfo, type ErrorCode, type TalkDockErrorInfo } from './errors'

/** The call as the panel and the bar show it (the flags start unset, the chunk's session sets them). */
export interface VoiceView {
  state: VoiceStateName
  muted?: boolean
  /** The browser blocked playback: show "Tap to enable audio". */
  audioBlocked?: boolean
  /** The last failure (or why the server ended the call), until the next start or dismiss. */
  error?: TalkDockErrorInfo | null
  /** The first-time "why the microphone" notice is showing. */
  explaining?: boolean
}

export interface VoiceControllerDeps {
  config: ResolvedConfig
  conversation: Conversation
  /** `loadVoice` (the chunk), and for the chunk: fetch, clock, doc, mediaDevices, fillRandom. */
  env: WidgetEnv
  /** The panel's element: the chunk puts the agent's <audio> elements in a hidden box after it. */
  slot: HTMLElement
  /** The panel's strings; the chunk reads them over the English ones it carries (src/i18n/en-voice.ts). */
  t: Texts
  /** Adds the voice bar's styles (they come with the chunk). */
  addStyles(css: string): void
  /** Says the call's states through the panel's live region (the chunk does, with its strings). */
  announce(text: string): void
  /** The widget's events: `voicestate` and `error`. */
  emit: PanelContext['emit']
}

export interface VoiceController {
  readonly view: ReadableAtom<VoiceView>
  /**
   * Starts a call. The first time (unless `explained`), shows why the microphone is
   * needed (the chunk's bar; its "Continue" starts with `explained`). Resolves when
   * the attempt settled; never rejects.
   */
  start(explained?: boolean): Promise<void>
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
  /** The chunk's call (with its bar), once it loaded (null before). */
  loaded(): VoiceCall | null
  destroy(): void
}

/** The controller as the voice chunk's call sees it: its dependencies and its state. */
export interface VoiceHost extends VoiceController, VoiceControllerDeps {
  set(patch: Partial<VoiceView>): void
  setState(state: VoiceStateName, extra?: { code?: string; message?: string }): void
  fail(code: ErrorCode, message?: string): void
  /** Marks typed text (logged as `id`) as not delivered to the agent. */
  undelivered(id: string): void
  /** Typed while the room is not connected: the call sends them once it is. */
  pending: Array<{ id: string; text: string }>
}

const INACTIVE: VoiceStateName[] = ['idle', 'ended', 'error']

export function createVoiceController(deps: VoiceControllerDeps): VoiceController {
  const { config, conversation } = deps
  const view = atom<VoiceView>({ state: 'idle' })
  const set = (patch: Partial<VoiceView>) => view.set({ ...view.get(), ...patch })
  const active = () => !INACTIVE.includes(view.get().state)
  let mod: Promise<VoiceCall> | null = null
  let ready: VoiceCall | null = null
  /** Bumped by start/stop/destroy: a start still waiting for the chunk gives up. */
  let gen = 0
  let destroyed = false

  function load(): Promise<VoiceCall> {
    if (!mod) {
      // Without loadVoice (a custom env), the call throws and the start is a load_failed.
      mod = Promise.resolve()
        .then(() => deps.env.loadVoice!())
        .then((m) => {
          ready ||= m.createVoiceCall(host)
          // The bar can show now.
          set({})
          return ready
        })
      mod.catch(() => (mod = null))
    }
    return mod
  }

  const host: VoiceHost = {
    ...deps,
    view,
    set,
    setState(state, extra = {}) {
      if (view.get().state === state && !extra.code) return
      set({ state })
      deps.emit('voicestate', { state, ...extra })
      if (!active()) for (const p of host.pending.splice(0)) host.undelivered(p.id)
    },
    fail(code, message) {
      const error = errorInfo(code, { message })
      set({ error })
      deps.emit('error', error)
    },
    undelivered(id) {
      conversation.failVoiceMessage(id, errorInfo('voice_send_failed', { message: 'Not delivered to the voice assistant. Press Retry to send it as a chat message.' }))
    },
    pending: [],
    start(explained) {
      if (destroyed || !config.enableVoice || active()) return Promise.resolve()
      // The notice is part of the bar, which comes with the chunk (usually already prefetched on hover/focus).
      const explain = !explained && !conversation.prefs.get().micExplained
      const my = ++gen
      set({ explaining: explain, error: null })
      if (!explain) host.setState('requesting-mic')
      return load().then(
        (call) => {
          if (my === gen && !explain) return call.begin()
        },
        () => {
          if (my !== gen) return
          set({ explaining: false })
          host.setState('error', { code: 'load_failed' })
          host.fail('load_failed')
        },
      )
    },
    dismiss: () => set({ explaining: false, error: null }),
    async stop() {
      gen++
      set({ explaining: false })
      if (!active()) return
      await ready?.end()
      if (active()) host.setState('ended')
    },
    active,
    sendText(text) {
      if (!active() || !text.trim()) return false
      const id = conversation.addVoiceMessage(text)
      if (ready) ready.send(id, text)
      else host.pending.push({ id, text })
      return true
    },
    prefetch() {
      if (!destroyed && config.enableVoice) load().catch(() => undefined)
    },
    loaded: () => ready,
    destroy() {
      destroyed = true
      gen++
      host.pending = []
      ready?.destroy()
    },
  }
  return host
}
