/**
 * The outside services only the panel and its chunks use, made in the panel chunk from
 * the window the loader's env carries (`win`): talkdock.js, which every page view
 * loads, does not carry them. Receives the window as an argument, like
 * src/loader/browser-env.ts.
 */
import type { BrowserServices, LoaderEnv, MountEnv, WidgetEnv } from './contracts'

/** The env with the browser's services, where it carries a window (tests pass every service instead). */
export function withBrowserServices(env: MountEnv): WidgetEnv {
  return (env.win ? { ...browserServices(env.win, env.loadSound), ...env } : env) as WidgetEnv
}

export function browserServices(win: Window & typeof globalThis, loadSound?: LoaderEnv['loadSound']): BrowserServices {
  return {
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
 * The chime: the AudioContext is made (or resumed) here, inside the visitor's click
 * that primes it (`prime`), so later chimes may play; the sound itself is the
 * `sound` chunk, loaded when primed or on the first chime. Silent (never throwing) where audio is
 * unavailable or the chunk does not load.
 */
function chimer(win: Window & typeof globalThis, load?: LoaderEnv['loadSound']): (prime?: boolean) => void {
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
