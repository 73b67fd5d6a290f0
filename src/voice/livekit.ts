/**
 * The only module that imports livekit-client, so it lands in the lazily
 * loaded voice chunk and the session can be tested with an injected fake room.
 */
import { ConnectionErrorReason, DisconnectReason, ParticipantKind, Room, RoomEvent, Track } from 'livekit-client'
import type { VoiceRoom } from './types'

export { ConnectionErrorReason, DisconnectReason, ParticipantKind, RoomEvent, Track }

/** A new livekit-client Room as the session's {@link VoiceRoom}. */
export function createLiveKitRoom(): VoiceRoom {
  return new Room({ adaptiveStream: false, dynacast: false })
}
