/**
 * The only module that imports livekit-client, so it lands in the lazily
 * loaded voice chunk and the session can be tested with an injected fake room.
 */
import { ConnectionErrorReason, DisconnectReason, ParticipantKind, Room, RoomEvent, Track, setLogLevel } from 'livekit-client'
import type { VoiceRoom } from './types'

export { ConnectionErrorReason, DisconnectReason, ParticipantKind, RoomEvent, Track }

/** A new livekit-client Room as the session's {@link VoiceRoom}. */
export function createLiveKitRoom(): VoiceRoom {
  // livekit-client (2.23) adds its `devicechange` listener on navigator.mediaDevices
  // through a WeakRef wrapper meant to let a dropped Room be collected, but the
  // wrapper closes over the constructor's scope, which holds the Room: every Room
  // stayed reachable for the life of the page (~65 KiB a call), and disconnect()
  // removes a different function. Without the registry, the Room adds its own
  // handler, which disconnect() removes.
  Room.cleanupRegistry = false
  // Only warnings and errors in the host page's console (livekit-client logs about a
  // dozen info lines per call by default), when the copy is ours: an npm app's
  // livekit-client, and its log level, belong to the app.
  // (`typeof`: a bundle made without build.mjs's define, like a test's, leaves it alone.)
  if (typeof __OWN_LIVEKIT__ !== 'undefined' && __OWN_LIVEKIT__) setLogLevel('warn')
  return new Room({ adaptiveStream: false, dynacast: false })
}
