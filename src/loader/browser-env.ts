/**
 * Builds the loader's part of a widget's env from a real browser window. Receives the
 * window as an argument: only the entry files hand it over. The services only the
 * panel uses (fetch, window events, XHR, audio...) are made by the panel chunk from
 * the same window (`win`, src/panel-env.ts): the page views that never open the chat
 * do not pay for them.
 */
import type { StorageKind } from '../core/config'
import type { StorageLike } from '../core/persistence'
import type { LoaderEnv, PanelModule } from '../contracts'

export function browserEnv(
  win: Window & typeof globalThis,
  storage: StorageKind,
  loadPanel: () => Promise<PanelModule>,
  loadLocale?: LoaderEnv['loadLocale'],
  loadAttach?: LoaderEnv['loadAttach'],
  loadSound?: LoaderEnv['loadSound'],
): LoaderEnv {
  return {
    win,
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
    loadSound,
    language: win.navigator.language,
    report: (err) => win.console?.warn?.('[TalkDock]', err),
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
