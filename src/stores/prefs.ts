import { atom } from './atom'

/** The visitor's own settings, persisted with the conversation. */
export interface Prefs {
  /** Play a short chime when a reply arrives while the panel is hidden. */
  sound: boolean
  /** Start in voice mode when voice is available (true while the visitor uses voice). */
  voice: boolean
  /** The visitor has seen why voice needs the microphone (shown once). */
  micExplained?: boolean
}

export function createPrefsStore(saved?: Partial<Prefs>) {
  return atom<Prefs>({ sound: saved?.sound === true, voice: saved?.voice === true, micExplained: saved?.micExplained === true })
}
