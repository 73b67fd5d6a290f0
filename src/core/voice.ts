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
import { createVoiceViewStore } from '../stores/voice-view'
import type { VoiceStateName } from '../api'
import type { VoiceController, VoiceControllerDeps, VoiceHost } from '../contracts'
import { errorInfo } from './errors'

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
