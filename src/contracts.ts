/**
 * The contracts between the parts of TalkDock that load separately: the loader
 * (talkdock.js), the panel chunk, and the voice and attach chunks it loads on first
 * use, plus the outside world each receives (`LoaderEnv`/`MountEnv` for the loader,
 * `WidgetEnv` for the panel and its chunks). Types only: nothing
 * here reaches a bundle. It imports only the lowest layer (src/core, src/stores,
 * src/i18n's types, src/api.ts) and Preact's types, so every layer may import it
 * (test/unit/layers.test.ts checks).
 */
import type { ComponentType } from 'preact'
import type { TalkDockEvents, VoiceStateCode, VoiceStateName } from './api'
import type { ResolvedConfig } from './core/config'
import type { Conversation } from './core/conversation'
import type { Emitter } from './core/emitter'
import type { StorageLike } from './core/persistence'
import type { Clock, FetchLike } from './core/transport'
import type { VOICE_EN } from './i18n/en-voice'
import type { LocaleModule } from './i18n/pick'
import type { Strings, Texts } from './i18n/types'
import type { ReadableAtom } from 'nanostores'
import type { VoiceView } from './stores/voice-view'

// ---------------------------------------------------------------------------
// The outside world. The script-tag entry and the npm entry build the loader's part
// from the browser (src/loader/browser-env.ts) and the panel adds the services only it
// uses (src/panel-env.ts), from the same window; tests build all of it from fakes.

/** What the loader's widget uses (and hands on to the panel). */
export interface LoaderEnv {
  doc: Document
  storage: StorageLike | null
  clock: Clock
  /**
   * Runs `fn` before the next paint, or with `afterPaint` just after it (either way
   * soon, in a background tab).
   */
  frame: (fn: () => void, afterPaint?: boolean) => void
  /** Loads the panel code (a classic-script chunk, or a dynamic import on npm). */
  loadPanel: () => Promise<PanelModule>
  /** Reports an error nobody else can see (console in browsers). */
  report: (err: unknown) => void
  /** The browser's preferred language (`navigator.language`), for the default locale. */
  language?: string
  /** Loads a non-English locale table (a classic-script chunk, or a dynamic import on npm). */
  loadLocale?: (locale: string) => Promise<LocaleModule>
  /** Loads the photo attachment code (a classic-script chunk, or a dynamic import on npm) on first use. */
  loadAttach?: () => Promise<AttachModule>
  /** Loads the voice chunk (with livekit-client) on the first voice start: a classic script, or a dynamic import on npm. */
  loadVoice?: () => Promise<VoiceModule>
  /** Loads the chime's sound (a classic-script chunk, or a dynamic import on npm). */
  loadSound?: () => Promise<SoundModule>
  /**
   * The browser window the panel makes its `BrowserServices` from (src/panel-env.ts),
   * so that talkdock.js does not carry them. Without it (tests), the env has them all.
   */
  win?: Window & typeof globalThis
}

/** The outside services only the panel and its chunks use. */
export interface BrowserServices {
  fetch: FetchLike
  fillRandom: (bytes: Uint8Array) => Uint8Array
  random: () => number
  isOnline: () => boolean
  /** Adds a listener on the window; returns the function that removes it. */
  listenWindow: (type: string, fn: (event: Event) => void) => () => void
  /** The visual viewport, to keep the composer above the on-screen keyboard. */
  visualViewport?: VisualViewport | null
  /** Makes an XMLHttpRequest: photo uploads report progress, which fetch cannot. */
  xhr?: () => XMLHttpRequest
  /** Decodes an image file (createImageBitmap), for downscaling photos on a canvas. */
  decodeImage?: (file: Blob) => Promise<ImageBitmap>
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

/** What a widget is mounted with: the loader's part, with the services or the window to make them from. */
export type MountEnv = LoaderEnv & Partial<BrowserServices>

/** Everything the panel and its chunks use. */
export interface WidgetEnv extends LoaderEnv, BrowserServices {}

/** What the sound chunk exports (src/loader/sound.ts). */
export interface SoundModule {
  /** Plays the chime on a context unlocked in the visitor's click. */
  blip(ctx: AudioContext): void
}

// ---------------------------------------------------------------------------
// Loader and panel chunk.

/**
 * The modules the panel chunk lends to the voice and attach chunks (src/shared.ts,
 * names in src/shared-modules.json): module id to its exports.
 */
export type SharedModules = { readonly [module: string]: { readonly [name: string]: unknown } }

/** What the panel chunk exports (src/panel.ts). */
export interface PanelModule {
  mountPanel(ctx: PanelContext): PanelApi
  /** The modules the panel lends to the voice and attach chunks (src/shared.ts). */
  shared?: SharedModules
}

export interface PanelContext {
  config: ResolvedConfig
  /** Completed by the panel (src/panel-env.ts) where it carries `win`. */
  env: MountEnv
  /** The element in the shadow root the panel renders into. */
  slot: HTMLElement
  addStyles(css: string): void
  emit: Emitter<TalkDockEvents>['emit']
  /** The visitor asked to close the panel (close button, Esc). */
  requestClose(): void
  /** The locale's strings merged with the `strings` option; English fills the gaps. */
  strings?: Strings
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
  update(config: ResolvedConfig, strings?: Strings): void
  /** The composer's unsent text. */
  draft: { get(): string }
  destroy(): void
}

// ---------------------------------------------------------------------------
// Panel and voice chunk. The panel's controller (src/core/voice.ts) keeps the
// state; the chunk's call (src/voice/controller.ts) runs the session and draws the bar.

/** What the voice chunk exports (src/voice/chunk.ts) that the panel uses. */
export interface VoiceModule {
  /** Makes the call for the panel's controller. */
  createVoiceCall(voice: VoiceHost): VoiceCall
}

/** The call as the panel and the bar show it (src/stores/voice-view.ts). */
export type { VoiceView }

export interface VoiceControllerDeps {
  config: ResolvedConfig
  conversation: Conversation
  /** `loadVoice` (the chunk), and for the chunk: fetch, clock, doc, mediaDevices, fillRandom. */
  env: WidgetEnv
  /** The panel's element: the chunk puts the agent's <audio> elements in a hidden box after it. */
  slot: HTMLElement
  /** The panel's strings; the chunk reads them over the English ones it carries (src/i18n/en-voice.ts). */
  t: Texts
  /** Adds the voice bar's styles (they come with the chunk). */
  addStyles(css: string): void
  /** Says the call's states through the panel's live region (the chunk does, with its strings). */
  announce(text: string): void
  /** The widget's events: `voicestate` and `error`. */
  emit: PanelContext['emit']
}

/** The panel's voice controller (src/core/voice.ts `createVoiceController`). */
export interface VoiceController {
  readonly view: ReadableAtom<VoiceView>
  /**
   * Starts a call; the first time (unless `explained`), the chunk's bar first
   * explains why the microphone is needed. Resolves when the attempt settled; never rejects.
   */
  start(explained?: boolean): Promise<void>
  /** Hides the microphone notice ("Not now") or the failure (Dismiss). */
  dismiss(): void
  /** Ends the call; resolves when the room, microphone and audio elements are released. */
  stop(): Promise<void>
  /** True from the start until the call ended or failed (typed text then goes to the agent). */
  active(): boolean
  /** Sends typed text to the agent over the room and logs it; false when no call is active. */
  sendText(text: string): boolean
  /** Starts downloading the voice chunk (hover or focus on "Start voice"). */
  prefetch(): void
  /** The chunk's call (with its bar), once it loaded. */
  call?: VoiceCall
  destroy(): void
}

/** The controller as the voice chunk's call sees it: its dependencies and its state. */
export interface VoiceHost extends VoiceController, VoiceControllerDeps {
  set(patch: Partial<VoiceView>): void
  /** Sets the state and emits `voicestate`; an inactive one marks what still waits in `pending` undelivered. */
  setState(state: VoiceStateName, extra?: { code?: VoiceStateCode; message?: string }): void
  /** Marks typed text (logged as `id`) as not delivered to the agent. */
  undelivered(id: string): void
  /** Typed while the room is not connected: the call sends them once it is. */
  pending: Array<{ id: string; text: string }>
  /** Bumped by start, stop and destroy: a start still waiting for the chunk gives up. */
  gen: number
}

/** Props of the voice bar (src/voice/VoiceBar.tsx), which the panel's VoiceSlot renders. */
export interface VoiceBarProps {
  v: VoiceView
  call: VoiceCall
}

/** The voice chunk's call (src/voice/controller.ts `createVoiceCall`): it runs the session and draws the bar. */
export interface VoiceCall {
  /** The voice bar (the panel's VoiceSlot renders it with this call). */
  Bar: ComponentType<VoiceBarProps>
  /** The panel's controller. */
  voice: VoiceHost
  /** The panel's strings over the English ones this chunk carries. */
  t: Texts & typeof VOICE_EN
  /**
   * The panel's start, once this chunk is here: shows the first-time microphone
   * notice (`explain`), or starts (or restarts) the session (the panel already
   * said `requesting-mic`). Never rejects.
   */
  begin(explain?: boolean): Promise<void>
  /** "Continue" on the microphone notice: remembered, then the call starts. */
  confirm(): Promise<void>
  /** Ends the session, if any; never rejects. */
  end(): Promise<void>
  /** Sends text (already in the log as `id`) to the agent, once the room is connected; a failure marks it undelivered. */
  send(id: string, text: string): void
  setMuted(muted: boolean): void
  press(): void
  release(): void
  /** "Tap to enable audio": must run inside the click. */
  startAudio(): void
  /** Ends the call and removes the audio box (the panel is going away). */
  destroy(): void
}

// ---------------------------------------------------------------------------
// Panel and attach chunk: the panel keeps a tiny paperclip button and preview
// (src/widget/AttachButton.tsx); the chunk validates, downscales and uploads.

/** Why a photo was refused or failed: `type` (not an accepted image), `size` (over maxImageBytes),
 * `decode` (the browser cannot read it), `upload` (the upload endpoint failed). */
export type PhotoError = 'type' | 'size' | 'decode' | 'upload'

/** A photo ready to send. */
export interface PreparedPhoto {
  /** What goes in the request's `image`: the uploaded URL, or a JPEG data URL of at most 4,096 characters. */
  image: string
  /** A small JPEG data URL of the photo for the visitor's own bubble and the preview. */
  preview: string
  width: number
  height: number
  /** Bytes of the downscaled JPEG. */
  bytes: number
}

export interface PrepareOptions {
  maxBytes: number
  maxDimension: number
  /** Full URL of the upload endpoint; without it (or when it fails) the photo is sent as a small data URL. */
  uploadUrl?: string
  /** Longest data URL sent inline. Default 4096, the deployed backend's `image` limit. */
  maxImageChars?: number
  apiKey?: string
  doc: Document
  decode: (file: Blob) => Promise<ImageBitmap>
  xhr?: () => XMLHttpRequest
  /** The thumbnail is ready (before the upload starts). */
  onPreview?: (dataUrl: string) => void
  /** Upload progress, 0..1. */
  onProgress?: (fraction: number) => void
  /** Aborts the upload (the visitor removed the photo). */
  signal?: AbortSignal
}

/** The composer's photo, as the panel shows it. */
export interface PhotoState {
  /** Thumbnail (data URL) once downscaled. */
  preview?: string
  /** Ready to send. */
  ready?: PreparedPhoto
  /** Upload progress 0..1 while uploading. */
  progress?: number
  /** Why it was refused, for people. */
  error?: string
}

/** One composer's photos in the attach chunk: the panel hands each file over and draws `Preview`. */
export interface Photos {
  /** Checks, downscales and uploads `file` (removing the previous photo), reporting its state. */
  add(file: File): Promise<void>
  /** Removes the photo: its upload is aborted and its later reports ignored. */
  clear(): void
  /** The photo's state as the composer shows it: thumbnail, progress and "Remove photo", or why it was refused. */
  Preview: ComponentType<{ s: PhotoState; t: Texts }>
}

/** What the attach chunk exports. */
export interface AttachModule {
  /** A composer's photos (src/attach/ui.tsx); adds the preview's styles. */
  photos(o: Omit<AttachOptions, 'signal'> & { addStyles(css: string): void }): Photos
  /** Checks, downscales and uploads one photo, reporting its state (src/attach/ui.tsx). */
  attach(file: File, o: AttachOptions): Promise<void>
  /** The attached photo's thumbnail, progress and "Remove photo" (src/attach/ui.tsx). */
  AttachPreview: ComponentType<{ s: PhotoState; t: Texts; clear: () => void }>
  /** Checks type and size without reading the file; null when acceptable. */
  check(file: { type: string; name?: string; size: number }, maxBytes: number): PhotoError | null
  /** Checks, downscales and (with an upload URL) uploads; rejects with a {@link PhotoError}. */
  prepare(file: File | Blob, opts: PrepareOptions): Promise<PreparedPhoto>
}

/** What `attach` works with: the config, the outside world, the strings, the photo's abort signal, and where it reports the photo's state. */
export interface AttachOptions {
  config: ResolvedConfig
  env: WidgetEnv
  t: Texts
  signal: AbortSignal
  /** Reports the photo's state (`photos` ignores a photo's reports once it was removed or replaced). */
  set(s: PhotoState | null | ((s: PhotoState | null) => PhotoState | null)): void
}
