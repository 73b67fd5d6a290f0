/**
 * A voice session: microphone → token → LiveKit room → agent. It owns the
 * room, the microphone track and the agent's audio elements, reports state,
 * transcripts and errors through callbacks, and never lets a promise reject
 * unhandled. State transitions come from the pure machine in machine.ts.
 *
 * The microphone is requested first (on the visitor's click), so nobody who
 * declines gets a token minted or an agent dispatched.
 */
import { VoiceErrorCode } from '../core/voice-codes'
import { classifyMicError, connectErrorCode, disconnectCode } from './classify'
import { ParticipantKind, RoomEvent, Track } from './livekit'
import { INITIAL, type VoiceEvent, type VoiceSnapshot, type VoiceState, isConnected, reduce } from './machine'
import { voiceMessage } from './messages'
import { namedError } from './microphone'
import type { VoiceCredentials } from './token'
import { TranscriptBook, type TranscriptRole, type TranscriptSource, type VoiceTranscript } from './transcripts'
import type {
  VoiceParticipant,
  VoiceRemoteTrack,
  VoiceRoom,
  VoiceTextStreamHandler,
  VoiceTextStreamReader,
  VoiceTranscriptionSegment,
} from './types'

export const TRANSCRIPTION_TOPIC = 'lk.transcription'
export const CHAT_TOPIC = 'lk.chat'
export const AGENT_STATE_ATTRIBUTE = 'lk.agent.state'
export const DEFAULT_AGENT_TIMEOUT_MS = 20_000

export interface VoiceClock {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
}

/** Extra facts reported with every state callback. */
export interface VoiceStateDetail {
  /** Why the session ended or failed (only in `ended` / `error`). */
  code?: VoiceErrorCode
  /** The browser blocked audio playback: show "Tap to enable audio" and call `startAudio()` on tap. */
  audioBlocked: boolean
  muted: boolean
}

export interface VoiceErrorInfo {
  code: VoiceErrorCode
  /** A sentence for the visitor (messages.ts). */
  message: string
  /** The underlying error, for logs. */
  cause?: unknown
}

export interface VoiceSessionDeps {
  /** Makes the room (livekit.ts `createLiveKitRoom` in production, a fake in tests). */
  createRoom: () => VoiceRoom
  /** Gets LiveKit credentials (token.ts `fetchVoiceToken`). Rejections become token_failed. */
  fetchToken: () => Promise<VoiceCredentials>
  /** Acquires the microphone track (microphone.ts `getMicrophone` in production). */
  getMicrophone: () => Promise<MediaStreamTrack>
  /** False when the page forbids the microphone (microphone.ts `micAllowedByPolicy`). */
  micAllowedByPolicy: () => boolean
  /** Timers for the agent timeout (the widget passes its environment's clock). */
  clock: VoiceClock
  /** Where the agent's <audio> elements are appended. Default: none appended (still attached). */
  audioContainer?: HTMLElement | null
  /** No agent ready within this many ms after connecting → agent_timeout. Default 20 000. */
  agentTimeoutMs?: number
  /** Start with the microphone muted (push-to-talk: `pressToTalk` / `releaseToTalk`). */
  pushToTalk?: boolean
  onState(state: VoiceState, detail: VoiceStateDetail): void
  onTranscript(transcript: VoiceTranscript): void
  onError(error: VoiceErrorInfo): void
}

export interface VoiceSession {
  readonly state: VoiceState
  readonly muted: boolean
  readonly audioBlocked: boolean
  /** Starts (or restarts after ended/error). Resolves when the attempt settles; never rejects. */
  start(): Promise<void>
  /** Ends the session: disconnects, stops the microphone, removes audio elements. */
  end(): Promise<void>
  /** Sends a typed message to the agent on `lk.chat`. False when not connected or it failed. */
  sendText(text: string): Promise<boolean>
  setMuted(muted: boolean): Promise<void>
  /** Push-to-talk: unmute while held. */
  pressToTalk(): Promise<void>
  releaseToTalk(): Promise<void>
  /** Unblocks audio playback; call from a user gesture when `audioBlocked`. */
  startAudio(): Promise<void>
}

type Listener = (...args: any[]) => void

const isAgent = (p: VoiceParticipant | undefined): p is VoiceParticipant => p?.kind === ParticipantKind.AGENT

/** Calls a consumer callback without letting its exceptions break the session. */
function safely(fn: () => void): void {
  try {
    fn()
  } catch (e) {
    console.error('[TalkDock voice] callback failed', e)
  }
}

export function createVoiceSession(deps: VoiceSessionDeps): VoiceSession {
  const clock = deps.clock
  const agentTimeoutMs = deps.agentTimeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS

  let snap: VoiceSnapshot = INITIAL
  /** Bumped by every start and teardown; async steps of an older run stop when it changed. */
  let run = 0
  let room: VoiceRoom | undefined
  let mic: MediaStreamTrack | undefined
  let micPublished = false
  let localTrackSid: string | undefined
  let agentIdentity: string | undefined
  let agentTimer: unknown
  let muted = !!deps.pushToTalk
  let audioBlocked = false
  let book = new TranscriptBook()
  const attached = new Map<VoiceRemoteTrack, HTMLMediaElement>()
  let listeners: Array<[string, Listener]> = []
  let teardownDone: Promise<void> = Promise.resolve()

  const report = () => safely(() => deps.onState(snap.state, { code: snap.code, audioBlocked, muted }))

  function dispatch(event: VoiceEvent, cause?: unknown): boolean {
    const prev = snap
    const next = reduce(prev, event)
    if (next === prev) return false
    snap = next
    if (next.state === 'waiting-for-agent' && prev.state !== 'waiting-for-agent') startAgentTimer()
    if (next.state !== 'waiting-for-agent') stopAgentTimer()
    if (next.state === 'ended' || next.state === 'error') teardownDone = teardown()
    report()
    const code = next.code
    if (code && code !== prev.code) safely(() => deps.onError({ code, message: voiceMessage(code), cause }))
    return true
  }

  function startAgentTimer() {
    stopAgentTimer()
    agentTimer = clock.setTimeout(() => {
      agentTimer = undefined
      dispatch({ type: 'agent-timeout' })
    }, agentTimeoutMs)
  }

  function stopAgentTimer() {
    if (agentTimer !== undefined) clock.clearTimeout(agentTimer)
    agentTimer = undefined
  }

  /** Releases everything the session holds. Idempotent. */
  async function teardown(): Promise<void> {
    run++
    stopAgentTimer()
    for (const [track, el] of attached) {
      try {
        track.detach()
      } catch {
        // already detached
      }
      el.remove()
    }
    attached.clear()
    const r = room
    room = undefined
    agentIdentity = undefined
    micPublished = false
    localTrackSid = undefined
    if (r) {
      for (const [event, fn] of listeners) r.off(event, fn)
      listeners = []
      try {
        r.unregisterTextStreamHandler(TRANSCRIPTION_TOPIC)
      } catch {
        // not registered
      }
    }
    mic?.stop()
    mic = undefined
    if (r) await r.disconnect(true).catch(() => undefined)
  }

  // ---- agent ----

  function noteParticipant(p: VoiceParticipant) {
    if (!isAgent(p)) return
    agentIdentity = p.identity
    dispatch({ type: 'agent-state', state: p.attributes[AGENT_STATE_ATTRIBUTE] ?? '' })
  }

  function scanParticipants(r: VoiceRoom) {
    for (const p of r.remoteParticipants.values()) noteParticipant(p)
  }

  // ---- transcripts ----

  function roleOf(identity: string, transcribedTrack?: string): TranscriptRole | undefined {
    const r = room
    if (!r) return undefined
    if (identity === r.localParticipant.identity) return 'user'
    if (identity === agentIdentity || isAgent(r.remoteParticipants.get(identity))) {
      return transcribedTrack && transcribedTrack === localTrackSid ? 'user' : 'assistant'
    }
    return undefined
  }

  function emitTranscript(source: TranscriptSource, t: VoiceTranscript) {
    if (book.accept(source, t)) safely(() => deps.onTranscript(t))
  }

  async function readTranscript(reader: VoiceTextStreamReader, identity: string, myRun: number) {
    const attrs = reader.info.attributes ?? {}
    const role = roleOf(identity, attrs['lk.transcribed_track_id'])
    const id = attrs['lk.segment_id'] ?? reader.info.id
    let text = ''
    try {
      for await (const chunk of reader) {
        if (myRun !== run || !role) continue // keep draining so the stream is released
        text += chunk
        emitTranscript('stream', { id, role, text, final: false })
      }
    } catch {
      return // the stream was cut (e.g. disconnect)
    }
    if (myRun !== run || !role) return
    const final = (reader.info.attributes ?? {})['lk.transcription_final'] === 'true'
    emitTranscript('stream', { id, role, text, final })
  }

  function onLegacyTranscription(segments: VoiceTranscriptionSegment[], participant?: { identity: string }) {
    const identity = participant?.identity
    if (!identity) return
    const role = roleOf(identity)
    if (!role) return
    for (const s of segments) emitTranscript('legacy', { id: s.id, role, text: s.text, final: s.final })
  }

  // ---- room wiring (all before connect) ----

  function wire(r: VoiceRoom, myRun: number) {
    const on = (event: string, fn: Listener) => {
      const guarded: Listener = (...args) => {
        if (myRun === run) fn(...args)
      }
      listeners.push([event, guarded])
      r.on(event, guarded)
    }
    on(RoomEvent.Disconnected, (reason?: number) => dispatch({ type: 'disconnected', code: disconnectCode(reason) }))
    on(RoomEvent.Reconnecting, () => dispatch({ type: 'reconnecting' }))
    on(RoomEvent.Reconnected, () => {
      dispatch({ type: 'reconnected' })
      scanParticipants(r)
    })
    on(RoomEvent.ParticipantConnected, (p: VoiceParticipant) => noteParticipant(p))
    on(RoomEvent.ParticipantAttributesChanged, (_changed: Record<string, string>, p: VoiceParticipant) => {
      if (isAgent(p)) noteParticipant(p)
    })
    on(RoomEvent.ParticipantDisconnected, (p: VoiceParticipant) => {
      if (p.identity !== agentIdentity) return
      agentIdentity = undefined
      dispatch({ type: 'agent-left' })
    })
    on(RoomEvent.TrackSubscribed, (track: VoiceRemoteTrack, _pub: unknown, p: VoiceParticipant) => {
      if (track.kind !== Track.Kind.Audio || !isAgent(p) || attached.has(track)) return
      const el = track.attach()
      deps.audioContainer?.appendChild(el)
      attached.set(track, el)
    })
    on(RoomEvent.TrackUnsubscribed, (track: VoiceRemoteTrack) => {
      const el = attached.get(track)
      if (!el) return
      attached.delete(track)
      track.detach()
      el.remove()
    })
    on(RoomEvent.AudioPlaybackStatusChanged, () => updateAudioBlocked())
    on(RoomEvent.TranscriptionReceived, onLegacyTranscription)
    const handler: VoiceTextStreamHandler = (reader, sender) => {
      readTranscript(reader, sender.identity, myRun).catch(() => undefined)
    }
    r.registerTextStreamHandler(TRANSCRIPTION_TOPIC, handler)
  }

  function updateAudioBlocked() {
    const blocked = room ? !room.canPlaybackAudio : false
    if (blocked === audioBlocked) return
    audioBlocked = blocked
    report()
  }

  // ---- public ----

  async function start(): Promise<void> {
    await teardownDone
    if (!dispatch({ type: 'start' })) return
    const myRun = ++run
    const alive = () => myRun === run
    book = new TranscriptBook()
    muted = !!deps.pushToTalk
    audioBlocked = false
    try {
      // 1. microphone
      let track: MediaStreamTrack
      try {
        if (!deps.micAllowedByPolicy()) {
          throw namedError('SecurityError', 'Permissions-Policy does not allow the microphone')
        }
        track = await deps.getMicrophone()
      } catch (e) {
        if (alive()) dispatch({ type: 'mic-error', kind: classifyMicError(e) }, e)
        return
      }
      if (!alive()) {
        track.stop()
        return
      }
      mic = track
      track.enabled = !muted
      dispatch({ type: 'mic-granted' })

      // 2. token
      let creds: VoiceCredentials
      try {
        creds = await deps.fetchToken()
      } catch (e) {
        if (alive()) dispatch({ type: 'token-error' }, e)
        return
      }
      if (!alive()) return
      dispatch({ type: 'token-ok' })

      // 3. room: every handler is registered before connect()
      const r = deps.createRoom()
      room = r
      wire(r, myRun)
      try {
        await r.connect(creds.url, creds.token)
      } catch (e) {
        if (alive()) dispatch({ type: 'connect-error', code: connectErrorCode(e) }, e)
        return
      }
      if (!alive()) return
      dispatch({ type: 'connected' })
      scanParticipants(r)

      // 4. publish the microphone
      try {
        const pub = await r.localParticipant.publishTrack(track, { source: Track.Source.Microphone })
        localTrackSid = (pub as { trackSid?: string } | undefined)?.trackSid
      } catch (e) {
        if (alive()) dispatch({ type: 'fail', code: VoiceErrorCode.Unknown }, e)
        return
      }
      if (!alive()) return
      micPublished = true
      if (muted) await r.localParticipant.setMicrophoneEnabled(false).catch(() => undefined)

      // 5. audio playback (may stay blocked until a user gesture)
      await startAudio()
    } catch (e) {
      if (alive()) dispatch({ type: 'fail', code: VoiceErrorCode.Unknown }, e)
    }
  }

  async function startAudio(): Promise<void> {
    const r = room
    if (!r) return
    await r.startAudio().catch(() => undefined)
    updateAudioBlocked()
  }

  async function setMuted(next: boolean): Promise<void> {
    if (next === muted) return
    muted = next
    if (mic) mic.enabled = !next
    report()
    const r = room
    if (r && micPublished) await r.localParticipant.setMicrophoneEnabled(!next).catch(() => undefined)
  }

  return {
    get state() {
      return snap.state
    },
    get muted() {
      return muted
    },
    get audioBlocked() {
      return audioBlocked
    },
    start,
    async end() {
      dispatch({ type: 'end' })
      await teardownDone
    },
    async sendText(text: string) {
      const r = room
      if (!r || !isConnected(snap.state) || text.trim() === '') return false
      try {
        await r.localParticipant.sendText(text, { topic: CHAT_TOPIC })
        return true
      } catch {
        return false
      }
    },
    setMuted,
    pressToTalk: () => setMuted(false),
    releaseToTalk: () => setMuted(true),
    startAudio,
  }
}
