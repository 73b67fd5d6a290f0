/**
 * The script-tag entry (dist/talkdock.js): the only file that touches `window`.
 *
 * - Boots from its own tag's data-* attributes unless the tag has `data-manual`
 *   or the page queued an `init` call on the stub.
 * - Installs `window.TalkDock` and replays calls queued on the stub, in order.
 * - Included twice: the second copy does nothing.
 * - Lazy chunks load as classic scripts from the script's own folder, carrying
 *   the script's `?v=` (or, without one, the build version) for cache busting.
 */
import type { TalkDockEvents, TalkDockHandle } from './api'
import { configFromDataset, resolveConfig } from './core/config'
import { createEmitter } from './core/emitter'
import { browserEnv } from './loader/browser-env'
import type { LocaleModule } from './i18n/pick'
import type { AttachModule, PanelModule, SoundModule, VoiceModule } from './contracts'
import type { ElementModule } from './element/controller'
import { mountWidget } from './loader/mount'
import { METHODS, noWidget } from './loader/attributes'
import { defineElement } from './element/define'
import type { ResolvedConfig } from './core/config'
import type { Emitter } from './core/emitter'


type Call = [string, unknown[]]
interface Stub {
  q?: Call[]
  __talkdock?: boolean
}
/** What a chunk script hands over: called once with the panel's shared modules (voice, attach) or nothing. */
type Factory = (shared?: unknown) => unknown
interface Registry {
  (name: string, factory: Factory): void
}

const w = window as unknown as Window &
  typeof globalThis & { TalkDock?: Stub; __talkdockLoaded?: Registry; trustedTypes?: { createPolicy(n: string, r: object): { createScriptURL(url: string): unknown } } }

if (!w.TalkDock?.__talkdock) boot()

function boot(): void {
  const doc = w.document
  const script = doc.currentScript as HTMLScriptElement | null
  // The tag's `src` (absolute: the browser resolved it); an inline or missing tag has none, and
  // then chunks load from the document's folder and the API is the page's origin.
  let base = ''
  let v = __VERSION__
  let fallbackApi = w.location.origin
  try {
    const url = new URL(script?.src || '?', doc.baseURI)
    base = new URL('.', url).href
    v = url.searchParams.get('v') || v
    // A file: or data: script has no origin to call.
    if (url.origin !== 'null') fallbackApi = url.origin
  } catch {
    // Inline in a document whose base cannot hold a relative URL (about:blank, data:):
    // chunks load relative to the page, the API is the page's origin; boot never throws.
  }

  let policy: { createScriptURL(url: string): unknown } | undefined
  const waiting: Record<string, (f: Factory) => void> = {}
  const chunks: Record<string, Promise<unknown>> = {}
  w.__talkdockLoaded = (name, factory) => waiting[name]?.(factory)

  /** The panel's shared modules (its renderer), lent to the chunks that load after it: voice and attach. */
  let lent: unknown

  /**
   * Loads talkdock-<name>.js once and calls its factory with `lent` (the voice and
   * attach chunks are only ever asked for by the panel's code, so it is there by
   * then). A failed load is forgotten, so the next call tries again.
   */
  function loadChunk<T>(name: string): Promise<T> {
    return (chunks[name] ||= new Promise<Factory>((resolve, reject) => {
      waiting[name] = resolve
      const el = doc.createElement('script')
      let src: unknown = `${base}talkdock-${name}.js?v=${encodeURIComponent(v)}`
      // Pages with `require-trusted-types-for 'script'` only accept a TrustedScriptURL for
      // script.src: our policy `talkdock` (made on the first load) vouches for URLs from our own folder.
      try {
        src = (policy ||= w.trustedTypes?.createPolicy('talkdock', { createScriptURL: (u: string) => (u.startsWith(base) ? u : '') }))?.createScriptURL(src as string) ?? src
      } catch {
        // No such policy allowed (the page's `trusted-types` directive does not list `talkdock`).
      }
      el.src = src as string
      el.async = true
      // Loaded, the chunk has already called __talkdockLoaded (a no-op reject then); failed, it rejects.
      el.onload = el.onerror = () => {
        el.remove()
        reject(new Error(`TalkDock: could not load ${el.src}`))
      }
      doc.head.appendChild(el)
    })
      .then((factory) => factory(lent))
      .catch((err) => {
        delete chunks[name]
        throw err
      })) as Promise<T>
  }
  const panel = () => loadChunk<PanelModule>('panel').then((p) => ((lent = p.shared), p))

  /** A widget in the page (`init`) or hosted by a `<talkdock-widget>` element (`el`). */
  const mount = (c: ResolvedConfig, em: Emitter<TalkDockEvents>, el?: HTMLElement, draft?: string) => {
    const env = browserEnv(w, c.storage, panel, (l) => loadChunk<LocaleModule>(`locale-${l}`), () => loadChunk<AttachModule>('attach'), () => loadChunk<SoundModule>('sound'))
    env.loadVoice = () => loadChunk<VoiceModule>('voice')
    return mountWidget(c, env, em, __VERSION__, el, draft)
  }
  const events = createEmitter<TalkDockEvents>((err) => w.console?.error?.(err))
  let widget: TalkDockHandle | null = null
  const delegates = <K extends keyof TalkDockHandle>(names: readonly K[]) => {
    const out = {} as Pick<TalkDockHandle, K>
    for (const name of names) {
      out[name] = ((...args: unknown[]) =>
        (widget?.[name] as ((...a: unknown[]) => unknown) | undefined)?.(...args) ?? noWidget(name)) as never
    }
    return out
  }
  let readyFired = false

  const api = {
    __talkdock: true,
    version: __VERSION__,
    init(input: Record<string, unknown> = {}) {
      if (widget) {
        w.console?.warn?.('[TalkDock] already initialised; call destroy() first to re-initialise.')
        return widget
      }
      // resolveConfig copes with any input, even null or a string.
      widget = mount(resolveConfig(input, fallbackApi), events)
      // The widget's `ready` (handlers added later are called at once).
      events.on('ready', () => (readyFired = true))
      return widget
    },
    // open, close, toggle, send, identify, setContext, startVoice, stopVoice: passed to
    // the widget; without one they do nothing (the voice calls resolve at once).
    ...delegates(METHODS),
    on<K extends keyof TalkDockEvents>(event: K, handler: (payload: TalkDockEvents[K]) => void) {
      const off = events.on(event, handler)
      if (event === 'ready' && readyFired) {
        const late = handler as (p: TalkDockEvents['ready']) => void
        w.setTimeout(() => late({ version: __VERSION__ }), 0)
      }
      return off
    },
    destroy() {
      widget?.destroy()
      widget = null
      readyFired = false
      events.clear()
    },
  }

  const queued = Array.isArray(w.TalkDock?.q) ? w.TalkDock!.q! : []
  w.TalkDock = api
  const manual = !script || script.hasAttribute('data-manual') || queued.some((c) => c[0] === 'init')
  // The dataset's strings; a bare boolean attribute (data-enable-voice) is true.
  if (!manual) api.init(configFromDataset({ ...script!.dataset }))
  for (const [method, args] of queued) {
    const fn = (api as unknown as Record<string, unknown>)[method]
    if (typeof fn === 'function') {
      try {
        fn.apply(api, Array.isArray(args) ? args : [])
      } catch (err) {
        w.console?.error?.(err)
      }
    }
  }
  // After init: a `<talkdock-widget inline>` already on the page and used by the script tag's widget
  // stays its host. Every other element mounts its own widget, with or without data-manual: its
  // controller (dist/talkdock-element.js) loads when the first such element is connected.
  defineElement(w, fallbackApi, mount, () => loadChunk<ElementModule>('element'))
}
