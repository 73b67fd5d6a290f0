import { atom, type WritableAtom } from './atom'
import type { SendState } from '../core/send-machine'

/** The conversation as the send machine sees it: messages plus what is in flight. (The atom itself: no wrapper to ship.) */
export const createSendStore: (initial: SendState) => WritableAtom<SendState> = atom
