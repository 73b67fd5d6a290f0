/**
 * Builds a WidgetEnv from a real browser window. Receives the window as an
 * argument: only the entry files hand it over.
 * Built once at boot, with the services only the panel uses (fetch, window
 * events, XHR, audio...): a few closures, cheaper than a second copy of this
 * file in the panel chunk.
 */
import type { StorageKind } from '../core/config'
import type { StorageLike } from '../core/persistence'
import type { PanelModule, WidgetEnv } from '../contracts'

type SoundModule = typeof import('./sound')

export function browserEnv(
  win: Window & typeof globalThis,
  storage: StorageKind,
  loadPanel: () => Promise<PanelModule>,
  loadLocale?: WidgetEnv['loadLocale'],
  loadAttach?: WidgetEnv['loadAttach'],
  loadSound?: () => Promise<SoundModule>,
): WidgetEnv {
  return {
    doc: win.document,
    storage: pickStorage(win, storage),
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => win.setTimeout(fn, ms),
      clearTimeout: (id) => win.clearTimeout(id as number),
    },
    frame(fn, afterPaint) {
      // rAF does not fire in background tabs; the timer makes sure work still happens.
      let done = false
      const run = () => {
        if (!done) {
          done = true
          // A task queued from rAF runs once the frame is painted.
          afterPaint ? win.setTimeout(fn, 0) : fn()
        }
      }
      win.requestAnimationFrame(run)
      win.setTimeout(run, 50)
    },
    loadPanel,
    loadLocale,
    loadAttach,
    language: win.navigator.language,
    report: (err) => win.console?.warn?.('[TalkDock]', err),
    fetch: (url, init) => win.fetch(url, init),
    fillRandom: (bytes) => win.crypto.getRandomValues(bytes),
    random: Math.random,
    isOnline: () => win.navigator.onLine !== false,
    listenWindow(type, fn) {
      win.addEventListener(type, fn)
      return () => win.removeEventListener(type, fn)
    },
    xhr: () => new win.XMLHttpRequest(),
    decodeImage: (file) => win.createImageBitmap(file),
    visualViewport: win.visualViewport,
    mediaDevices: win.navigator.mediaDevices,
    chime: chimer(win, loadSound),
    pageHidden: () => win.document.visibilityState === 'hidden',
  }
}

/**
 * The chosen Web Storage, looked up on first use rather than at boot: a page's
 * first storage access is a synchronous round trip to the browser process, and
 * the launcher should not wait for it. Disabled or blocked storage (the lookup or
 * a read throws) reads as empty and ignores writes; a refused write (quota,
 * Safari's old private mode) throws to the caller, which copes (persistence.save).
 */
function pickStorage(win: Window, kind: StorageKind): StorageLike | null {
  if (kind === 'none') return null
  let s: Storage | null | undefined
  const get = (): Storage | null => {
    if (s === undefined) {
      try {
        s = kind === 'session' ? win.sessionStorage : win.localStorage
        s.getItem('talkdock')
      } catch {
        s = null
      }
    }
    return s
  }
  return {
    getItem: (key) => get()?.getItem(key) ?? null,
    setItem: (key, value) => get()?.setItem(key, value),
    removeItem: (key) => get()?.removeItem(key),
  }
}

/**
 * The chime: the AudioContext is made (or resumed) here, inside the visitor's click
 * that primes it (`prime`), so later chimes may play; the sound itself is the
 * `sound` chunk, loaded when primed or on the first chime. Silent (never throwing) where audio is
 * unavailable or the chunk does not load.
 */
function chimer(win: Window & typeof globalThis, load?: () => Promise<SoundModule>): (prime?: boolean) => void {
  let ctx: AudioContext | null = null
  return (prime) => {
    try {
      ctx ||= new win.AudioContext()
      if (ctx.state === 'suspended') void ctx.resume().catch(() => {})
      const c = ctx
      // Priming fetches the sound too, so the first chime plays without waiting for it.
      load?.().then((m) => prime || m.blip(c), () => {})
    } catch {
      // No WebAudio (or blocked): the setting simply has no sound to play.
    }
  }
}
