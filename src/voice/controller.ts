/**
 * The voice chunk's half of the panel's voice controller (src/core/voice.ts):
 * the session (token, livekit-client, microphone) wired to the panel's state
 * and conversation. The panel keeps the state, so it is right before this
 * chunk arrives; this side only runs the call.
 */
import type { ResolvedConfig } from '../core/config'
import type { Conversation } from '../core/conversation'
import type { FetchLike } from '../core/transport'
import type { VoiceHost } from '../core/voice'
import { voiceMessage } from './messages'
import type { VoiceSession, VoiceSessionDeps } from './session'
import { createWidgetVoice, type WidgetVoiceOptions } from './widget'

export interface VoiceCallDeps {
  config: ResolvedConfig
  conversation: Conversation
  fetch: FetchLike
  participantName: string
  audioContainer: HTMLElement | null
  doc?: Document
  mediaDevices?: MediaDevices
  /** Timers (the agent timeout), from the widget's environment. */
  clock: VoiceSessionDeps['clock']
  /** The panel's controller: state, failures, undelivered text. */
  host: VoiceHost
  /** Makes the session (tests pass a fake). Default: the real one. */
  createSession?: (o: WidgetVoiceOptions) => VoiceSession
}

export interface VoiceCall {
  /** Starts (or restarts) the session; the panel already said `requesting-mic`. Never rejects. */
  begin(): Promise<void>
  /** Ends the session, if any; never rejects. */
  end(): Promise<void>
  /** Sends text (already in the log as `id`) to the agent; a failure marks the message undelivered. */
  send(id: string, text: string): void
  setMuted(muted: boolean): void
  press(): void
  release(): void
  /** "Tap to enable audio": must run inside the click. */
  startAudio(): void
}

export function createVoiceCall(deps: VoiceCallDeps): VoiceCall {
  const { config, conversation, host } = deps
  let session: VoiceSession | null = null
  return {
    async begin() {
      conversation.prefs.set({ ...conversation.prefs.get(), voice: true })
      session ??= (deps.createSession ?? createWidgetVoice)({
        fetch: deps.fetch as typeof fetch,
        apiUrl: config.apiUrl,
        tokenPath: config.tokenPath,
        apiKey: config.apiKey,
        roomName: `talkdock-${conversation.sessionId()}`,
        participantName: deps.participantName,
        audioContainer: deps.audioContainer,
        doc: deps.doc,
        mediaDevices: deps.mediaDevices,
        clock: deps.clock,
        pushToTalk: !!config.voice.pushToTalk,
        agentTimeoutMs: config.voice.agentTimeoutMs,
        onState: (state, d) => {
          host.set({ muted: d.muted, audioBlocked: d.audioBlocked })
          host.setState(state, d.code ? { code: d.code, message: voiceMessage(d.code) } : {})
        },
        onTranscript: (t) => conversation.addTranscript(t),
        onError: (e) => host.fail(`voice_${e.code}`, e.message),
      })
      await session.start().catch(() => undefined)
    },
    end: async () => void (await session?.end().catch(() => undefined)),
    send(id, text) {
      const ok = session ? session.sendText(text) : Promise.resolve(false)
      ok.then(
        (sent) => sent || host.undelivered(id),
        () => host.undelivered(id),
      )
    },
    setMuted: (muted) => void session?.setMuted(muted),
    press: () => void session?.pressToTalk(),
    release: () => void session?.releaseToTalk(),
    startAudio: () => void session?.startAudio(),
  }
}
