/**
 * The live voice session: one call that wires the session (./session.ts) to
 * the token endpoint, livekit-client and the page's microphone. The panel's
 * controller (src/core/voice.ts) loads the chunk, whose call (./controller.ts)
 * calls this; every outside service arrives as an argument (no window globals here).
 */
import { createLiveKitRoom } from './livekit'
import { getMicrophone, micAllowedByPolicy } from './microphone'
import { type VoiceSession, type VoiceSessionDeps, createVoiceSession } from './session'
import { fetchVoiceToken } from './token'

export interface LiveSessionOptions extends Pick<VoiceSessionDeps, 'onState' | 'onTranscript' | 'onError' | 'agentTimeoutMs' | 'pushToTalk' | 'audioContainer' | 'clock'> {
  fetch: typeof globalThis.fetch
  /** Backend base URL and token path (`apiUrl` + `tokenPath` from the config). */
  apiUrl: string
  tokenPath: string
  apiKey?: string
  /** Derived from the conversation's session id, so a call belongs to its conversation. */
  roomName: string
  /** Unique per tab, so two tabs of one conversation never replace each other in the room. */
  participantName: string
  /** The page's document (Permissions-Policy check) and media devices (microphone). */
  doc?: Document
  mediaDevices?: MediaDevices
}

export function createLiveSession(o: LiveSessionOptions): VoiceSession {
  return createVoiceSession({
    createRoom: createLiveKitRoom,
    fetchToken: () =>
      fetchVoiceToken({
        fetch: o.fetch,
        apiUrl: o.apiUrl,
        tokenPath: o.tokenPath,
        apiKey: o.apiKey || undefined,
        roomName: o.roomName,
        participantName: o.participantName,
      }),
    getMicrophone: () => getMicrophone(o.mediaDevices),
    micAllowedByPolicy: () => micAllowedByPolicy(o.doc),
    audioContainer: o.audioContainer,
    clock: o.clock,
    agentTimeoutMs: o.agentTimeoutMs,
    pushToTalk: o.pushToTalk,
    onState: o.onState,
    onTranscript: o.onTranscript,
    onError: o.onError,
  })
}
