import { atom, type WritableAtom } from 'nanostores'
import type { VoiceStateName } from '../api'
import type { TalkDockErrorInfo } from '../core/errors'

/** The call as the panel and the bar show it (the flags start unset, the chunk sets them). */
export interface VoiceView {
  state: VoiceStateName
  muted?: boolean
  /** The browser blocked playback: show "Tap to enable audio". */
  audioBlocked?: boolean
  /** The last failure (or why the server ended the call), until the next start or dismiss. */
  error?: TalkDockErrorInfo | null
  /** The first-time "why the microphone" notice is showing (the chunk's bar). */
  explaining?: boolean
}

/**
 * The voice call's view: what "Start voice", the voice slot and the chunk's bar
 * show. The voice controller (src/core/voice.ts) writes it, merging each change
 * into a new object, so readers compare states by identity.
 */
export type VoiceViewStore = WritableAtom<VoiceView>

/** A view store in the `idle` state (no call, nothing to show). */
export function createVoiceViewStore(): VoiceViewStore {
  return atom<VoiceView>({ state: 'idle' })
}
