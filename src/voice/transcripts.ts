/**
 * Keeps transcript updates consistent across the two ways agents send them:
 * `lk.transcription` text streams and the older RoomEvent.TranscriptionReceived.
 * The first source to report a segment id owns it (agents often send both);
 * an update identical to the last one emitted for a segment is dropped.
 */

export type TranscriptRole = 'user' | 'assistant'

export interface VoiceTranscript {
  /** The segment id (`lk.segment_id`): later updates of the same id replace earlier ones. */
  id: string
  role: TranscriptRole
  /** The full text of the segment so far. */
  text: string
  /** True once the segment is complete. */
  final: boolean
}

export type TranscriptSource = 'stream' | 'legacy'

export class TranscriptBook {
  private owner = new Map<string, TranscriptSource>()
  private last = new Map<string, string>()

  /** Returns true when this update should be emitted. */
  accept(source: TranscriptSource, t: VoiceTranscript): boolean {
    const owner = this.owner.get(t.id)
    if (owner && owner !== source) return false
    this.owner.set(t.id, source)
    const key = `${t.role}\u0000${t.final}\u0000${t.text}`
    if (this.last.get(t.id) === key) return false
    this.last.set(t.id, key)
    return true
  }
}
