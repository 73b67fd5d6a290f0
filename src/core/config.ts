import type { Strings } from '../i18n/types'

/** Where the visitor's conversation is kept between page loads. */
export type StorageKind = 'local' | 'session' | 'none'

/**
 * Options accepted by `TalkDock.init(config)`, `createWidget(config)` and, in
 * kebab-case, by the script tag's `data-*` attributes (`botName` ↔ `data-bot-name`).
 */
export interface TalkDockConfig {
  /** Base URL of the backend. Default: the origin the script was loaded from (npm: the page's origin). */
  apiUrl?: string
  /**
   * Sent as `X-API-Key` on agent requests (and photo uploads) when set. The token
   * request carries it only with `tokenApiKey` (the deployed backend's token route
   * does not allow the header cross-origin).
   */
  apiKey?: string
  /**
   * Also send `apiKey` as `X-API-Key` on the LiveKit token request. Default false: turn
   * it on once the token route's CORS allows `X-API-Key` (see docs/backend.md).
   */
  tokenApiKey?: boolean
  /**
   * Also send the idempotency key as an `Idempotency-Key` header (it always travels in the
   * JSON body as `idempotencyKey`). Default false: turn it on once the agent route's CORS
   * allows that header (see docs/backend.md).
   */
  idempotencyHeader?: boolean
  /**
   * The agent's token budget: `history` is trimmed (oldest turns first, then long
   * assistant turns shortened) so that `ceil((message + history text) / 4)` stays a
   * safety margin (5%) under it. Default 4000, the deployed backend's limit.
   */
  tokenBudget?: number
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
  /** How many earlier turns go along as `history`. Default 20 (also the most the backend reads). */
  historyLimit?: number
  /** Milliseconds before a request counts as timed out. Default 30000. */
  timeoutMs?: number
  /** Where the conversation is kept. Default `local`. */
  storage?: StorageKind
  /** Hours a conversation is kept after its last activity. Default 24. */
  sessionTtlHours?: number
  /**
   * Keeps this widget's conversation apart from other widgets on the same `apiUrl`
   * (two bots on one backend). Default: none (one conversation per `apiUrl`); a
   * `<talkdock-widget>` with an `id` uses its id.
   */
  conversationKey?: string
  /** Open the panel as soon as the widget boots. Default false. */
  openOnLoad?: boolean
  /** Primary (brand) colour, any CSS colour. Default `#2563eb`. */
  primaryColor?: string
  /** `bottom-right` or `bottom-left`. Default `bottom-right`. */
  position?: 'bottom-right' | 'bottom-left'
  /**
   * Offer voice (needs the LiveKit token endpoint). Default false (`TradeZoneChatEnhanced.init`
   * keeps the old widget's default, true). A bare `data-enable-voice` attribute means true.
   */
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
   * Default none: the photo is sent inline as a JPEG data URL, downscaled and re-encoded
   * until it is at most 4,096 characters (the deployed backend's `image` limit); the same
   * happens when the upload fails.
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
  tokenApiKey: boolean
  idempotencyHeader: boolean
  tokenBudget: number
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
  conversationKey: string
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
 * Every option's default (apiUrl's depends on where the script came from). The
 * type of each default drives its coercion (`resolveConfig`). `botName` and
 * `placeholder` default to empty: the panel shows the locale's words instead.
 */
export const DEFAULTS: Omit<ResolvedConfig, 'apiUrl'> = {
  apiKey: '',
  tokenApiKey: false,
  idempotencyHeader: false,
  tokenBudget: 4000,
  agentPath: '/api/chatkit/agent',
  tokenPath: '/api/livekit/token',
  botName: '',
  botSubtitle: '',
  greeting: '',
  placeholder: '',
  maxMessageLength: 1000,
  historyLimit: 20,
  timeoutMs: 30000,
  storage: 'local',
  sessionTtlHours: 24,
  conversationKey: '',
  openOnLoad: false,
  primaryColor: '#2563eb',
  position: 'bottom-right',
  enableVoice: false,
  voice: {},
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
  starterPrompts: [],
  uploadPath: '',
  maxImageBytes: 10485760, // 10 MiB
  maxImageDimension: 1280,
}

/** The options taking one of a few words; anything else leaves the default (the first). */
const CHOICES: Record<string, string[]> = {
  storage: ['local', 'session', 'none'],
  position: ['bottom-right', 'bottom-left'],
  theme: ['light', 'dark', 'auto'],
}

/** The numbers that may be 0 (no history; square corners; flush with the edge); the others must be positive. */
const ZERO_OK = ['historyLimit', 'radius', 'offsetX', 'offsetY']

/** `true`, `"true"`, `"1"` (and, where noted, `""`: a bare data attribute) are true; anything else false. */
const truthy = (v: unknown, bare?: boolean) => v === true || v === 'true' || v === '1' || (!!bare && v === '')

/**
 * Fills defaults and coerces loosely typed input (data attributes are strings)
 * into a valid config, one rule per type of default. Never throws: a bad value
 * (or one that cannot even be read or converted) falls back to its default; so
 * do `undefined`, `null` and `""`. Unknown keys are dropped.
 */
export function resolveConfig(input: Record<string, unknown>, fallbackApiUrl: string): ResolvedConfig {
  const out: Record<string, unknown> = { ...DEFAULTS }
  for (const [key, def] of Object.entries(DEFAULTS) as [string, unknown][]) {
    try {
      const value = input[key]
      if (value === undefined || value === null || value === '') continue
      if (typeof def === 'boolean') out[key] = truthy(value)
      else if (typeof def === 'number') {
        const n = Number(value)
        if (Number.isFinite(n) && (n > 0 || (n === 0 && ZERO_OK.includes(key)))) out[key] = n
      } else if (typeof def === 'string') {
        const s = String(value)
        if (!CHOICES[key] || CHOICES[key].includes(s)) out[key] = s
      } else if (!def) {
        // container: an element or a selector.
        if (typeof value === 'object' || typeof value === 'string') out[key] = value
      } else if (Array.isArray(def)) {
        // starterPrompts: an array, `A|B|C` or a JSON array; at most 6 non-blank strings.
        const a = typeof value === 'string' ? (value.trim()[0] === '[' ? JSON.parse(value) : value.split('|')) : value
        if (Array.isArray(a)) out[key] = a.filter((p): p is string => typeof p === 'string' && !!p.trim()).slice(0, 6)
      } else {
        // voice, strings: an object, or its JSON.
        const o = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown> | null
        if (o && typeof o === 'object' && !Array.isArray(o)) out[key] = key === 'voice' ? voiceOptions(o) : o
      }
    } catch {
      // A value that cannot even be read or converted (a throwing getter, a Symbol, an object
      // without a prototype, JSON that does not parse).
    }
  }
  let api: unknown
  try {
    api = input.apiUrl
    // data-voice-push-to-talk: present means on.
    const ptt = input.voicePushToTalk
    if (ptt !== undefined && ptt !== null) out.voice = { ...(out.voice as VoiceOptions), pushToTalk: truthy(ptt, true) }
  } catch {
    // A throwing getter: what was read so far.
  }
  out.apiUrl = (typeof api === 'string' && api ? api : fallbackApiUrl).replace(/\/+$/, '')
  return out as unknown as ResolvedConfig
}

function voiceOptions(o: Record<string, unknown>): VoiceOptions {
  const ms = Number(o.agentTimeoutMs)
  return { pushToTalk: truthy(o.pushToTalk), ...(ms > 0 && { agentTimeoutMs: ms }) }
}

/**
 * `data-bot-name` → `botName`: reads a script tag's dataset into config input. A bare
 * boolean attribute (`<script data-enable-voice …>`, value `""`) means true, like an
 * HTML boolean attribute.
 */
export function configFromDataset(dataset: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(dataset)) {
    if (v !== undefined) out[k] = v === '' && typeof (DEFAULTS as Record<string, unknown>)[k] === 'boolean' ? true : v
  }
  return out
}

/** What a widget's stored state is kept under: the backend, and the conversation key on it (two bots, one backend). */
export const conversationNamespace = (c: Pick<ResolvedConfig, 'apiUrl' | 'conversationKey'>) => (c.conversationKey ? `${c.apiUrl}#${c.conversationKey}` : c.apiUrl)
