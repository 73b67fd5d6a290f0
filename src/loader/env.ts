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
  /**
   * Runs `fn` before the next paint, or with `afterPaint` just after it (either way
   * soon, in a background tab).
   */
  frame: (fn: () => void, afterPaint?: boolean) => void
  isOnline: () => boolean
  /** Adds a listener on the window; returns the function that removes it. */
  listenWindow: (type: string, fn: (event: Event) => void) => () => void
  /** Loads the panel code (a classic-script chunk, or a dynamic import on npm). */
  loadPanel: () => Promise<PanelModule>
  /** Reports an error nobody else can see (console in browsers). */
  report: (err: unknown) => void
  /** The browser's preferred language (`navigator.language`), for the default locale. */
  language?: string
  /** Loads a non-English locale table (a classic-script chunk, or a dynamic import on npm). */
  loadLocale?: (locale: string) => Promise<import('../i18n/pick').LocaleModule>
  /** The visual viewport, to keep the composer above the on-screen keyboard. */
  visualViewport?: VisualViewport | null
  /** Loads the photo attachment code (a classic-script chunk, or a dynamic import on npm) on first use. */
  loadAttach?: () => Promise<import('../attach/types').AttachModule>
  /** Makes an XMLHttpRequest: photo uploads report progress, which fetch cannot. */
  xhr?: () => XMLHttpRequest
  /** Decodes an image file (createImageBitmap), for downscaling photos on a canvas. */
  decodeImage?: (file: Blob) => Promise<ImageBitmap>
  /** Loads the voice chunk (with livekit-client) on the first voice start: a classic script, or a dynamic import on npm. */
  loadVoice?: () => Promise<VoiceModule>
  /** The browser's media devices (the microphone, for voice). */
  mediaDevices?: MediaDevices
  /**
   * Plays a short, quiet chime (a reply arrived while the panel was hidden). With
   * `prime`, only unlocks audio: call it inside the click that turns sound on.
   */
  chime?: (prime?: boolean) => void
  /** Whether the page is in a background tab. */
  pageHidden?: () => boolean
}

/** What the voice chunk exports (src/voice/chunk.ts). A type only: no voice code in the loader or panel. */
export type VoiceModule = typeof import('../voice/chunk')

/** What the panel chunk exports. */
export interface PanelModule {
  mountPanel(ctx: PanelContext): PanelApi
  /** The modules the panel lends to the voice and attach chunks (src/shared.ts). */
  shared?: import('../shared').SharedModules
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
  /** The locale's strings merged with the `strings` option; English fills the gaps. */
  strings?: import('../i18n/en').Strings
  /** identify()/setContext() values given before the panel loaded; `draft`: text for an empty composer (a widget mounted again). */
  pending?: { user?: unknown; context?: unknown; draft?: string }
}

export interface PanelApi {
  /** The panel became visible: move focus into it. */
  opened(): void
  send(text: string): void
  identify(user: unknown): void
  setContext(context: unknown): void
  /** Starts a voice call (TalkDock.startVoice()); resolves when the attempt settled, never rejects. */
  startVoice(): Promise<void>
  /** Ends the voice call, if any (End voice, TalkDock.stopVoice(), closing the panel). */
  stopVoice(): Promise<void>
  /**
   * New options and strings, taken live (a `<talkdock-widget>` attribute changed): the panel
   * renders again with them; the conversation, a running reply and a voice call go on.
   */
  update(config: import('../core/config').ResolvedConfig, strings?: import('../i18n/en').Strings): void
  /** The composer's unsent text. */
  draft: { get(): string }
  destroy(): void
}
