import type { VoiceErrorCode } from './voice-codes'

/**
 * The codes of failures outside a voice call: the one list the `ErrorCode` type
 * is made from (and the tests walk).
 */
export const CHAT_ERROR_CODES = [
  // 400 from the agent endpoint: the request was rejected as invalid.
  'bad_request',
  // 400 `Validation failed`: the backend refused this message as it is (a filtered
  // phrase, too long, a photo it cannot take). Never retried; the text is kept.
  'rejected',
  // 401: the API key was refused.
  'unauthorized',
  // 403: this site's origin is not allowed by the backend.
  'forbidden',
  // 404: the agent endpoint does not exist at the configured URL.
  'not_found',
  // 408 / 504: the server gave up waiting.
  'server_timeout',
  // 429: too many requests; retry later.
  'rate_limited',
  // 503 from the backend, e.g. a daily usage limit.
  'unavailable',
  // Any other 5xx.
  'server_error',
  // Any other unexpected HTTP status.
  'http_error',
  // A 2xx whose body was not the JSON (or stream) the contract promises.
  'bad_response',
  // The request never reached the server (DNS, CORS, connection refused...).
  'network',
  // No answer within `timeoutMs`.
  'timeout',
  // The browser reports it is offline.
  'offline',
  // The message is longer than `maxMessageLength`.
  'too_long',
  // A streamed reply ended before its `done` event.
  'stream_cut',
  // The page was reloaded or closed before a reply arrived.
  'no_reply',
  // A lazily loaded part of the widget failed to load.
  'load_failed',
  // Storage was unavailable, full or corrupt (the widget keeps working).
  'storage',
  // An API call got an argument it cannot use (e.g. setContext with a huge object).
  'invalid_input',
] as const

/** A failure outside a voice call (see {@link CHAT_ERROR_CODES}). */
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number]

/**
 * A voice failure: `voice_` and a {@link VoiceErrorCode} (./voice-codes.ts, e.g.
 * `voice_mic_denied`), or `voice_send_failed` (text typed during a call did not
 * reach the agent; Retry sends it as a chat message).
 */
export type VoiceCallErrorCode = `voice_${VoiceErrorCode}` | 'voice_send_failed'

/**
 * Every failure TalkDock reports carries one of these stable codes (emitted on the
 * `error` event and shown in the widget as the matching human message).
 */
export type ErrorCode = ChatErrorCode | VoiceCallErrorCode

/** The payload of the `error` event and of a failed message. */
export interface TalkDockErrorInfo {
  code: ErrorCode
  /** A sentence a shopper can read. */
  message: string
  /** HTTP status when the error came from the server. */
  status?: number
  /** Milliseconds the server asked us to wait before retrying (429/503). */
  retryAfterMs?: number
  /** True when `message` is the server's own sentence. */
  fromServer?: boolean
}

/** The loader's only message: exported alone so talkdock.js does not carry the whole table. */
export const LOAD_FAILED = 'The chat could not load. Please check your connection and try again.'

/** Setup errors (401, 403, 404): the shopper can do nothing; `code` and `status` tell the site owner which. */
const SETUP = 'This chat is not set up correctly.'
const SLOW = 'The assistant took too long to answer. Please try again.'

/**
 * English defaults. Codes the panel never raises without its own sentence
 * (`offline`, `storage`, `invalid_input`) and `http_error` fall back to the
 * `server_error` sentence.
 */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  bad_request: 'The assistant could not accept that message.',
  rejected: 'The assistant could not accept that message. Please rephrase it and send it again.',
  unauthorized: SETUP,
  forbidden: SETUP,
  not_found: SETUP,
  server_timeout: SLOW,
  timeout: SLOW,
  rate_limited: 'Too many messages at once. Please wait a moment and try again.',
  unavailable: 'The assistant is unavailable right now. Please try again later.',
  server_error: 'Something went wrong on our side. Please try again.',
  bad_response: 'The assistant sent a reply we could not read. Please try again.',
  network: 'Could not reach the assistant. Check your connection and try again.',
  too_long: 'That message is too long.',
  stream_cut: 'The reply was cut off. Please try again.',
  no_reply: 'No reply received.',
  load_failed: LOAD_FAILED,
}

/** The default English message for a code (the UI may localise it). */
export function defaultMessage(code: ErrorCode): string {
  return MESSAGES[code] ?? MESSAGES.server_error!
}

/** Builds the error info for a code, preferring a server-provided sentence. */
export function errorInfo(code: ErrorCode, extra: Partial<TalkDockErrorInfo> = {}): TalkDockErrorInfo {
  // `message` is listed first so it keeps its place (code, message, ...extra) when `extra` fills it in.
  const info = { code, message: '', ...extra }
  info.message ||= defaultMessage(code)
  return info
}

/** HTTP statuses with their own code; any other 5xx is `server_error`, anything else `http_error`. */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'bad_request',
  413: 'bad_request',
  422: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'server_timeout',
  504: 'server_timeout',
  429: 'rate_limited',
  503: 'unavailable',
}

/** Maps an HTTP status to its error code. */
export function codeForStatus(status: number): ErrorCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'server_error' : 'http_error')
}
