/**
 * Stable codes for every way a voice session can fail or be ended from the
 * other side (modelled on livekit-client's error reasons). The `voicestate`
 * event carries them as they are; the `error` event as `voice_<code>`, members of
 * `ErrorCode` (./errors.ts). No dependencies, so the panel can import them
 * without loading the voice chunk.
 */
export enum VoiceErrorCode {
  /** The visitor (or the browser) refused microphone access. */
  MicDenied = 'mic_denied',
  /** No microphone is connected. */
  MicNotFound = 'mic_not_found',
  /** The microphone exists but another app or tab holds it, or it failed to start. */
  MicInUse = 'mic_in_use',
  /** The page (Permissions-Policy / iframe `allow`, or an insecure context) forbids the microphone. */
  MicBlockedByPolicy = 'mic_blocked_by_policy',
  /** The token endpoint failed or answered something unusable. */
  TokenFailed = 'token_failed',
  /** LiveKit refused the token (401/403). */
  ConnectNotAllowed = 'connect_not_allowed',
  /** The LiveKit server could not be reached. */
  ConnectUnreachable = 'connect_unreachable',
  /** Connecting took too long. */
  ConnectTimeout = 'connect_timeout',
  /** The connection attempt was abandoned (e.g. ended while connecting). */
  ConnectCancelled = 'connect_cancelled',
  /** Connected, but no voice agent became ready in time. */
  AgentTimeout = 'agent_timeout',
  /** The room was deleted or closed (usually: the agent ended the call). */
  RoomDeleted = 'room_deleted',
  /** The server removed this participant (or the same identity joined elsewhere). */
  Removed = 'removed',
  /** The LiveKit server is shutting down. */
  ServerShutdown = 'server_shutdown',
  /** The connection dropped and could not be restored. */
  ReconnectFailed = 'reconnect_failed',
  /** Anything else. */
  Unknown = 'unknown',
}

/** How a microphone request failed, before it becomes a {@link VoiceErrorCode}. */
export type MicErrorKind = 'denied' | 'not-found' | 'in-use' | 'blocked-by-policy' | 'unknown'

/** The code for a {@link MicErrorKind}. */
export function micErrorCode(kind: MicErrorKind): VoiceErrorCode {
  switch (kind) {
    case 'denied':
      return VoiceErrorCode.MicDenied
    case 'not-found':
      return VoiceErrorCode.MicNotFound
    case 'in-use':
      return VoiceErrorCode.MicInUse
    case 'blocked-by-policy':
      return VoiceErrorCode.MicBlockedByPolicy
    default:
      return VoiceErrorCode.Unknown
  }
}
