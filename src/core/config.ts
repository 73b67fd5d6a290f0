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
  /** Nonce for `<style>` elements on browsers without constructable stylesheets. */
  nonce?: string
  /** Render into this element instead of floating over the page (npm only). */
  container?: HTMLElement
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
  nonce: string
  container: HTMLElement | null
}

export const DEFAULTS: Omit<ResolvedConfig, 'apiUrl'> = {
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
  storage: 'local',
  sessionTtlHours: 24,
  openOnLoad: false,
  primaryColor: '#2563eb',
  position: 'bottom-right',
  enableVoice: false,
  nonce: '',
  container: null,
}

const NUMBER_KEYS = ['maxMessageLength', 'historyLimit', 'timeoutMs', 'sessionTtlHours'] as const
const BOOLEAN_KEYS = ['openOnLoad', 'enableVoice'] as const

/**
 * Fills defaults and coerces loosely typed input (data attributes are strings)
 * into a valid config. Never throws: a bad value falls back to its default.
 */
export function resolveConfig(input: Record<string, unknown>, fallbackApiUrl: string): ResolvedConfig {
  const out: Record<string, unknown> = { ...DEFAULTS }
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    const value = input[key]
    if (value === undefined || value === null || value === '') continue
    const def = DEFAULTS[key]
    if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      const n = Number(value)
      if (Number.isFinite(n) && n > 0) out[key] = n
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      out[key] = value === true || value === 'true' || value === '' || value === '1'
    } else if (key === 'container') {
      out[key] = typeof value === 'object' ? value : null
    } else if (typeof def === 'string') {
      out[key] = String(value)
    }
  }
  if (out.storage !== 'local' && out.storage !== 'session' && out.storage !== 'none') out.storage = 'local'
  if (out.position !== 'bottom-left') out.position = 'bottom-right'
  const api = typeof input.apiUrl === 'string' && input.apiUrl ? input.apiUrl : fallbackApiUrl
  out.apiUrl = api.replace(/\/+$/, '')
  return out as unknown as ResolvedConfig
}

/** `data-bot-name` → `botName`: reads a script tag's dataset into config input. */
export function configFromDataset(dataset: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(dataset)) if (v !== undefined) out[k] = v
  return out
}
