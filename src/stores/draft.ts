import { atom, type WritableAtom } from 'nanostores'

/**
 * The composer's unsent text. The composer writes every keystroke to it and
 * empties it only once the conversation accepted the message, so nothing typed
 * is lost; the conversation saves it with the rest (a reload brings it back) and
 * an edit in another tab arrives through it.
 */
export type DraftStore = WritableAtom<string>

/** A draft store starting at `saved` (what the last session left in the box), or empty. */
export function createDraftStore(saved = ''): DraftStore {
  return atom(saved)
}
