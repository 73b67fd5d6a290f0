/**
 * The voice chunk's half of the panel's voice controller (src/core/voice.ts):
 * the session (token, livekit-client, microphone) wired to the panel's state
 * and conversation, typed text over the room, the microphone notice's
 * "Continue", the hidden box for the agent's audio, and the bar with its
 * strings and styles. The panel keeps the state, so it is right before this
 * chunk arrives (its stop, sendText and destroy cover the download; this call
 * replaces them); this side runs the call.
 */
import type { VoiceCall, VoiceHost } from '../contracts'
import { errorInfo } from '../core/errors'
import { uuid } from '../core/ids'
import { fmt } from '../i18n/en'
import { VOICE_EN } from '../i18n/en-voice'
import { VOICE_BAR_CSS, VoiceBar } from './VoiceBar'
import { isConnected } from './machine'
import { voiceMessage } from './messages'
import type { VoiceSession } from './session'
import type { VoiceTranscript } from './transcripts'
import { createLiveSession, type LiveSessionOptions } from './live-session'

const noop = () => undefined

/**
 * A transcript segment into the log: added, or updated in place by segment id
 * (interim updates replace the text; a final one is saved and emitted as `message`).
 */
export function addTranscript({ conversation, env }: VoiceHost, t: VoiceTranscript): void {
  const id = `v-${t.id}`
  const prev = conversation.state.get().messages.find((m) => m.id === id)
  if (!t.text.trim() && !prev) return
  const status = t.role === 'user' ? 'sent' : t.final ? 'done' : 'streaming'
  if (prev && prev.text === t.text && prev.status === status) return
  conversation.upsert({ id, role: t.role, text: t.text, status, at: prev?.at ?? env.clock.now(), via: 'voice' }, t.final)
}

/** Makes the panel's call; `createSession` is for tests (default: the real session). */
export function createVoiceCall(voice: VoiceHost, createSession: (o: LiveSessionOptions) => VoiceSession = createLiveSession): VoiceCall {
  const { config, conversation, env } = voice
  // Unique per tab: two tabs of one conversation never kick each other out of the room.
  const participantName = `visitor-${uuid(env.fillRandom)}`
  let session: VoiceSession | null = null
  /** Where the agent's <audio> elements go: hidden, next to the panel (never inside the rendered tree). */
  let box: HTMLElement | null = null
  /** The last state the session reported (announced once each). */
  let last: string | undefined
  voice.addStyles(VOICE_BAR_CSS)

  // The panel's stop, sendText and destroy only cover the time before this chunk arrived.
  voice.stop = async () => {
    voice.gen++
    voice.set({ explaining: false })
    if (!voice.active()) return
    await call.end()
    if (voice.active()) voice.setState('ended')
  }
  voice.sendText = (text) => {
    if (!voice.active() || !text.trim()) return false
    call.send(conversation.addVoiceMessage(text), text)
    return true
  }
  voice.destroy = () => {
    voice.gen = NaN
    voice.pending = []
    call.destroy()
  }

  const call: VoiceCall = {
    Bar: VoiceBar,
    voice,
    // Read each time: the panel's strings change in place when the locale or strings change live.
    get t() {
      return { ...VOICE_EN, ...voice.t }
    },
    async begin(explain) {
      if (explain) return voice.set({ explaining: true })
      try {
        conversation.prefs.setKey('voice', true)
        if (!box) {
          box = voice.slot.ownerDocument.createElement('div')
          box.hidden = true
          voice.slot.after(box)
        }
        session ??= createSession({
          fetch: env.fetch as typeof fetch,
          apiUrl: config.apiUrl,
          tokenPath: config.tokenPath,
          // The deployed token route's CORS refuses X-API-Key: sent only when configured to.
          apiKey: config.tokenApiKey ? config.apiKey : undefined,
          roomName: `talkdock-${conversation.sessionId()}`,
          participantName,
          audioContainer: box,
          doc: env.doc,
          mediaDevices: env.mediaDevices,
          clock: env.clock,
          pushToTalk: !!config.voice.pushToTalk,
          agentTimeoutMs: config.voice.agentTimeoutMs,
          onState: (state, d) => {
            const message = d.code && voiceMessage(d.code)
            voice.set({ muted: d.muted, audioBlocked: d.audioBlocked })
            voice.setState(state, message ? { code: d.code, message } : {})
            // The state in words, through the panel's polite live region (a failure: why).
            if (state !== last) {
              const said = (call.t as Record<string, string | undefined>)[`v_${state}`]
              voice.announce(message || (said ? fmt(said, { name: config.botName }) : ''))
            }
            last = state
            // Text typed while connecting goes now.
            if (isConnected(state)) for (const p of voice.pending.splice(0)) call.send(p.id, p.text)
          },
          onTranscript: (t) => addTranscript(voice, t),
          onError: (e) => {
            const error = errorInfo(`voice_${e.code}`, { message: e.message })
            voice.set({ error })
            voice.emit('error', error)
          },
        })
        await session.start()
      } catch {
        // The session reports its own failures as states.
      }
    },
    confirm() {
      conversation.prefs.setKey('micExplained', true)
      return voice.start(true)
    },
    async end() {
      conversation.prefs.setKey('voice', false)
      await session?.end().catch(noop)
    },
    send(id, text) {
      if (!session || !isConnected(voice.view.get().state)) return void voice.pending.push({ id, text })
      session.sendText(text).then(
        (sent) => sent || voice.undelivered(id),
        () => voice.undelivered(id),
      )
    },
    setMuted: (muted) => void session?.setMuted(muted).catch(noop),
    press: () => void session?.pressToTalk().catch(noop),
    release: () => void session?.releaseToTalk().catch(noop),
    startAudio: () => void session?.startAudio().catch(noop),
    destroy() {
      void call.end()
      box?.remove()
    },
  }
  return call
}
