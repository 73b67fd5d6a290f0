/**
 * The panel's side of voice: only the state that must be right before the lazily
 * loaded voice chunk arrives (src/voice, with livekit-client). No DOM and no
 * Preact; small on purpose, because it ships in the panel chunk. Everything else
 * comes with the chunk's call (src/voice/controller.ts): the first-time
 * microphone notice, the session and its states, typed text over the room once
 * the chunk is here, the voice bar. (Failures show in the panel's VoiceSlot,
 * src/widget/VoiceButton.tsx, so a chunk that did not load is explained too.)
 *
 * What lives here, because it must hold while the chunk downloads:
 * - a start says `requesting-mic` at once (the call is active: typed text goes to
 *   the room, Escape does not close); a chunk that fails to load is a `load_failed`;
 * - text typed before the call can send waits in `pending` (already in the log),
 *   and is marked undelivered if the call ends first;
 * - every state change is a `voicestate` event.
 */
import type { ReadableAtom } from 'nanostores'
import { createVoiceViewStore, type VoiceView } from '../stores/voice-view'
import type { VoiceStateName } from '../api'
import type { PanelContext, WidgetEnv } from '../loader/env'
import type { VoiceCall } from '../voice/controller'
import type { Texts } from '../widget/context'
import type { ResolvedConfig } from './config'
import type { Conversation } from './conversation'
import { errorInfo } from './errors'

export type { VoiceView }

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
   * Starts a call; the first time (unless `explained`), the chunk's bar first
   * explains why the microphone is needed. Resolves when the attempt settled; never rejects.
   */
  start(explained?: boolean): Promise<void>
  /** Hides the microphone notice ("Not now") or the failure (Dismiss). */
  dismiss(): void
  /** Ends the call; resolves when the room, microphone and audio elements are released. */
  stop(): Promise<void>
  /** True from the start until the call ended or failed (typed text then goes to the agent). */
  active(): boolean
  /** Sends typed text to the agent over the room and logs it; false when no call is active. */
  sendText(text: string): boolean
  /** Starts downloading the voice chunk (hover or focus on "Start voice"). */
  prefetch(): void
  /** The chunk's call (with its bar), once it loaded. */
  call?: VoiceCall
  destroy(): void
}

/** The controller as the voice chunk's call sees it: its dependencies and its state. */
export interface VoiceHost extends VoiceController, VoiceControllerDeps {
  set(patch: Partial<VoiceView>): void
  /** Sets the state and emits `voicestate`; an inactive one marks what still waits in `pending` undelivered. */
  setState(state: VoiceStateName, extra?: { code?: string; message?: string }): void
  /** Marks typed text (logged as `id`) as not delivered to the agent. */
  undelivered(id: string): void
  /** Typed while the room is not connected: the call sends them once it is. */
  pending: Array<{ id: string; text: string }>
  /** Bumped by start, stop and destroy: a start still waiting for the chunk gives up. */
  gen: number
}

const INACTIVE: VoiceStateName[] = ['idle', 'ended', 'error']

export function createVoiceController(deps: VoiceControllerDeps): VoiceController {
  const { config, conversation } = deps
  const view = createVoiceViewStore()
  // The loader loads a chunk once (and forgets a failure, so the next start tries again).
  // Without loadVoice (a custom env), the call throws and the start is a load_failed.
  const load = () =>
    Promise.resolve()
      .then(() => deps.env.loadVoice!())
      .then((m) => (v.call ||= m.createVoiceCall(v)))

  // stop, sendText and destroy are the chunk's once it arrived (src/voice/controller.ts): the ones here run before.
  const v: VoiceHost = {
    ...deps,
    view,
    gen: 0,
    pending: [],
    set: (patch) => view.set({ ...view.get(), ...patch }),
    active: () => !INACTIVE.includes(view.get().state),
    setState(state, extra = {}) {
      if (view.get().state === state && !extra.code) return
      v.set({ state })
      deps.emit('voicestate', { state, ...extra })
      if (!v.active()) for (const p of v.pending.splice(0)) v.undelivered(p.id)
    },
    undelivered(id) {
      conversation.failVoiceMessage(id, errorInfo('voice_send_failed', { message: 'Not delivered to the voice assistant. Press Retry to send it as a chat message.' }))
    },
    start(explained) {
      if (!config.enableVoice || v.active()) return Promise.resolve()
      // The notice is the chunk's bar (usually prefetched on hover/focus already): until it shows, the call is not active.
      const explain = !explained && !conversation.prefs.get().micExplained
      const my = ++v.gen
      v.dismiss()
      if (!explain) v.setState('requesting-mic')
      return load().then(
        (call) => {
          if (my === v.gen) return call.begin(explain)
        },
        () => {
          if (my !== v.gen) return
          const error = errorInfo('load_failed')
          v.set({ error })
          v.setState('error', { code: 'load_failed' })
          deps.emit('error', error)
        },
      )
    },
    dismiss: () => v.set({ explaining: false, error: null }),
    async stop() {
      v.gen++
      if (v.active()) v.setState('ended')
    },
    sendText(text) {
      if (!v.active() || !text.trim()) return false
      v.pending.push({ id: conversation.addVoiceMessage(text), text })
      return true
    },
    prefetch() {
      if (config.enableVoice) load().catch(() => undefined)
    },
    destroy() {
      // NaN never equals itself: a start still waiting for the chunk begins nothing.
      v.gen = NaN
    },
  }
  return v
}
