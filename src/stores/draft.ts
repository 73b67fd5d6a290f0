import { atom, type WritableAtom } from './atom'

/** The composer's unsent text; persisted so a reload never loses what was typed. (The atom itself: no wrapper to ship.) */
export const createDraftStore: (initial: string) => WritableAtom<string> = atom
