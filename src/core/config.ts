import type { Strings } from '../i18n/en'
import { parseObject } from './json'

/** Where the visitor's conversation is kept between page loads. */
export type StorageKind = 'local' | 'session' | 'none'

/**
 * Options accepted by `TalkDock.init(config)`, `createWidget(config)` and, in
 * kebab-case, by the script tag's `data-*` attributes (`botName` ↔ `data-bot-name`).
 */
export interface TalkDockConfig {
  /** Base URL of the backend. Default: the origin the script was loaded from (npm: the page's origin). */
  apiUrl?: string
  /** Sent as `X-API-Key` on every request when set. */
  apiKey?: string
  /** Path of the text agent endpoint. Default `/api/chatkit/agent`. */
  agentPath?: string
  /** Path of the LiveKit token endpoint. Default `/api/livekit/token`. */
  tokenPath?: string
  /** The assistant's name: the panel's title and accessible name. Default `Assistant`. */
  botName?: string
  /** A line under the name in the header. Default none. */
  botSubtitle?: string
  /** First assistant message shown in an empty conversation (not sent to the agent). Default none. */
  greeting?: string
  /** Placeholder of the composer. Default `Type a message…`. */
  placeholder?: string
  /** Longest message the composer sends, in characters. Default 1000 (the backend's limit). */
  maxMessageLength?: number
  /** How many earlier turns go along as `history`. Default 20. */
  historyLimit?: number
  /** Milliseconds before a request counts as timed out. Default 30000. */
  timeoutMs?: number
  /** Where the conversation is kept. Default `local`. */
  storage?: StorageKind
  /** Hours a conversation is kept after its last activity. Default 24. */
  sessionTtlHours?: number
  /** Open the panel as soon as the widget boots. Default false. */
  openOnLoad?: boolean
  /** Primary (brand) colour, any CSS colour. Default `#2563eb`. */
  primaryColor?: string
  /** `bottom-right` or `bottom-left`. Default `bottom-right`. */
  position?: 'bottom-right' | 'bottom-left'
  /** Offer voice (needs the LiveKit token endpoint). Default false. */
  enableVoice?: boolean
  /**
   * Voice options. `pushToTalk`: the microphone is live only while the visitor holds the
   * "Hold to talk" button (or Space outside the composer). Default false. As data
   * attributes: `data-voice-push-to-talk` or `data-voice='{"pushToTalk":true}'`.
   * `agentTimeoutMs` (default 20000, for tests and demos): how long to wait for the
   * voice agent to be ready before ending the call with a message.
   */
  voice?: VoiceOptions
  /** Nonce for `<style>` elements on browsers without constructable stylesheets. */
  nonce?: string
  /**
   * Render inline inside this element instead of floating over the page. A CSS
   * selector works too (`data-container="#chat"`); a `<talkdock-widget inline>`
   * element already on the page is used without this option.
   */
  container?: HTMLElement | string
  /**
   * UI language: `en`, `zh` (Simplified Chinese), `ms`, `ta`, or `ar` (a right-to-left
   * sample); region tags such as `zh-SG` work. Default: the page's `<html lang>`, else
   * the browser's language, else `en`. Non-English tables load as their own small file.
   */
  locale?: string
  /**
   * Per-string overrides of the locale table, e.g. `{ send: "Go", e_network: "…" }`
   * (keys in src/i18n/en.ts; error messages as `e_<code>`). A data attribute takes JSON.
   */
  strings?: Strings
  /** `light`, `dark` or `auto` (follows the visitor's `prefers-color-scheme`). Default `light`. */
  theme?: 'light' | 'dark' | 'auto'
  /** Panel text colour (sets `--td-text`). Default: the theme's. */
  textColor?: string
  /** Panel background colour (sets `--td-bg`). Default: the theme's. */
  backgroundColor?: string
  /** Font family (sets `--td-font`). Default: the system UI font. */
  fontFamily?: string
  /** Panel corner radius in px (sets `--td-radius`). Default 16. */
  radius?: number
  /** Extra CSS added last inside the widget's shadow root (the escape hatch). */
  customCss?: string
  /** Distance in px from the left/right edge of the viewport (floating mode). Default 20. */
  offsetX?: number
  /** Distance in px from the bottom of the viewport (floating mode). Default 20. */
  offsetY?: number
  /** Text shown next to the launcher icon (the launcher becomes a pill). Default none. */
  launcherText?: string
  /** URL of an image shown instead of the launcher's chat icon. Default the built-in icon. */
  launcherIcon?: string
  /**
   * Starter prompts shown as buttons in an empty conversation; a click sends one.
   * A data attribute takes `A|B|C` or a JSON array. Default none.
   */
  starterPrompts?: string[]
  /**
   * Path of the photo upload endpoint (`POST {apiUrl}{uploadPath}`, multipart field `file`,
   * answering `{"url": "..."}`); the returned URL is sent as the request's `image`.
   * Default none: the photo is sent inline as a JPEG data URL (see README "Photo attachments").
   */
  uploadPath?: string
  /** Largest photo accepted, in bytes, before downscaling. Default 10485760 (10 MB). */
  maxImageBytes?: number
  /** Photos are downscaled so neither side exceeds this many pixels (sent as JPEG). Default 1280. */
  maxImageDimension?: number
}

/** See `TalkDockConfig.voice`. */
export interface VoiceOptions {
  pushToTalk?: boolean
  agentTimeoutMs?: number
}

/** The config with every default filled in. */
export interface ResolvedConfig {
  apiUrl: string
  apiKey: string
  agentPath: string
  tokenPath: string
  botName: string
  botSubtitle: string
  greeting: string
  placeholder: string
  maxMessageLength: number
  historyLimit: number
  timeoutMs: number
  storage: StorageKind
  sessionTtlHours: number
  openOnLoad: boolean
  primaryColor: string
  position: 'bottom-right' | 'bottom-left'
  enableVoice: boolean
  voice: VoiceOptions
  nonce: string
  container: HTMLElement | string | null
  locale: string
  strings: Strings
  theme: 'light' | 'dark' | 'auto'
  textColor: string
  backgroundColor: string
  fontFamily: string
  radius: number
  customCss: string
  offsetX: number
  offsetY: number
  launcherText: string
  launcherIcon: string
  starterPrompts: string[]
  uploadPath: string
  maxImageBytes: number
  maxImageDimension: number
}

/**
 * The defaults of the options the loader needs to show the launcher (placement,
 * look, locale, storage, whether to open), resolved at boot by `resolveLauncherConfig`.
 */
export const LAUNCHER_DEFAULTS: Pick<ResolvedConfig, LauncherKey> = {
  storage: 'local',
  openOnLoad: false,
  primaryColor: '#2563eb',
  position: 'bottom-right',
  enableVoice: false,
  nonce: '',
  container: null,
  locale: '',
  strings: {},
  theme: 'light',
  textColor: '',
  backgroundColor: '',
  fontFamily: '',
  radius: 16,
  customCss: '',
  offsetX: 20,
  offsetY: 20,
  launcherText: '',
  launcherIcon: '',
}

/**
 * The defaults of the options that matter only once the panel opens: resolved in the
 * panel chunk (`resolvePanelOptions`), so talkdock.js carries neither them nor their coercion.
 */
export const PANEL_DEFAULTS: Omit<ResolvedConfig, LauncherKey | 'apiUrl'> = {
  apiKey: '',
  agentPath: '/api/chatkit/agent',
  tokenPath: '/api/livekit/token',
  botName: 'Assistant',
  botSubtitle: '',
  greeting: '',
  placeholder: 'Type a message…',
  maxMessageLength: 1000,
  historyLimit: 20,
  timeoutMs: 30000,
  sessionTtlHours: 24,
  voice: {},
  starterPrompts: [],
  uploadPath: '',
  maxImageBytes: 10485760, // 10 MiB (a literal: esbuild keeps an unused object holding arithmetic)
  maxImageDimension: 1280,
}

/** Every option's default (apiUrl's depends on where the script came from). Pure: bundles that do not use it drop it. */
export const DEFAULTS: Omit<ResolvedConfig, 'apiUrl'> = /* @__PURE__ */ Object.assign({}, PANEL_DEFAULTS, LAUNCHER_DEFAULTS)

type LauncherKey =
  | 'storage' | 'openOnLoad' | 'primaryColor' | 'position' | 'enableVoice' | 'nonce' | 'container' | 'locale' | 'strings'
  | 'theme' | 'textColor' | 'backgroundColor' | 'fontFamily' | 'radius' | 'customCss' | 'offsetX' | 'offsetY' | 'launcherText' | 'launcherIcon'

/** What the script-tag loader resolves at boot: the launcher's options and `apiUrl`. */
export type LauncherConfig = Pick<ResolvedConfig, LauncherKey | 'apiUrl'>

/**
 * The input keys only the panel reads: those of PANEL_DEFAULTS and the
 * `voicePushToTalk` data attribute (test/unit/config-split.test.ts keeps them in
 * step). The loader copies exactly these from `init`'s input at boot, so the panel
 * later resolves what it was given then.
 */
export const PANEL_KEYS = [
  'apiKey', 'agentPath', 'tokenPath', 'botName', 'botSubtitle', 'greeting', 'placeholder', 'maxMessageLength', 'historyLimit',
  'timeoutMs', 'sessionTtlHours', 'voice', 'starterPrompts', 'uploadPath', 'maxImageBytes', 'maxImageDimension', 'voicePushToTalk',
]

/**
 * Fills defaults and coerces loosely typed input (data attributes are strings)
 * into a valid config. Never throws: a bad value falls back to its default.
 */
export function resolveConfig(input: Record<string, unknown>, fallbackApiUrl: string): ResolvedConfig {
  return { ...DEFAULTS, ...resolvePanelOptions(input), ...resolveLauncherConfig(input, fallbackApiUrl) }
}

/** The launcher's part of `resolveConfig` (what talkdock.js resolves at boot). */
export function resolveLauncherConfig(input: Record<string, unknown>, fallbackApiUrl: string): LauncherConfig {
  const out = fill(LAUNCHER_DEFAULTS, input, coerceLauncher)
  if (out.storage !== 'local' && out.storage !== 'session' && out.storage !== 'none') out.storage = 'local'
  if (out.position !== 'bottom-left') out.position = 'bottom-right'
  if (out.theme !== 'dark' && out.theme !== 'auto') out.theme = 'light'
  const api = typeof input.apiUrl === 'string' && input.apiUrl ? input.apiUrl : fallbackApiUrl
  out.apiUrl = api.replace(/\/+$/, '')
  return out as unknown as LauncherConfig
}

/** The panel's part of `resolveConfig`: every option the launcher does not need. */
export function resolvePanelOptions(input: Record<string, unknown>): typeof PANEL_DEFAULTS {
  const out = fill(PANEL_DEFAULTS, input, coercePanel)
  const ptt = input.voicePushToTalk
  if (ptt !== undefined && ptt !== null) out.voice = { ...(out.voice as VoiceOptions), pushToTalk: ptt === true || ptt === 'true' || ptt === '' || ptt === '1' }
  return out as unknown as typeof PANEL_DEFAULTS
}

type Coerce = (key: string, value: unknown, out: Record<string, unknown>, def: unknown) => void

/** Copies `defaults` and coerces each of its keys from `input` over it; a bad value leaves the default there. */
function fill(defaults: object, input: Record<string, unknown>, coerce: Coerce): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults }
  for (const key of Object.keys(defaults)) {
    try {
      const value = input[key]
      if (value !== undefined && value !== null && value !== '') coerce(key, value, out, out[key])
    } catch {
      // A value that cannot even be converted (a Symbol, an object without a prototype): keep the default.
    }
  }
  return out
}

/** One launcher option: the booleans, `container`, the px numbers, `strings`, the strings. */
function coerceLauncher(key: string, value: unknown, out: Record<string, unknown>, def: unknown): void {
  if (typeof def === 'boolean') {
    out[key] = value === true || value === 'true' || value === '' || value === '1'
  } else if (key === 'container') {
    out[key] = typeof value === 'object' || typeof value === 'string' ? value : null
  } else if (typeof def === 'number') {
    // offsetX, offsetY, radius
    const n = Number(value)
    if (Number.isFinite(n) && n >= 0) out[key] = n
  } else if (key === 'strings') {
    const o = typeof value === 'string' ? parseJson(value) : value
    if (o && typeof o === 'object' && !Array.isArray(o)) out[key] = o
  } else if (typeof def === 'string') {
    out[key] = String(value)
  }
}

/** One panel option: the positive numbers (every number in PANEL_DEFAULTS), `voice`, `starterPrompts`, the strings. */
function coercePanel(key: string, value: unknown, out: Record<string, unknown>, def: unknown): void {
  if (typeof def === 'number') {
    const n = Number(value)
    // historyLimit may be 0 (send no history); the others must be positive.
    if (Number.isFinite(n) && (n > 0 || (key === 'historyLimit' && n === 0))) out[key] = n
  } else if (key === 'voice') {
    const o = typeof value === 'string' ? parseObject(value) : (value as Record<string, unknown> | null)
    if (o && typeof o === 'object') {
      const ms = Number(o.agentTimeoutMs)
      out[key] = { pushToTalk: o.pushToTalk === true || o.pushToTalk === 'true', ...(ms > 0 && { agentTimeoutMs: ms }) }
    }
  } else if (key === 'starterPrompts') {
    const a = typeof value === 'string' ? (value.trim()[0] === '[' ? parseObject(value) : value.split('|')) : value
    if (Array.isArray(a)) out[key] = a.filter((p): p is string => typeof p === 'string' && !!p.trim()).slice(0, 6)
  } else if (typeof def === 'string') {
    out[key] = String(value)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** `data-bot-name` → `botName`: reads a script tag's dataset into config input. */
export function configFromDataset(dataset: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(dataset)) if (v !== undefined) out[k] = v
  return out
}
