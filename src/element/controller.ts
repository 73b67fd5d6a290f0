/**
 * What a `<talkdock-widget>` does once it hosts a widget of its own: one controller per
 * element. The script tag loads this as a chunk (dist/talkdock-element.js) when the first
 * such element appears; the npm entry (`talkdock/element`) bundles it. The registered
 * class itself (./define.ts) is small and forwards here.
 *
 * - Connected, it mounts at once (through `mount`, which hosts the widget in the element).
 * - Attribute and property changes are batched to a microtask, then taken live
 *   (`update`) or, for the options a widget cannot change live, by mounting a new
 *   widget with the composer's text carried over.
 * - Disconnected (and not put back before the next microtask: a move), it is destroyed.
 * - The widget's events are re-dispatched as `talkdock-<event>` CustomEvents
 *   (bubbling, composed) with the `on()` payloads.
 * - Hosts the loader makes for its own widget (shadow root attached before they are
 *   connected) and placeholders waiting for `init()` are left alone.
 */
import type { TalkDockEvents } from '../api'
import { configFromDataset, resolveConfig, type ResolvedConfig } from '../core/config'
import type { Emitter } from '../core/emitter'
import { ATTRIBUTES, isPlaceholder, NAMES, noWidget } from '../loader/attributes'
import type { MountedWidget } from '../loader/mount'

/**
 * The options a mounted widget cannot take live (its storage, conversation key,
 * limits the send machine holds, its stylesheets and launcher): a change needs a
 * new widget (see `needsRemount`).
 */
const REMOUNT = ['apiUrl', 'conversationKey', 'storage', 'sessionTtlHours', 'maxMessageLength', 'historyLimit', 'customCss', 'launcherText', 'launcherIcon'] as const

/** Whether going from `prev` to `next` needs a new widget rather than `update`. */
export const needsRemount = (prev: ResolvedConfig, next: ResolvedConfig) => REMOUNT.some((k) => next[k] !== prev[k])

/** Mounts a widget hosted in `el`, with its options, events and the text to put back in the composer. */
export type MountInElement = (config: ResolvedConfig, events: Emitter<TalkDockEvents>, el: HTMLElement, draft?: string) => MountedWidget

/** What the registered class lends every controller (the same for all elements of a window). */
export interface ElementDeps {
  win: Window & typeof globalThis
  mount: MountInElement
  /** The API origin for an element without `api-url`. */
  api: string
}

/** One element's controller, as the registered class calls it. */
export interface ElementController {
  /** Connected: mounts at once unless a widget is already there (a move). */
  connect(): void
  /** An attribute, a property or the connection changed: brought in line in a microtask. */
  change(): void
  /** A handle method on the element (`open`, `send`…). */
  call(method: string, args: unknown[]): unknown
}

/** What dist/talkdock-element.js exports (and the npm entry passes as it is). */
export interface ElementModule {
  control: typeof control
}

/** The controller of `el`, whose set properties are `props` (the class's own object, read on every sync). */
export function control(el: HTMLElement, props: Record<string, unknown>, { win, mount, api }: ElementDeps): ElementController {
  let widget: MountedWidget | null = null
  /** The options the widget has, and whether it was mounted inline. */
  let config: ResolvedConfig
  let inline: boolean
  /** The widget's events, dispatched on the element; made with the first widget, kept for the element's lifetime. */
  let events: Emitter<TalkDockEvents> | undefined
  let queued = false

  /** Brings the widget in line with the element: mounted while connected, with its current options. */
  function sync(): void {
    queued = false
    // Someone else's host: the loader's own, or a page element TalkDock.init() uses; or a
    // placeholder waiting for init() (`inline` and no option attribute).
    if (el.shadowRoot ? !events : isPlaceholder(el, props)) return
    let w = widget
    if (!el.isConnected) {
      w?.destroy()
      widget = null
      return
    }
    // Attributes, then properties (which win), read like the script tag's dataset: a bare boolean attribute (`enable-voice`) is true.
    const attrs: Record<string, string | undefined> = {}
    for (const [i, k] of NAMES.entries()) attrs[k] = el.getAttribute(ATTRIBUTES[i]) ?? undefined
    // A connected element's nonce attribute reads empty (browsers hide it); the property keeps it.
    attrs.nonce = el.nonce || attrs.nonce
    // An element's id keeps its conversation apart from other widgets on the same backend (unless conversation-key says otherwise).
    const next = resolveConfig({ conversationKey: el.id || undefined, ...configFromDataset(attrs), ...props }, api)
    // `inline` added or removed needs a new widget too.
    if (w && el.hasAttribute('inline') === inline && !needsRemount(config, next)) w.update(next)
    else {
      const draft = w?.draft()
      w?.destroy()
      // A listener that throws is reported by the browser and stops nothing. (Only `emit`:
      // the element's handle, with its `on`, is never given out.)
      events ||= {
        emit: (name: string, detail: unknown) => el.dispatchEvent(new win.CustomEvent(`talkdock-${name}`, { detail, bubbles: true, composed: true })),
      } as unknown as Emitter<TalkDockEvents>
      inline = el.hasAttribute('inline')
      widget = w = mount(next, events, el, draft)
    }
    config = next
    // `user` and `context` go to the widget on every sync (a new widget needs them; the same value again changes nothing).
    if ('user' in props) w.identify(props.user as never)
    if ('context' in props) w.setContext(props.context as never)
  }

  return {
    connect: () => void (widget || sync()),
    change() {
      if (!queued) {
        queued = true
        Promise.resolve().then(sync)
      }
    },
    call(method, args) {
      const w = widget as unknown as Record<string, (...a: unknown[]) => unknown> | null
      return w ? w[method](...args) : noWidget(method)
    },
  }
}
