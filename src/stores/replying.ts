import { computed, type ReadableAtom } from 'nanostores'
import type { SendState } from '../core/send-machine'

/**
 * Whether a request is on its way (sent, not waiting for a retry): the
 * composer's "Stop" button. Derived from the send store, it changes only when a
 * request starts, waits or ends, so a streamed reply (a new state per delta)
 * does not re-render the composer.
 */
export type ReplyingStore = ReadableAtom<boolean>

export function createReplyingStore(state: ReadableAtom<SendState>): ReplyingStore {
  return computed(state, (s) => !!s.inFlight && !s.inFlight.waiting)
}
