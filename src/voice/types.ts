/**
 * The slice of livekit-client's `Room` the voice session uses. The real Room
 * satisfies it (see livekit.ts); unit tests pass a fake. Types only.
 */

/** A subscribed remote track (livekit `RemoteTrack`). */
export interface VoiceRemoteTrack {
  kind: string
  sid?: string
  /** Creates (or reuses) a media element playing this track. */
  attach(): HTMLMediaElement
  /** Detaches from all elements it was attached to and returns them. */
  detach(): HTMLMediaElement[]
}

/** A remote participant (livekit `RemoteParticipant`). */
export interface VoiceParticipant {
  identity: string
  /** livekit `ParticipantKind` (AGENT = 4). */
  kind: number
  attributes: Readonly<Record<string, string>>
}

/** One incoming text stream (livekit `TextStreamReader`): iterates text deltas. */
export interface VoiceTextStreamReader extends AsyncIterable<string> {
  readonly info: { id: string; topic: string; attributes?: Record<string, string> }
}

export type VoiceTextStreamHandler = (reader: VoiceTextStreamReader, sender: { identity: string }) => void

/** An old-style transcription segment (RoomEvent.TranscriptionReceived). */
export interface VoiceTranscriptionSegment {
  id: string
  text: string
  final: boolean
}

export interface VoiceLocalParticipant {
  identity: string
  publishTrack(track: MediaStreamTrack, options?: { source?: string }): Promise<unknown>
  setMicrophoneEnabled(enabled: boolean): Promise<unknown>
  sendText(text: string, options: { topic: string }): Promise<unknown>
}

export interface VoiceRoom {
  on(event: string, listener: (...args: any[]) => void): unknown
  off(event: string, listener: (...args: any[]) => void): unknown
  connect(url: string, token: string): Promise<void>
  disconnect(stopTracks?: boolean): Promise<void>
  /** Must run inside a user gesture to unblock autoplay. */
  startAudio(): Promise<void>
  readonly canPlaybackAudio: boolean
  readonly localParticipant: VoiceLocalParticipant
  readonly remoteParticipants: ReadonlyMap<string, VoiceParticipant>
  registerTextStreamHandler(topic: string, handler: VoiceTextStreamHandler): void
  unregisterTextStreamHandler(topic: string): void
}
