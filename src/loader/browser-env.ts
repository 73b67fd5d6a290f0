/**
 * Builds a WidgetEnv from a real browser window. Receives the window as an
 * argument: only the entry files hand it over.
 */
import type { StorageKind } from '../core/config'
import type { StorageLike } from '../core/persistence'
import type { PanelModule, WidgetEnv } from './env'

export function browserEnv(
  win: Window & typeof globalThis,
  storage: StorageKind,
  loadPanel: () => Promise<PanelModule>,
  loadLocale?: WidgetEnv['loadLocale'],
  loadAttach?: WidgetEnv['loadAttach'],
): WidgetEnv {
  return {
    doc: win.document,
    storage: pickStorage(win, storage),
    fetch: (url, init) => win.fetch(url, init),
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => win.setTimeout(fn, ms),
      clearTimeout: (id) => win.clearTimeout(id as number),
    },
    fillRandom: (bytes) => win.crypto.getRandomValues(bytes),
    random: Math.random,
    frame(fn) {
      // rAF does not fire in background tabs; the timer makes sure work still happens.
      let done = false
      const run = () => {
        if (!done) {
          done = true
          fn()
        }
      }
      win.requestAnimationFrame(run)
      win.setTimeout(run, 50)
    },
    isOnline: () => win.navigator.onLine !== false,
    listenWindow(type, fn) {
      win.addEventListener(type, fn)
      return () => win.removeEventListener(type, fn)
    },
    loadPanel,
    loadLocale,
    loadAttach,
    xhr: () => new win.XMLHttpRequest(),
    decodeImage: (file) => win.createImageBitmap(file),
    language: win.navigator.language,
    visualViewport: win.visualViewport,
    mediaDevices: win.navigator.mediaDevices,
    report: (err) => win.console?.warn?.('[TalkDock]', err),
  }
}

/** The chosen Web Storage, or null when it is disabled, blocked or throws. */
function pickStorage(win: Window, kind: StorageKind): StorageLike | null {
  if (kind === 'none') return null
  try {
    const s = kind === 'session' ? win.sessionStorage : win.localStorage
    const probe = '__talkdock_probe__'
    s.setItem(probe, '1')
    s.removeItem(probe)
    return s
  } catch {
    return null
  }
}
