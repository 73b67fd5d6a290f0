/**
 * Fetches a LiveKit access token from the site's backend:
 * POST {apiUrl}{tokenPath} with {"roomName","participantName"} (+ X-API-Key only when
 * `apiKey` is given: the widget passes it with the `tokenApiKey` option),
 * expecting {"token": string, "url": string}.
 */
import { VoiceErrorCode } from '../core/voice-codes'

export interface VoiceCredentials {
  /** LiveKit JWT. */
  token: string
  /** LiveKit server URL (wss://...). */
  url: string
}

export interface FetchVoiceTokenOptions {
  fetch: typeof globalThis.fetch
  /** Backend base URL, e.g. https://shop.example/ (a trailing slash is fine). */
  apiUrl: string
  /** Default /api/livekit/token */
  tokenPath?: string
  /** Sent as X-API-Key when set (the deployed token route's CORS does not allow that header). */
  apiKey?: string
  roomName?: string
  participantName?: string
  signal?: AbortSignal
}

/** Every failure of {@link fetchVoiceToken}; `code` is always token_failed. */
export class VoiceTokenError extends Error {
  readonly code = VoiceErrorCode.TokenFailed
  /** HTTP status when the server answered. */
  readonly status?: number

  constructor(message: string, status?: number) {
    super(message)
    this.name = 'VoiceTokenError'
    this.status = status
  }
}

/** Joins a base URL and a path with exactly one slash. */
function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}

export async function fetchVoiceToken(opts: FetchVoiceTokenOptions): Promise<VoiceCredentials> {
  const url = joinUrl(opts.apiUrl, opts.tokenPath ?? '/api/livekit/token')
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' }
  if (opts.apiKey) headers['X-API-Key'] = opts.apiKey
  const body: Record<string, string> = {}
  if (opts.roomName !== undefined) body.roomName = opts.roomName
  if (opts.participantName !== undefined) body.participantName = opts.participantName

  let res: Response
  try {
    res = await opts.fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: opts.signal })
  } catch (e) {
    throw new VoiceTokenError(`Token request to ${url} failed: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (!res.ok) throw new VoiceTokenError(`Token endpoint ${url} answered HTTP ${res.status}`, res.status)

  let data: unknown
  try {
    data = await res.json()
  } catch {
    throw new VoiceTokenError(`Token endpoint ${url} did not return JSON`, res.status)
  }
  const rec = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>
  if (typeof rec.token !== 'string' || rec.token === '') {
    throw new VoiceTokenError(`Token endpoint ${url} returned no "token" string`, res.status)
  }
  if (typeof rec.url !== 'string' || !/^(wss?|https?):\/\//i.test(rec.url)) {
    throw new VoiceTokenError(`Token endpoint ${url} returned no valid "url" (expected wss://...)`, res.status)
  }
  return { token: rec.token, url: rec.url }
}
