import { map, type MapStore } from 'nanostores'

/** The visitor's own settings, persisted with the conversation. */
export interface Prefs {
  /** Play a short chime when a reply arrives while the panel is hidden. */
  sound: boolean
  /** Start in voice mode when voice is available (true while the visitor uses voice). */
  voice: boolean
  /** The visitor has seen why voice needs the microphone (shown once). */
  micExplained?: boolean
}

/**
 * The visitor's settings as a map: a change to one (`setKey('sound', true)`) is
 * saved with the conversation and shown at once ("Sound" is pressed).
 */
export type PrefsStore = MapStore<Prefs>

/** A prefs store from what was saved; anything but `true` is off (a stored value may be anything). */
export function createPrefsStore(saved?: Partial<Prefs>): PrefsStore {
  return map<Prefs>({ sound: saved?.sound === true, voice: saved?.voice === true, micExplained: saved?.micExplained === true })
}
