import { atom } from './atom'

/** The composer's unsent text; persisted so a reload never loses what was typed. */
export function createDraftStore(initial: string) {
  return atom<string>(initial)
}
