/**
 * Turns what the browser and livekit-client report into {@link VoiceErrorCode}s:
 * getUserMedia errors, ConnectionError reasons and DisconnectReason values.
 */
import { type MicErrorKind, VoiceErrorCode } from '../core/voice-codes'
import { ConnectionErrorReason, DisconnectReason } from './livekit'

const errorName = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : ''
const errorMessage = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
    ? (e as { message: string }).message
    : String(e)

/** Classifies a getUserMedia (or publish) failure. */
export function classifyMicError(e: unknown): MicErrorKind {
  const name = errorName(e)
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      // Chromium reports a Permissions-Policy block as NotAllowedError too
      return /policy/i.test(errorMessage(e)) ? 'blocked-by-policy' : 'denied'
    case 'SecurityError':
      return 'blocked-by-policy'
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'not-found'
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'in-use'
    default:
      return 'unknown'
  }
}

/**
 * Maps a room DisconnectReason: null for a disconnect this client asked for,
 * undefined when no reason was given.
 */
export function disconnectCode(reason: number | undefined): VoiceErrorCode | null | undefined {
  switch (reason) {
    case undefined:
    case DisconnectReason.UNKNOWN_REASON:
      return undefined
    case DisconnectReason.CLIENT_INITIATED:
      return null
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return VoiceErrorCode.RoomDeleted
    case DisconnectReason.PARTICIPANT_REMOVED:
    case DisconnectReason.DUPLICATE_IDENTITY:
      return VoiceErrorCode.Removed
    case DisconnectReason.SERVER_SHUTDOWN:
    case DisconnectReason.MIGRATION:
      return VoiceErrorCode.ServerShutdown
    case DisconnectReason.SIGNAL_CLOSE:
    case DisconnectReason.CONNECTION_TIMEOUT:
    case DisconnectReason.MEDIA_FAILURE:
    case DisconnectReason.STATE_MISMATCH:
      return VoiceErrorCode.ReconnectFailed
    default:
      return VoiceErrorCode.Unknown
  }
}

/** Maps a failed `room.connect()` (livekit ConnectionError, by duck typing). */
export function connectErrorCode(e: unknown): VoiceErrorCode {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { reason?: unknown; context?: unknown }
  if (errorName(e) !== 'ConnectionError' || typeof err.reason !== 'number') return VoiceErrorCode.Unknown
  switch (err.reason) {
    case ConnectionErrorReason.NotAllowed:
      return VoiceErrorCode.ConnectNotAllowed
    case ConnectionErrorReason.ServerUnreachable:
    case ConnectionErrorReason.WebSocket:
    case ConnectionErrorReason.ServiceNotFound:
    case ConnectionErrorReason.InternalError:
      return VoiceErrorCode.ConnectUnreachable
    case ConnectionErrorReason.Timeout:
      return VoiceErrorCode.ConnectTimeout
    case ConnectionErrorReason.Cancelled:
      return VoiceErrorCode.ConnectCancelled
    case ConnectionErrorReason.LeaveRequest:
      return (typeof err.context === 'number' ? disconnectCode(err.context) : undefined) ?? VoiceErrorCode.Unknown
    default:
      return VoiceErrorCode.Unknown
  }
}
