/**
 * The outside world as the widget sees it. The script-tag entry and the npm entry
 * build one from the browser; tests build one from fakes.
 */
import type { StorageLike } from '../core/persistence'
import type { Clock, FetchLike } from '../core/transport'

export interface WidgetEnv {
  doc: Document
  storage: StorageLike | null
  fetch: FetchLike
  clock: Clock
  fillRandom: (bytes: Uint8Array) => Uint8Array
  random: () => number
  /** Runs `fn` before the next paint (or soon, in a background tab). */
  frame: (fn: () => void) => void
  isOnline: () => boolean
  /** Adds a listener on the window; returns the function that removes it. */
  listenWindow: (type: string, fn: (event: Event) => void) => () => void
  /** Loads the panel code (a classic-script chunk, or a dynamic import on npm). */
  loadPanel: () => Promise<PanelModule>
  /** Reports an error nobody else can see (console in browsers). */
  report: (err: unknown) => void
}

/** What the panel chunk exports. */
export interface PanelModule {
  mountPanel(ctx: PanelContext): PanelApi
}

export interface PanelContext {
  config: import('../core/config').ResolvedConfig
  env: WidgetEnv
  /** The element in the shadow root the panel renders into. */
  slot: HTMLElement
  addStyles(css: string): void
  emit: import('../core/emitter').Emitter<import('../api').TalkDockEvents>['emit']
  /** The visitor asked to close the panel (close button, Esc). */
  requestClose(): void
}

export interface PanelApi {
  /** The panel became visible: move focus into it. */
  opened(): void
  send(text: string): void
  destroy(): void
}
