/**
 * Registers `<talkdock-widget>`: one widget per element, configured by its attributes
 * (the data-* option names without `data-`) and properties (any option, plus `user`
 * and `context`). Shared by the script-tag loader and the npm entry (`talkdock/element`).
 *
 * The class registered here is small, because every page view of talkdock.js pays for
 * it: what an element does once it hosts a widget is its controller (./controller.ts),
 * which the script tag loads as a chunk when the first such element appears and the
 * npm entry passes as it is. Until the controller is there, the class keeps the
 * properties set and queues the method calls, in order; a controller that cannot be
 * loaded becomes a `talkdock-error` event (`load_failed`) on the element.
 *
 * Hosts the loader makes for its own widget (shadow root attached before they are
 * connected) and placeholders waiting for `init()` never load anything.
 */
import { LOAD_FAILED } from '../core/errors'
import { ATTRIBUTES, isPlaceholder, METHODS, NAMES, noWidget } from '../loader/attributes'
import type { ElementController, ElementDeps, ElementModule, MountInElement } from './controller'

const TAG = 'talkdock-widget'
/** Option names; `nonce` and `container` are not properties (HTMLElement has `nonce`; the element is the container). */
const PROPS = [...NAMES.filter((k) => k !== 'nonce' && k !== 'container'), 'user', 'context']

/** A method call made before the controller arrived, and what settles the promise the caller got. */
type Call = [op: keyof ElementController, method: string | undefined, args: unknown[] | undefined, settle: (result: unknown) => void]

/**
 * Registers `<talkdock-widget>` in `win` unless some copy of TalkDock already did.
 * `fallbackApi` is the API origin when the element has no `api-url`; `controller`
 * is the implementation, or what loads it (once, on the first element that needs it;
 * a failed load is tried again on the element's next change).
 */
export function defineElement(
  win: Window & typeof globalThis,
  fallbackApi: string,
  mount: MountInElement,
  controller: ElementModule | (() => Promise<ElementModule>),
): void {
  const registry = win.customElements
  if (!registry || registry.get(TAG)) return
  let mod = typeof controller == 'function' ? undefined : controller
  const deps: ElementDeps = { win, mount, api: fallbackApi }

  // Its state in `_` fields: the properties set, the controller, the calls queued while it loads (set: loading).
  class TalkDockWidgetElement extends win.HTMLElement {
    // `id`: an element's default conversation key.
    static observedAttributes = [...ATTRIBUTES, 'inline', 'id']
    _p: Record<string, unknown> = {}
    _c?: ElementController
    _l?: Call[] | null
    constructor() {
      super()
      // Set on the element before it was upgraded (talkdock.js still loading): own properties
      // that hide the accessors below. Taken over, so they apply like any later set.
      const own = this as unknown as Record<string, unknown>
      for (const k of PROPS) if (Object.prototype.hasOwnProperty.call(own, k)) (this._p[k] = own[k]), delete own[k]
    }
    connectedCallback() {
      this._f('connect')
    }
    disconnectedCallback() {
      this._f('change')
    }
    attributeChangedCallback() {
      this._f('change')
    }
    /**
     * Everything the element is asked goes to its controller: at once, or once loaded (in order;
     * the loading starts when the element is connected and hosts a widget of its own). Without
     * one, a method does nothing (the voice ones resolve).
     */
    _f(op: keyof ElementController, method?: string, args?: unknown[]): unknown {
      const c = this._c
      if (c) return c[op](method as string, args as unknown[])
      if (!this._l) {
        if (!this.isConnected || this.shadowRoot || isPlaceholder(this, this._p)) return noWidget(method)
        this._l = []
        const start = (m: ElementModule) => {
          const c = (this._c = m.control(this, this._p, deps))
          const calls = this._l!
          this._l = null
          c.connect()
          for (const [op, method, args, settle] of calls) settle(c[op](method as string, args as unknown[]))
        }
        if (mod) start(mod)
        else
          (controller as () => Promise<ElementModule>)().then(
            (m) => start((mod = m)),
            () => {
              for (const call of this._l!) call[3](undefined)
              this._l = null
              this.dispatchEvent(new win.CustomEvent('talkdock-error', { detail: { code: 'load_failed', message: LOAD_FAILED }, bubbles: true, composed: true }))
            },
          )
        if (this._c) return this._c[op](method as string, args as unknown[])
      }
      let settle!: (r: unknown) => void
      const done = new Promise((r) => (settle = r))
      this._l!.push([op, method, args, settle])
      return method && /Voice/.test(method) ? done : undefined
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
        this._f('change')
      },
    })
  }
  for (const m of METHODS) {
    proto[m] = function (this: TalkDockWidgetElement, ...args: unknown[]) {
      return this._f('call', m, args)
    }
  }
  registry.define(TAG, TalkDockWidgetElement)
}
