/**
 * Talks to the agent endpoint. No DOM and no globals: `fetch` and the clock are
 * passed in. Every outcome, including network faults, timeouts, HTML error pages
 * and cut streams, resolves to a result; this never throws or rejects.
 */
import type { TalkDockErrorInfo } from './errors'
import { codeForStatus, errorInfo } from './errors'
import type { AgentReply, Card } from './types'
import { toJson } from './json'

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(id: unknown): void
}

export interface AgentRequest {
  url: string
  apiKey: string
  /** The Idempotency-Key header: one per user message (batch), the same on retries. */
  key: string
  body: Record<string, unknown>
  /** Milliseconds without any bytes from the server before giving up. */
  timeoutMs: number
  /** Aborts the request (the user pressed Stop, or the widget was destroyed). */
  signal?: AbortSignal
  /** Called with each streamed text delta. */
  onDelta?: (text: string) => void
}

export type AgentResult = { ok: true; reply: AgentReply } | { ok: false; error: TalkDockErrorInfo; aborted?: boolean }

export async function postAgent(fetchFn: FetchLike, clock: Clock, req: AgentRequest): Promise<AgentResult> {
  const ctrl = new AbortController()
  let timedOut = false
  let timer: unknown
  const arm = () => {
    clock.clearTimeout(timer)
    timer = clock.setTimeout(() => {
      timedOut = true
      ctrl.abort()
    }, req.timeoutMs)
  }
  const onAbort = () => ctrl.abort()
  req.signal?.addEventListener('abort', onAbort)
  arm()
  try {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream, application/json',
      'Idempotency-Key': req.key,
    }
    if (req.apiKey) headers['X-API-Key'] = req.apiKey
    const res = await fetchFn(req.url, { method: 'POST', headers, body: toJson(req.body), signal: ctrl.signal })
    arm()
    if (!res.ok) return { ok: false, error: await httpError(res, clock.now()) }
    const type = res.headers.get('content-type') || ''
    if (type.includes('text/event-stream') && res.body) return await readStream(res.body, req, arm)
    return parseJsonReply(await res.text())
  } catch {
    if (req.signal?.aborted) return { ok: false, error: errorInfo('network'), aborted: true }
    return { ok: false, error: errorInfo(timedOut ? 'timeout' : 'network') }
  } finally {
    clock.clearTimeout(timer)
    req.signal?.removeEventListener('abort', onAbort)
  }
}

async function httpError(res: Response, now: number): Promise<TalkDockErrorInfo> {
  let body: Record<string, unknown> = {}
  try {
    const parsed = JSON.parse(await res.text())
    if (parsed && typeof parsed === 'object') body = parsed
  } catch {
    // An HTML error page or empty body: the status decides.
  }
  const serverMessage = typeof body.message === 'string' && body.message.trim() ? body.message.trim().slice(0, 300) : ''
  const info = errorInfo(codeForStatus(res.status), { status: res.status, message: serverMessage })
  if (serverMessage) info.fromServer = true
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), body.retryAfter, now)
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs
  return info
}

/** `Retry-After` (seconds or an HTTP date) or the body's `retryAfter` (seconds), in ms, capped at 60 s. */
export function parseRetryAfter(header: string | null, bodyValue: unknown, now: number): number | undefined {
  let seconds = NaN
  if (header) {
    seconds = Number(header)
    if (!Number.isFinite(seconds)) {
      const date = Date.parse(header)
      if (Number.isFinite(date)) seconds = (date - now) / 1000
    }
  }
  if (!Number.isFinite(seconds) && typeof bodyValue === 'number') seconds = bodyValue
  if (!Number.isFinite(seconds)) return undefined
  return Math.min(60000, Math.max(0, Math.round(seconds * 1000)))
}

function parseJsonReply(text: string): AgentResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { ok: false, error: errorInfo('bad_response') }
  }
  const reply = toReply(data)
  return reply ? { ok: true, reply } : { ok: false, error: errorInfo('bad_response') }
}

/** Validates a reply body: `response` must be a string; `cards` and `suggestions` are optional. */
export function toReply(data: unknown): AgentReply | null {
  if (!data || typeof data !== 'object') return null
  const d = data as Record<string, unknown>
  if (typeof d.response !== 'string') return null
  const reply: AgentReply = { text: d.response }
  if (typeof d.sessionId === 'string') reply.sessionId = d.sessionId
  const cards = Array.isArray(d.cards) ? d.cards.map(toCard).filter((c): c is Card => !!c).slice(0, 10) : []
  if (cards.length) reply.cards = cards
  const suggestions = Array.isArray(d.suggestions)
    ? d.suggestions.filter((s): s is string => typeof s === 'string' && !!s.trim()).map((s) => s.trim().slice(0, 200)).slice(0, 6)
    : []
  if (suggestions.length) reply.suggestions = suggestions
  return reply
}

function toCard(c: unknown): Card | null {
  if (!c || typeof c !== 'object') return null
  const o = c as Record<string, unknown>
  if (typeof o.title !== 'string' || typeof o.url !== 'string') return null
  const card: Card = { title: o.title, url: o.url }
  for (const k of ['imageUrl', 'price', 'subtitle'] as const) if (typeof o[k] === 'string') card[k] = o[k] as string
  return card
}

/**
 * Reads a `text/event-stream` reply: `delta {"text"}` appends, `done {"response", ...}`
 * is final, `error {"error", "message"?}` fails. Ending before `done` is a cut stream.
 */
async function readStream(body: ReadableStream<Uint8Array>, req: AgentRequest, arm: () => void): Promise<AgentResult> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let pendingCR = false
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
      return cut(req)
    }
    let raw: string = (pendingCR ? '\r' : '') + (chunk.done ? '' : decoder.decode(chunk.value, { stream: true }))
    // A trailing CR may be the first half of a CRLF split across chunks: hold it back.
    pendingCR = !chunk.done && raw.endsWith('\r')
    if (pendingCR) raw = raw.slice(0, -1)
    buffer += raw.replace(/\r\n?/g, '\n')
    if (!chunk.done) arm()
    let sep: number
    while ((sep = buffer.indexOf('\n\n')) >= 0) {
      const ev = parseEvent(buffer.slice(0, sep))
      buffer = buffer.slice(sep + 2)
      if (ev?.event === 'delta' && typeof ev.data.text === 'string') {
        partial += ev.data.text
        req.onDelta?.(ev.data.text)
      } else if (ev?.event === 'done') {
        const reply = toReply(ev.data.response === undefined ? { ...ev.data, response: partial } : ev.data)
        return finish(reply ? { ok: true, reply } : { ok: false, error: errorInfo('bad_response') })
      } else if (ev?.event === 'error') {
        const message = typeof ev.data.message === 'string' ? ev.data.message : ''
        const info = errorInfo('server_error', { message })
        if (message) info.fromServer = true
        return finish({ ok: false, error: info })
      }
    }
    if (chunk.done) return cut(req)
  }
}

function cut(req: AgentRequest): AgentResult {
  return { ok: false, error: errorInfo('stream_cut'), ...(req.signal?.aborted && { aborted: true }) }
}

function parseEvent(block: string): { event: string; data: Record<string, unknown> } | null {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
  }
  if (!data.length) return null
  try {
    const parsed = JSON.parse(data.join('\n'))
    return parsed && typeof parsed === 'object' ? { event, data: parsed } : null
  } catch {
    return null
  }
}
