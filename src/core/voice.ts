/**
 * The panel's voice controller: what the voice button and bar show, and the
 * glue between the lazily loaded voice chunk (src/voice, with livekit-client)
 * and the conversation. No DOM and no Preact; it is small on purpose, because
 * it ships in the panel chunk: the session, its messages and livekit-client
 * arrive with the voice chunk on the first start.
 *
 * - Transcripts go into the conversation log (upserted by segment id).
 * - Text typed during a call goes to the agent over the room (never POSTed).
 * - Every state change is a `voicestate` event; failures are also `error` events
 *   with code `voice_<code>`, and stay on screen until the next start.
 */
import { atom, type ReadableAtom } from 'nanostores'
import type { VoiceStateEvent, VoiceStateName } from '../api'
import type { VoiceModule } from '../loader/env'
import type { VoiceSession } from '../voice/session'
import type { ResolvedConfig } from './config'
import type { Conversation } from './conversation'
import { errorInfo, type TalkDockErrorInfo } from './errors'
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
  emitState(e: VoiceStateEvent): void
  emitError(e: TalkDockErrorInfo): void
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
  setMuted(muted: boolean): void
  press(): void
  release(): void
  /** "Tap to enable audio": must run inside the click. */
  startAudio(): void
  /** Starts downloading the voice chunk (hover or focus on "Start voice"). */
  prefetch(): void
  destroy(): void
}

const CONNECTED: VoiceStateName[] = ['waiting-for-agent', 'listening', 'thinking', 'speaking']
const ACTIVE: VoiceStateName[] = ['requesting-mic', 'connecting', 'reconnecting', ...CONNECTED]

export function createVoiceController(deps: VoiceControllerDeps): VoiceController {
  const { config, conversation } = deps
  const view = atom<VoiceView>({ state: 'idle', muted: false, audioBlocked: false, error: null, explaining: false })
  const set = (patch: Partial<VoiceView>) => view.set({ ...view.get(), ...patch })
  let mod: Promise<VoiceModule> | null = null
  let session: VoiceSession | null = null
  /** Bumped by stop/destroy: a start still waiting for the chunk gives up. */
  let gen = 0
  let destroyed = false
  /** Typed while connecting: sent once the room is connected. */
  let pending: Array<{ id: string; text: string }> = []

  function load(): Promise<VoiceModule> {
    if (!mod) {
      mod = deps.load()
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

  function fail(error: TalkDockErrorInfo) {
    set({ error })
    deps.emitError(error)
  }

  function flush() {
    const s = session
    const todo = pending
    pending = []
    for (const p of todo) deliver(s, p.id, p.text)
  }

  function deliver(s: VoiceSession | null, id: string, text: string) {
    const ok = s ? s.sendText(text) : Promise.resolve(false)
    ok.then(
      (sent) => sent || undelivered(id),
      () => undelivered(id),
    )
  }

  function undelivered(id: string) {
    conversation.failVoiceMessage(id, errorInfo('voice_send_failed', { message: 'Not delivered to the voice assistant. Press Retry to send it as a chat message.' }))
  }

  function failPending() {
    const todo = pending
    pending = []
    for (const p of todo) undelivered(p.id)
  }

  async function begin(): Promise<void> {
    const my = ++gen
    set({ explaining: false, error: null })
    setState('requesting-mic')
    let m: VoiceModule
    try {
      m = await load()
    } catch {
      if (my !== gen) return
      setState('error', { code: 'load_failed' })
      return fail(errorInfo('load_failed'))
    }
    if (my !== gen || destroyed) return
    conversation.prefs.set({ ...conversation.prefs.get(), voice: true })
    session ??= m.createWidgetVoice({
      fetch: deps.fetch as typeof fetch,
      apiUrl: config.apiUrl,
      tokenPath: config.tokenPath,
      apiKey: config.apiKey,
      roomName: `talkdock-${conversation.sessionId()}`,
      participantName: deps.participantName,
      audioContainer: deps.audioContainer,
      doc: deps.doc,
      mediaDevices: deps.mediaDevices,
      pushToTalk: !!config.voice.pushToTalk,
      agentTimeoutMs: config.voice.agentTimeoutMs,
      onState: (state, d) => {
        set({ muted: d.muted, audioBlocked: d.audioBlocked })
        setState(state, d.code ? { code: d.code, message: m.voiceMessage(d.code) } : {})
      },
      onTranscript: (t) => conversation.addTranscript(t),
      onError: (e) => fail(errorInfo(`voice_${e.code}`, { message: e.message })),
    })
    await session.start()
  }

  const active = () => ACTIVE.includes(view.get().state)

  return {
    view,
    start(explained) {
      if (destroyed || !config.enableVoice || active()) return Promise.resolve()
      if (!explained && !conversation.prefs.get().micExplained) {
        set({ explaining: true, error: null })
        return Promise.resolve()
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
      if (session) await session.end().catch(() => undefined)
      if (active()) setState('ended')
    },
    active,
    sendText(text) {
      if (!active() || !text.trim()) return false
      const id = conversation.addVoiceMessage(text)
      if (CONNECTED.includes(view.get().state)) deliver(session, id, text)
      else pending.push({ id, text })
      return true
    },
    setMuted: (muted) => void session?.setMuted(muted),
    press: () => void session?.pressToTalk(),
    release: () => void session?.releaseToTalk(),
    startAudio: () => void session?.startAudio(),
    prefetch() {
      if (!destroyed && config.enableVoice) load().catch(() => undefined)
    },
    destroy() {
      destroyed = true
      gen++
      pending = []
      void session?.end().catch(() => undefined)
    },
  }
}
