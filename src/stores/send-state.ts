import { atom } from './atom'
import type { SendState } from '../core/send-machine'

/** The conversation as the send machine sees it: messages plus what is in flight. */
export function createSendStore(initial: SendState) {
  return atom<SendState>(initial)
}
