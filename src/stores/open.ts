import { atom } from 'nanostores'

/** Whether the chat panel is open. */
export function createOpenStore(initial = false) {
  return atom<boolean>(initial)
}
