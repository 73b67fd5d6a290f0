import { atom } from 'nanostores'

/** The visitor's own settings, persisted with the conversation. */
export interface Prefs {
  /** Play a short chime when a reply arrives while the panel is hidden. */
  sound: boolean
  /** Start in voice mode when voice is available. */
  voice: boolean
}

export function createPrefsStore(saved?: Partial<Prefs>) {
  return atom<Prefs>({ sound: saved?.sound === true, voice: saved?.voice === true })
}
