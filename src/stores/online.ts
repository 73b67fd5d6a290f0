import { computed, type ReadableAtom } from 'nanostores'
import type { SendState } from '../core/send-machine'

/**
 * Whether the browser is online, as the send machine last heard: the status
 * line's "offline" notice. Derived from the send store, it changes only when
 * that flag does, so a streamed reply (a new state per delta) does not
 * re-render what reads it.
 */
export type OnlineStore = ReadableAtom<boolean>

export function createOnlineStore(state: ReadableAtom<SendState>): OnlineStore {
  return computed(state, (s) => s.online)
}
