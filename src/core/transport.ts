/**
 * Talks to the agent endpoint. No DOM and no globals: `fetch` and the clock are
 * passed in. Every outcome, including network faults, timeouts, HTML error pages
 * and cut streams, resolves to a result; this never throws or rejects.
 */
import type { ErrorCode, TalkDockErrorInfo } from './errors'
import { codeForStatus, errorInfo } from './errors'
import type { AgentReply, Card } from './types'
import { isObject, isString, parseObject, toJson } from './json'

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
}

export interface AgentRequest {
  url: string
  apiKey: string
  /**
   * The idempotency key: one per user message (batch), the same on retries. Sent in the
   * JSON body as `idempotencyKey` (the deployed backend's CORS allows no other header).
   */
  key: string
  /** Also send the key as an `Idempotency-Key` header (for a backend whose CORS allows it). */
  keyHeader?: boolean
  body: Record<string, unknown>
  /** Milliseconds without any bytes from the server before giving up. */
  timeoutMs: number
  /** The caller's controller: aborting it ends the request (Stop, destroy); the timeout uses it too. */
  abort?: AbortController
  /** Called with each streamed text delta. */
  onDelta?: (text: string) => void
}

/**
 * The outcome. A request the caller aborted also ends as a failure (`network`, or
 * `stream_cut` mid-stream); the caller knows it aborted: the conversation's send
 * machine ignores results of a request that is no longer in flight.
 */
export type AgentResult = { ok: true; reply: AgentReply } | { ok: false; error: TalkDockErrorInfo }

export async function postAgent(fetchFn: FetchLike, clock: Clock, req: AgentRequest): Promise<AgentResult> {
  // One controller for the caller's abort and the timeout; `timedOut` tells a timeout from a network failure.
  const ctrl = req.abort ?? new AbortController()
  let timedOut = false
  let timer: unknown
  const arm = () => {
    clock.clearTimeout(timer)
    timer = clock.setTimeout(() => {
      timedOut = true
      ctrl.abort()
    }, req.timeoutMs)
  }
  const failed = (error: ErrorCode | TalkDockErrorInfo): AgentResult => ({ ok: false, error: typeof error === 'string' ? errorInfo(error) : error })
  arm()
  try {
    // Only headers the deployed backend's CORS allows (Content-Type, X-API-Key; Accept is safelisted).
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream, application/json',
    }
    if (req.keyHeader) headers['Idempotency-Key'] = req.key
    if (req.apiKey) headers['X-API-Key'] = req.apiKey
    const body = toJson({ ...req.body, idempotencyKey: req.key })
    const res = await fetchFn(req.url, { method: 'POST', headers, body, signal: ctrl.signal })
    arm()
    if (!res.ok) return failed(await httpError(res, clock.now()))
    const type = res.headers.get('content-type') || ''
    if (type.includes('text/event-stream') && res.body) return await readStream(res.body, req, arm, failed)
    return replyResult(parseObject(await res.text()), failed)
  } catch {
    return failed(timedOut ? 'timeout' : 'network')
  } finally {
    clock.clearTimeout(timer)
  }
}

type Failed = (error: ErrorCode | TalkDockErrorInfo) => AgentResult

/** The reply in a parsed body, or a `bad_response` failure. */
function replyResult(data: unknown, failed: Failed): AgentResult {
  const reply = toReply(data)
  return reply ? { ok: true, reply } : failed('bad_response')
}

/** A server error, with the server's own sentence (if any) shown as is. */
function serverError(code: ErrorCode, message: string, extra?: Partial<TalkDockErrorInfo>): TalkDockErrorInfo {
  const info = errorInfo(code, { ...extra, message })
  if (message) info.fromServer = true
  return info
}

async function httpError(res: Response, now: number): Promise<TalkDockErrorInfo> {
  // An HTML error page or empty body: the status decides.
  const body = parseObject(await res.text().catch(() => '')) ?? {}
  if (res.status === 400 && body.error === 'Validation failed') return rejected(body.details)
  // A setup error's own words ("Invalid or missing API key") are for the site owner (code and status tell them).
  const message = isString(body.message) && ![401, 403, 404].includes(res.status) ? body.message.trim().slice(0, 300) : ''
  const info = serverError(codeForStatus(res.status), message, { status: res.status })
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), body.retryAfter, now)
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs
  return info
}

/** What the visitor can do about a rejected part of the request, by the backend's `details[].field`. */
const FIELD_HELP: Record<string, string> = {
  tokens: 'This conversation is too long for the assistant. Please start a new conversation.',
  image: 'The photo could not be sent. Please try another photo.',
  sessionId: 'This chat session is not valid. Please start a new conversation.',
}

/**
 * A 400 `Validation failed`: one plain sentence. For the message itself it says what
 * the server found (`details[].message`), e.g. "The assistant could not accept that
 * message (Message contains potentially harmful content). Please rephrase it…".
 */
export function rejected(details: unknown): TalkDockErrorInfo {
  const first = Array.isArray(details) ? details.find(isObject) : undefined
  const field = first && isString(first.field) ? first.field : ''
  const why = first && isString(first.message) ? first.message.trim().replace(/[.\s]+$/, '').slice(0, 200) : ''
  const help = FIELD_HELP[field]
  if (help) return errorInfo('rejected', { status: 400, message: help })
  if (!why) return errorInfo('rejected', { status: 400 })
  return errorInfo('rejected', { status: 400, message: `The assistant could not accept that message (${why}). Please rephrase it and send it again.`, fromServer: true })
}

/** `Retry-After` (seconds or an HTTP date) or the body's `retryAfter` (seconds), in ms, capped at 60 s. */
export function parseRetryAfter(header: string | null, bodyValue: unknown, now: number): number | undefined {
  // (`seconds` is always a number, so the global isFinite is Number.isFinite here.)
  let seconds = header ? Number(header) : NaN
  if (!isFinite(seconds) && header) seconds = (Date.parse(header) - now) / 1000
  if (!isFinite(seconds) && typeof bodyValue === 'number') seconds = bodyValue
  return isFinite(seconds) ? Math.min(60000, Math.max(0, Math.round(seconds * 1000))) : undefined
}

/**
 * Validates a reply body: `response` must be a string; `cards` and `suggestions`
 * are optional and present only when non-empty (the machine copies the reply as is).
 * Other fields (the backend's `sessionId`...) are not kept: nothing reads them.
 */
export function toReply(d: unknown): AgentReply | null {
  if (!isObject(d) || !isString(d.response)) return null
  const reply: AgentReply = { text: d.response }
  const cards = Array.isArray(d.cards) ? d.cards.map(toCard).filter((c): c is Card => !!c).slice(0, 10) : []
  if (cards.length) reply.cards = cards
  const suggestions = Array.isArray(d.suggestions)
    ? d.suggestions.filter((s): s is string => isString(s) && !!s.trim()).map((s) => s.trim().slice(0, 200)).slice(0, 6)
    : []
  if (suggestions.length) reply.suggestions = suggestions
  return reply
}

function toCard(o: unknown): Card | null {
  if (!isObject(o) || !isString(o.title) || !isString(o.url)) return null
  const card: Card = { title: o.title, url: o.url }
  for (const k of ['imageUrl', 'price', 'subtitle'] as const) if (isString(o[k])) card[k] = o[k] as string
  return card
}

/**
 * Reads a `text/event-stream` reply: `delta {"text"}` appends, `done {"response", ...}`
 * is final, `error {"error", "message"?}` fails. Ending before `done` is a cut stream.
 */
async function readStream(body: ReadableStream<Uint8Array>, req: AgentRequest, arm: () => void, failed: Failed): Promise<AgentResult> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let partial = ''
  const finish = (result: AgentResult) => {
    reader.cancel().catch(() => {})
    return result
  }
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      return failed('stream_cut')
    }
    // CRLF and a lone CR end lines like LF. A CR at the very end may be the first half
    // of a CRLF split across chunks: it stays a CR until the next chunk (or the end) tells.
    buffer = (buffer + (chunk.done ? '' : decoder.decode(chunk.value, { stream: true }))).replace(chunk.done ? /\r\n?/g : /\r\n|\r(?!$)/g, '\n')
    if (!chunk.done) arm()
    let sep: number
    while ((sep = buffer.indexOf('\n\n')) >= 0) {
      const ev = parseEvent(buffer.slice(0, sep))
      buffer = buffer.slice(sep + 2)
      const data = ev?.data
      if (ev?.event === 'delta' && isString(data!.text)) {
        partial += data!.text
        req.onDelta?.(data!.text)
      } else if (ev?.event === 'done') {
        return finish(replyResult(data!.response === undefined ? { ...data, response: partial } : data, failed))
      } else if (ev?.event === 'error') {
        return finish(failed(serverError('server_error', isString(data!.message) ? data!.message : '')))
      }
    }
    if (chunk.done) return failed('stream_cut')
  }
}

function parseEvent(block: string): { event: string; data: Record<string, unknown> } | null {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
  }
  // No data lines: '' is not JSON, so the block is ignored.
  const parsed = parseObject(data.join('\n'))
  return parsed && { event, data: parsed }
}
