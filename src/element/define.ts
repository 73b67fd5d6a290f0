/**
 * The `<talkdock-widget>` custom element: one widget per element, configured by its
 * attributes (the data-* option names without `data-`) and properties (any option,
 * plus `user` and `context`). Shared by the script-tag loader and the npm entry
 * (`talkdock/element`), so it is small: every page view pays for it.
 *
 * - Connected, it mounts (through `mount`, which hosts the widget in the element itself).
 * - Attribute and property changes are batched to a microtask, then taken live
 *   (`update`) or, for the options a widget cannot change live, by mounting a new
 *   widget with the composer's text carried over.
 * - Disconnected (and not put back within the same task: a move), it is destroyed.
 * - The widget's events are re-dispatched as `talkdock-<event>` CustomEvents
 *   (bubbling, composed) with the `on()` payloads.
 * - Hosts the loader makes for its own widget (shadow root attached before they are
 *   connected) and page elements a widget already uses are left alone.
 */
import type { TalkDockEvents } from '../api'
import { configFromDataset, resolveConfig, type ResolvedConfig } from '../core/config'
import type { Emitter } from '../core/emitter'
import { ATTRIBUTES, isPlaceholder, NAMES } from '../loader/attributes'
import type { MountedWidget } from '../loader/mount'

/** Mounts a widget hosted in `el`, with its options, events and the text to put back in the composer. */
export type MountInElement = (config: ResolvedConfig, events: Emitter<TalkDockEvents>, el: HTMLElement, draft?: string) => MountedWidget

const TAG = 'talkdock-widget'
/** The handle's methods, on the element. */
const METHODS = ['open', 'close', 'toggle', 'send', 'identify', 'setContext', 'startVoice', 'stopVoice'] as const
/** Option names; `nonce` and `container` are not properties (HTMLElement has `nonce`; the element is the container). */
const PROPS = [...NAMES.filter((k) => k !== 'nonce' && k !== 'container'), 'user', 'context']

/**
 * Registers `<talkdock-widget>` in `win` unless some copy of TalkDock already did.
 * `fallbackApi` is the API origin when the element has no `api-url`.
 */
export function defineElement(win: Window & typeof globalThis, fallbackApi: string, mount: MountInElement): void {
  const registry = win.customElements
  if (!registry || registry.get(TAG)) return

  // Its state in `_` fields: the widget, its events (one emitter for the element's lifetime), the
  // properties set, whether a sync is queued. With `_e`, the element hosts its own widget (it made its shadow root).
  class TalkDockWidgetElement extends win.HTMLElement {
    static observedAttributes = [...ATTRIBUTES, 'inline']
    _w?: MountedWidget | null
    _e?: Emitter<TalkDockEvents>
    _p: Record<string, unknown> = {}
    _q?: boolean
    connectedCallback() {
      // Mounted at once (a method called right after insertion finds the widget), unless moved.
      this._w || this._y()
    }
    disconnectedCallback() {
      this._x()
    }
    attributeChangedCallback() {
      this._x()
    }
    _x() {
      if (!this._q) {
        this._q = true
        Promise.resolve().then(() => this._y())
      }
    }
    /** Brings the widget in line with the element: mounted while connected, with its current options. */
    _y() {
      this._q = false
      // Someone else's host: the loader's own, or a page element TalkDock.init() uses; or a
      // placeholder waiting for init() (`inline` and no option attribute).
      if (this.shadowRoot ? !this._e : isPlaceholder(this)) return
      let w = this._w
      if (!this.isConnected) {
        w?.destroy()
        this._w = null
        return
      }
      // Attributes, then properties (which win). A bare boolean attribute (`enable-voice`) is true.
      // (The attributes read like the script tag's dataset: configFromDataset.)
      const attrs: Record<string, string | undefined> = {}
      for (const [i, k] of NAMES.entries()) attrs[k] = this.getAttribute(ATTRIBUTES[i]) ?? undefined
      const config = resolveConfig({ ...configFromDataset(attrs), ...this._p }, fallbackApi)
      if (!w || !w.update(config)) {
        const draft = w?.draft()
        w?.destroy()
        // The widget's events, dispatched on the element. A listener that throws is reported by the
        // browser and stops nothing. (Only `emit`: the element's handle, with its `on`, is never given out.)
        this._e ||= {
          emit: (name: string, detail: unknown) => this.dispatchEvent(new win.CustomEvent(`talkdock-${name}`, { detail, bubbles: true, composed: true })),
        } as unknown as Emitter<TalkDockEvents>
        this._w = w = mount(config, this._e, this, draft)
      }
      // `user` and `context` go to the widget on every sync (a new widget needs them; the same value again changes nothing).
      const p = this._p
      if ('user' in p) w.identify(p.user as never)
      if ('context' in p) w.setContext(p.context as never)
    }
  }
  const proto = TalkDockWidgetElement.prototype as unknown as Record<string, unknown>
  for (const k of PROPS) {
    Object.defineProperty(proto, k, {
      get(this: TalkDockWidgetElement) {
        return this._p[k]
      },
      set(this: TalkDockWidgetElement, v: unknown) {
        this._p[k] = v
        this._x()
      },
    })
  }
  for (const m of METHODS) {
    proto[m] = function (this: TalkDockWidgetElement, ...args: unknown[]) {
      const w = this._w as unknown as Record<string, (...a: unknown[]) => unknown> | null | undefined
      return w ? w[m](...args) : /Voice/.test(m) ? Promise.resolve() : undefined
    }
  }
  registry.define(TAG, TalkDockWidgetElement)
}
