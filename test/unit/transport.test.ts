import { describe, expect, it } from 'vitest'
import { parseRetryAfter, postAgent, toReply, type AgentRequest, type AgentResult } from '../../src/core/transport'
import { defaultMessage } from '../../src/core/errors'
import { agentReply, createFakeClock, createFakeFetch, json, settle, sse, sseEvent, until, type Responder } from '../helpers/fakes'

const URL_ = 'https://shop.example/api/chatkit/agent'

function request(over: Partial<AgentRequest> = {}): AgentRequest {
  return {
    url: URL_,
    apiKey: 'pk_live_abc',
    key: 'idem-123',
    body: { sessionId: 'td_s1', message: 'Do you ship to Penang?', history: [{ role: 'user', content: 'hi' }], mode: 'text' },
    timeoutMs: 30000,
    ...over,
  }
}

async function post(responder: Responder, over: Partial<AgentRequest> = {}) {
  const f = createFakeFetch(responder)
  const clock = createFakeClock()
  const result = await postAgent(f.fetch, clock, request(over))
  return { result, f, clock }
}

function failed(result: AgentResult) {
  if (result.ok) throw new Error(`expected a failure, got reply ${JSON.stringify(result.reply)}`)
  return result
}

function ok(result: AgentResult) {
  if (!result.ok) throw new Error(`expected a reply, got ${JSON.stringify(result.error)}`)
  return result.reply
}

describe('what goes over the wire', () => {
  it('POSTs JSON to the URL with X-API-Key and the body fields, the idempotency key in the body (no Idempotency-Key header)', async () => {
    const { f } = await post(() => agentReply('Yes'))
    expect(f.requests).toHaveLength(1)
    const r = f.requests[0]
    expect(r.url).toBe(URL_)
    expect(r.method).toBe('POST')
    // Exactly the headers the deployed agent route's CORS allows (Accept is CORS-safelisted).
    expect(Object.keys(r.headers).sort()).toEqual(['accept', 'content-type', 'x-api-key'])
    expect(r.headers['x-api-key']).toBe('pk_live_abc')
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.headers['accept']).toContain('text/event-stream')
    expect(r.body).toEqual({
      sessionId: 'td_s1',
      message: 'Do you ship to Penang?',
      history: [{ role: 'user', content: 'hi' }],
      mode: 'text',
      idempotencyKey: 'idem-123',
    })
  })

  it('sends the Idempotency-Key header too only when asked (keyHeader, for a backend whose CORS allows it)', async () => {
    const { f } = await post(() => agentReply('Yes'), { keyHeader: true })
    expect(f.requests[0].headers['idempotency-key']).toBe('idem-123')
    expect(f.requests[0].body.idempotencyKey).toBe('idem-123')
  })

  it('omits X-API-Key when no key is configured', async () => {
    const { f } = await post(() => agentReply('Yes'), { apiKey: '' })
    expect(f.requests[0].headers).not.toHaveProperty('x-api-key')
    expect(f.requests[0].body.idempotencyKey).toBe('idem-123')
  })
})

describe('JSON replies', () => {
  it('200 JSON → the reply text, valid cards and trimmed suggestions', async () => {
    const { result } = await post(() =>
      json({
        response: 'Here are two',
        sessionId: 'srv',
        cards: [
          { title: 'Runner', url: 'https://s.example/p/1', price: 'RM 199', imageUrl: 'https://s.example/1.jpg', extra: 'x' },
          { title: 'No URL' },
          'junk',
          { title: 'Trail', url: 'https://s.example/p/2', price: 5 },
        ],
        suggestions: ['  Cheaper?  ', '', 42, 'Other colours'],
      }),
    )
    // The backend's sessionId is not kept: nothing reads it.
    expect(ok(result)).toEqual({
      text: 'Here are two',
      cards: [
        { title: 'Runner', url: 'https://s.example/p/1', price: 'RM 199', imageUrl: 'https://s.example/1.jpg' },
        { title: 'Trail', url: 'https://s.example/p/2' },
      ],
      suggestions: ['Cheaper?', 'Other colours'],
    })
  })

  it('caps cards at 10 and suggestions at 6', async () => {
    const cards = Array.from({ length: 15 }, (_, i) => ({ title: `P${i}`, url: `https://s.example/${i}` }))
    const suggestions = Array.from({ length: 9 }, (_, i) => `s${i}`)
    const reply = ok((await post(() => json({ response: 'r', cards, suggestions }))).result)
    expect(reply.cards).toHaveLength(10)
    expect(reply.suggestions).toEqual(['s0', 's1', 's2', 's3', 's4', 's5'])
  })

  it.each([
    ['HTML instead of JSON', new Response('<html>Welcome</html>', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['JSON without response', json({ text: 'wrong field' })],
    ['response is not a string', json({ response: 42 })],
    ['JSON null', json(null)],
    ['empty body', new Response('', { status: 200 })],
  ])('200 with %s → bad_response', async (_n, res) => {
    const { result } = await post(() => res)
    expect(failed(result).error.code).toBe('bad_response')
  })
})

describe('HTTP errors', () => {
  it.each([
    ['message', 'Message contains potentially harmful content', 'The assistant could not accept that message (Message contains potentially harmful content). Please rephrase it and send it again.'],
    ['tokens', 'Request too large', 'This conversation is too long for the assistant. Please start a new conversation.'],
    ['image', 'Image must be at most 4096 characters', 'The photo could not be sent. Please try another photo.'],
  ])('400 Validation failed on %s → rejected, one plain sentence', async (field, why, sentence) => {
    const { result } = await post(() => json({ error: 'Validation failed', details: [{ field, message: why }] }, 400))
    expect(failed(result).error).toMatchObject({ code: 'rejected', status: 400, message: sentence })
  })

  it('400 Validation failed without usable details → rejected with the default sentence; a 401 never shows the server\'s words', async () => {
    expect(failed((await post(() => json({ error: 'Validation failed', details: 'x' }, 400))).result).error).toMatchObject({ code: 'rejected', message: defaultMessage('rejected') })
    const e401 = failed((await post(() => json({ error: 'Authentication failed', message: 'Invalid or missing API key' }, 401))).result).error
    expect(e401).toMatchObject({ code: 'unauthorized', status: 401, message: defaultMessage('unauthorized') })
  })

  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [500, 'server_error'],
    [504, 'server_timeout'],
  ])('%i → %s with the status and the default sentence', async (status, code) => {
    const { result } = await post(() => json({ error: 'x' }, status))
    const { error } = failed(result)
    expect(error).toMatchObject({ code, status })
    expect(error.message.length).toBeGreaterThan(10)
    expect(error.fromServer).toBeUndefined()
  })

  it('429 with Retry-After seconds → rate_limited with retryAfterMs', async () => {
    const { result } = await post(() => json({ error: 'slow down' }, 429, { 'Retry-After': '2' }))
    expect(failed(result).error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 2000 })
  })

  it('429 with retryAfter in the body (no header) → retryAfterMs from the body', async () => {
    const { result } = await post(() => json({ error: 'slow down', retryAfter: 3 }, 429))
    expect(failed(result).error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3000 })
  })

  it('the Retry-After header wins over the body', async () => {
    const { result } = await post(() => json({ retryAfter: 30 }, 429, { 'Retry-After': '1' }))
    expect(failed(result).error.retryAfterMs).toBe(1000)
  })

  it('502 HTML error page → server_error 502 (retryable upstream), no server text', async () => {
    const { result } = await post(
      () => new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    )
    const { error } = failed(result)
    expect(error).toMatchObject({ code: 'server_error', status: 502 })
    expect(error.message).not.toContain('<')
    expect(error.fromServer).toBeUndefined()
  })

  it('503 with a message → the server sentence is shown, fromServer true', async () => {
    const { result } = await post(() => json({ error: 'limit', message: '  Daily usage limit reached. Try again tomorrow.  ' }, 503))
    expect(failed(result).error).toEqual({
      code: 'unavailable',
      status: 503,
      message: 'Daily usage limit reached. Try again tomorrow.',
      fromServer: true,
    })
  })

  it('503 without a message → default sentence, not fromServer', async () => {
    const { result } = await post(() => new Response('', { status: 503 }))
    const { error } = failed(result)
    expect(error.code).toBe('unavailable')
    expect(error.fromServer).toBeUndefined()
    expect(error.message).toMatch(/unavailable/i)
  })

  it('a very long server message is capped at 300 characters', async () => {
    const { result } = await post(() => json({ message: 'x'.repeat(1000) }, 503))
    expect(failed(result).error.message).toHaveLength(300)
  })
})

describe('parseRetryAfter', () => {
  it.each<[string | null, unknown, number | undefined]>([
    ['2', undefined, 2000],
    ['0', undefined, 0],
    ['1.5', undefined, 1500],
    ['-5', undefined, 0],
    ['9999', undefined, 60000],
    [null, 4, 4000],
    [null, '4', undefined],
    ['soon', undefined, undefined],
    [null, undefined, undefined],
  ])('header %j, body %j → %j', (header, body, expected) => {
    expect(parseRetryAfter(header, body, Date.UTC(2026, 0, 1))).toBe(expected)
  })

  it('an HTTP-date is measured from the injected clock, not the machine clock', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0)
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:05 GMT', undefined, now)).toBe(5000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:59:00 GMT', undefined, now)).toBe(0)
  })
})

describe('network, timeout and abort', () => {
  it('fetch rejecting (DNS, CORS, refused) → network', async () => {
    const { result } = await post((req) => req.fail(new TypeError('Failed to fetch')))
    const r = failed(result)
    expect(r.error.code).toBe('network')
  })

  it('no answer within timeoutMs → timeout once the clock fires', async () => {
    const f = createFakeFetch(() => undefined) // never answers by itself
    const clock = createFakeClock()
    const pending = postAgent(f.fetch, clock, request({ timeoutMs: 5000 }))
    await until(() => f.requests.length === 1, 'request')
    expect(clock.pending().map((t) => t.ms)).toEqual([5000])
    clock.advance(4999)
    await settle()
    expect(f.requests[0].aborted).toBe(false)
    clock.advance(1)
    const r = failed(await pending)
    expect(r.error.code).toBe('timeout')
    expect(f.requests[0].aborted).toBe(true)
    expect(clock.pending()).toEqual([])
  })

  it('the timer is cleared once a reply arrives', async () => {
    const { result, clock } = await post(() => agentReply('ok'))
    ok(result)
    expect(clock.pending()).toEqual([])
  })

  // Not an error to show: the conversation ignores it (conversation tests: stop and reset).
  it('the caller aborting (Stop, destroy) ends the request at once as a failure', async () => {
    const f = createFakeFetch(() => undefined)
    const clock = createFakeClock()
    const ctrl = new AbortController()
    const pending = postAgent(f.fetch, clock, request({ abort: ctrl }))
    await until(() => f.requests.length === 1, 'request')
    ctrl.abort()
    const r = failed(await pending)
    expect(r.error.code).toBe('network')
    expect(f.requests[0].aborted).toBe(true)
    expect(clock.pending()).toEqual([])
  })

  it('aborting while a stream is open ends the read (a cut stream)', async () => {
    const f = createFakeFetch()
    const clock = createFakeClock()
    const ctrl = new AbortController()
    // A stream that errors when the request is aborted, as browsers do.
    f.respondWith((req) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(sseEvent('delta', { text: 'Hel' })))
          req.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')))
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    })
    const deltas: string[] = []
    const pending = postAgent(f.fetch, clock, request({ abort: ctrl, onDelta: (t) => deltas.push(t) }))
    await until(() => deltas.length === 1, 'first delta')
    ctrl.abort()
    const r = failed(await pending)
    expect(r.error.code).toBe('stream_cut')
    expect(deltas).toEqual(['Hel'])
  })
})

describe('SSE streaming', () => {
  async function stream(chunks: Array<string | Uint8Array>, opts: { end?: boolean } = {}) {
    const deltas: string[] = []
    const { result, f } = await post(() => sse(chunks, opts), { onDelta: (t) => deltas.push(t) })
    return { result, deltas, f }
  }

  it('deltas reach onDelta in order; the done event gives the final reply', async () => {
    const { result, deltas } = await stream([
      sseEvent('delta', { text: 'Hel' }),
      sseEvent('delta', { text: 'lo' }) + sseEvent('delta', { text: ' there' }),
      sseEvent('done', { response: 'Hello there!', suggestions: ['More'] }),
    ])
    expect(deltas).toEqual(['Hel', 'lo', ' there'])
    expect(ok(result)).toEqual({ text: 'Hello there!', suggestions: ['More'] })
  })

  it('done without response uses the streamed text', async () => {
    const { result } = await stream([sseEvent('delta', { text: 'Hel' }), sseEvent('delta', { text: 'lo' }), sseEvent('done', {})])
    expect(ok(result).text).toBe('Hello')
  })

  it('events split across chunks at arbitrary points are reassembled', async () => {
    const all = sseEvent('delta', { text: 'A' }) + sseEvent('delta', { text: 'B' }) + sseEvent('done', { response: 'AB' })
    const chunks = all.match(/[\s\S]{1,7}/g)!
    const { result, deltas } = await stream(chunks)
    expect(deltas).toEqual(['A', 'B'])
    expect(ok(result).text).toBe('AB')
  })

  it('multi-byte characters split between chunks are decoded intact', async () => {
    const bytes = new TextEncoder().encode(sseEvent('delta', { text: '你好 வணக்கம்' }) + sseEvent('done', {}))
    const { result, deltas } = await stream([bytes.slice(0, 25), bytes.slice(25, 27), bytes.slice(27)])
    expect(deltas.join('')).toBe('你好 வணக்கம்')
    expect(ok(result).text).toBe('你好 வணக்கம்')
  })

  it('events after done are ignored (done wins)', async () => {
    const { result, deltas } = await stream([
      sseEvent('delta', { text: 'x' }),
      sseEvent('done', { response: 'final' }) + sseEvent('delta', { text: 'late' }) + sseEvent('error', { message: 'late error' }),
    ])
    expect(deltas).toEqual(['x'])
    expect(ok(result).text).toBe('final')
  })

  it('comments, unknown events and malformed data lines are skipped', async () => {
    const { result, deltas } = await stream([
      ': keep-alive\n\n',
      'event: ping\ndata: {}\n\n',
      'event: delta\ndata: not json\n\n',
      sseEvent('delta', { text: 'ok' }),
      sseEvent('done', {}),
    ])
    expect(deltas).toEqual(['ok'])
    expect(ok(result).text).toBe('ok')
  })

  it('stream ending before done → stream_cut', async () => {
    const { result, deltas } = await stream([sseEvent('delta', { text: 'Hel' }), sseEvent('delta', { text: 'lo' })])
    expect(deltas).toEqual(['Hel', 'lo'])
    const r = failed(result)
    expect(r.error.code).toBe('stream_cut')
  })

  it('a done event without its closing blank line at EOF is not dispatched → stream_cut', async () => {
    const { result } = await stream(['event: done\ndata: {"response":"x"}\n'])
    expect(failed(result).error.code).toBe('stream_cut')
  })

  it('SSE error event → failure with the server message', async () => {
    const { result } = await stream([sseEvent('delta', { text: 'Let me' }), sseEvent('error', { error: 'quota', message: 'Daily usage limit reached' })])
    expect(failed(result).error).toMatchObject({ code: 'server_error', message: 'Daily usage limit reached', fromServer: true })
  })

  it('SSE error event without a message → default sentence', async () => {
    const { result } = await stream([sseEvent('error', { error: 'boom' })])
    const { error } = failed(result)
    expect(error.code).toBe('server_error')
    expect(error.fromServer).toBeUndefined()
    expect(error.message.length).toBeGreaterThan(10)
  })

  it('CRLF line endings are understood', async () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n')
    const { result, deltas } = await stream([crlf(sseEvent('delta', { text: 'a' })), crlf(sseEvent('delta', { text: 'b' })), crlf(sseEvent('done', {}))])
    expect(deltas).toEqual(['a', 'b'])
    expect(ok(result).text).toBe('ab')
  })

  it('bare CR line endings are understood', async () => {
    const cr = (s: string) => s.replace(/\n/g, '\r')
    const { result } = await stream([cr(sseEvent('delta', { text: 'a' }) + sseEvent('done', {}))])
    expect(ok(result).text).toBe('a')
  })

  // BUG (src/core/transport.ts, readStream: `.replace(/\r\n?/g, '\n')` is applied per chunk):
  // when a chunk ends between the CR and the LF of one CRLF, the CR becomes "\n" and the
  // next chunk's leading LF becomes a second "\n" — a blank line that ends the event early.
  // The event's data then lands in a separate block with type "message" and is dropped;
  // here the `done` event is lost and a complete reply is reported as stream_cut.
  it('CRLF split between two chunks (CR | LF) does not lose the event', async () => {
    const { result, deltas } = await stream(['event: delta\r', '\ndata: {"text":"a"}\r\n\r\n', 'event: done\r', '\ndata: {}\r\n\r\n'])
    expect(deltas).toEqual(['a'])
    expect(ok(result).text).toBe('a')
  })

  it('the idle timeout is re-armed by every chunk: a slow but steady stream completes', async () => {
    const enc = new TextEncoder()
    let push!: (s: string) => void
    const f = createFakeFetch((req) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          push = (s) => c.enqueue(enc.encode(s))
          // Like a browser: aborting the request errors its body.
          req.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')))
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    })
    const clock = createFakeClock()
    const deltas: string[] = []
    const pending = postAgent(f.fetch, clock, request({ timeoutMs: 8000, onDelta: (t) => deltas.push(t) }))
    await until(() => !!push, 'stream open')
    clock.advance(6000)
    push(sseEvent('delta', { text: 'a' }))
    await until(() => deltas.length === 1, 'first delta')
    clock.advance(6000) // 12 s since the request, 6 s since the last byte
    push(sseEvent('delta', { text: 'b' }))
    await until(() => deltas.length === 2, 'second delta')
    clock.advance(7999)
    push(sseEvent('done', {}))
    expect(ok(await pending).text).toBe('ab')
    expect(f.requests[0].aborted).toBe(false)
  })

  it('a stream silent for timeoutMs is given up (reported as cut, not left hanging)', async () => {
    const f = createFakeFetch((req) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(sseEvent('delta', { text: 'a' })))
          req.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')))
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    })
    const clock = createFakeClock()
    const deltas: string[] = []
    const pending = postAgent(f.fetch, clock, request({ timeoutMs: 8000, onDelta: (t) => deltas.push(t) }))
    await until(() => deltas.length === 1, 'delta')
    clock.advance(8000)
    const r = failed(await pending)
    expect(r.error.code).toBe('stream_cut')
  })

  it('a 200 event-stream without a body falls back to JSON parsing', async () => {
    const { result } = await post(() => new Response(null, { status: 200, headers: { 'content-type': 'text/event-stream' } }))
    expect(failed(result).error.code).toBe('bad_response')
  })

  it('a stream whose read throws mid-way → stream_cut', async () => {
    let n = 0
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ === 0) c.enqueue(new TextEncoder().encode(sseEvent('delta', { text: 'x' })))
        else c.error(new TypeError('network changed'))
      },
    })
    const { result } = await post(() => new Response(body, { headers: { 'content-type': 'text/event-stream' } }))
    expect(failed(result).error.code).toBe('stream_cut')
  })
})

describe('toReply', () => {
  it.each([
    [null, null],
    ['string', null],
    [{ response: 1 }, null],
    [{ response: '' }, { text: '' }],
    [{ response: 'x', cards: 'no', suggestions: 'no' }, { text: 'x' }],
  ])('%j → %j', (input, expected) => {
    expect(toReply(input)).toEqual(expected)
  })
})
