/**
 * Shared fakes for unit and component tests: a clock whose timers only fire when
 * the test says so, a fetch that records every request and answers on demand, an
 * in-memory Storage (optionally blocked or with a quota) and a WidgetEnv built
 * from them. None of these fake the subject under test; they stand in for the
 * browser around it.
 */
import { resolveConfig, type ResolvedConfig } from '../../src/core/config'
import type { StorageLike } from '../../src/core/persistence'
import type { Clock, FetchLike } from '../../src/core/transport'
import type { PanelModule, WidgetEnv } from '../../src/contracts'

// ---------------------------------------------------------------- clock

export interface FakeTimer {
  id: number
  fn: () => void
  /** The delay the code asked for. */
  ms: number
  /** Fake time at which it is due. */
  at: number
}

export interface FakeClock extends Clock {
  /** Timers scheduled and not yet fired or cleared, in order of due time. */
  pending(): FakeTimer[]
  /** Every delay ever passed to setTimeout, in call order. */
  readonly delays: number[]
  /** Moves time forward, firing every timer that falls due (in due order). */
  advance(ms: number): void
  /** Fires the earliest pending timer (moving time to it). Returns it, or undefined. */
  fireNext(): FakeTimer | undefined
  set(now: number): void
}

export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start
  let nextId = 1
  const timers = new Map<number, FakeTimer>()
  const delays: number[] = []
  const sorted = () => [...timers.values()].sort((a, b) => a.at - b.at || a.id - b.id)
  const clock: FakeClock = {
    // Closures, not methods: callers may pass `clock.now` around unbound.
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++
      delays.push(ms)
      timers.set(id, { id, fn, ms, at: now + Math.max(0, ms) })
      return id
    },
    clearTimeout: (id) => {
      timers.delete(id as number)
    },
    pending: () => sorted(),
    delays,
    advance: (ms) => {
      const end = now + ms
      for (;;) {
        const due = sorted().find((t) => t.at <= end)
        if (!due) break
        timers.delete(due.id)
        now = Math.max(now, due.at)
        due.fn()
      }
      now = end
    },
    fireNext: () => {
      const t = sorted()[0]
      if (!t) return undefined
      timers.delete(t.id)
      now = Math.max(now, t.at)
      t.fn()
      return t
    },
    set: (t) => {
      now = t
    },
  }
  return clock
}

// ---------------------------------------------------------------- fetch

export interface RecordedRequest {
  url: string
  method: string
  /** Header names lower-cased. */
  headers: Record<string, string>
  /** The JSON body, parsed. */
  body: any
  signal: AbortSignal | undefined
  /** True once the caller aborted this request (the fake then rejected it). */
  readonly aborted: boolean
  /** Answers a pending request. */
  respond(res: Response): void
  /** Rejects a pending request as a network failure would. */
  fail(err?: unknown): void
  readonly settled: boolean
}

/** Returns a Response to answer at once, or undefined to leave the request pending. */
export type Responder = (req: RecordedRequest, index: number) => Response | Promise<Response> | undefined | void

export interface FakeFetch {
  fetch: FetchLike
  requests: RecordedRequest[]
  /** Responders used in turn for request 0, 1, 2...; the last one repeats. */
  respondWith(...responders: Responder[]): void
}

export function createFakeFetch(...initial: Responder[]): FakeFetch {
  const requests: RecordedRequest[] = []
  let responders: Responder[] = initial
  const fetch: FetchLike = (url, init) => {
    const headers: Record<string, string> = {}
    new Headers(init.headers as HeadersInit).forEach((v, k) => (headers[k.toLowerCase()] = v))
    let body: unknown = init.body
    try {
      body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
    } catch {
      // leave as sent
    }
    let resolve!: (r: Response) => void
    let reject!: (e: unknown) => void
    const promise = new Promise<Response>((res, rej) => {
      resolve = res
      reject = rej
    })
    let settled = false
    let aborted = false
    const signal = init.signal ?? undefined
    const req: RecordedRequest = {
      url,
      method: init.method ?? 'GET',
      headers,
      body,
      signal,
      get aborted() {
        return aborted
      },
      get settled() {
        return settled
      },
      respond(res) {
        if (settled) return
        settled = true
        resolve(res)
      },
      fail(err = new TypeError('Failed to fetch')) {
        if (settled) return
        settled = true
        reject(err)
      },
    }
    const onAbort = () => {
      aborted = true
      req.fail(new DOMException('The operation was aborted.', 'AbortError'))
    }
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort)
    const index = requests.length
    requests.push(req)
    const responder = responders[Math.min(index, responders.length - 1)]
    if (responder && !settled) {
      Promise.resolve(responder(req, index)).then(
        (res) => res && req.respond(res),
        (err) => req.fail(err),
      )
    }
    return promise
  }
  return {
    fetch,
    requests,
    respondWith(...r) {
      responders = r
    },
  }
}

/** A JSON Response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
}

/** An agent reply body as the backend sends it. */
export function agentReply(text: string, extra: Record<string, unknown> = {}): Response {
  return json({ response: text, sessionId: 'server-session', ...extra })
}

/** A text/event-stream Response whose body is the given chunks (strings are UTF-8 encoded). */
export function sse(chunks: Array<string | Uint8Array>, opts: { end?: boolean } = {}): Response {
  return new Response(streamOf(chunks, opts), { status: 200, headers: { 'content-type': 'text/event-stream' } })
}

/** A stream that yields the chunks, then closes (or, with end:false, stays open). */
export function streamOf(chunks: Array<string | Uint8Array>, opts: { end?: boolean } = {}): ReadableStream<Uint8Array> {
  const enc = new TextEncoder()
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (i < chunks.length) {
        const c = chunks[i++]
        ctrl.enqueue(typeof c === 'string' ? enc.encode(c) : c)
      } else if (opts.end !== false) ctrl.close()
    },
  })
}

/** One SSE event block. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

// ---------------------------------------------------------------- storage

export interface MemoryStorage extends StorageLike {
  readonly map: Map<string, string>
  /** getItem/setItem/removeItem all throw (Safari private mode, blocked cookies). */
  blocked: boolean
  /** setItem throws a QuotaExceededError when the stored value would be longer than this. */
  quotaChars: number
  readonly writes: number
}

export function createMemoryStorage(initial: Record<string, string> = {}): MemoryStorage {
  const map = new Map(Object.entries(initial))
  let writes = 0
  const s: MemoryStorage = {
    map,
    blocked: false,
    quotaChars: Infinity,
    get writes() {
      return writes
    },
    getItem(k) {
      if (s.blocked) throw new DOMException('The operation is insecure.', 'SecurityError')
      return map.has(k) ? map.get(k)! : null
    },
    setItem(k, v) {
      if (s.blocked) throw new DOMException('The operation is insecure.', 'SecurityError')
      if (String(v).length > s.quotaChars) throw new DOMException('Quota exceeded', 'QuotaExceededError')
      writes++
      map.set(k, String(v))
    },
    removeItem(k) {
      if (s.blocked) throw new DOMException('The operation is insecure.', 'SecurityError')
      map.delete(k)
    },
  }
  return s
}

// ---------------------------------------------------------------- randomness

/** A deterministic crypto.getRandomValues: every call yields different bytes. */
export function counterFill(): (bytes: Uint8Array) => Uint8Array {
  let n = 0
  return (bytes) => {
    n++
    for (let i = 0; i < bytes.length; i++) bytes[i] = (n * 31 + i * 7 + (n >> 8)) & 0xff
    // Make the first four bytes the counter itself so no two calls collide.
    bytes[0] = (n >>> 24) & 0xff
    bytes[1] = (n >>> 16) & 0xff
    bytes[2] = (n >>> 8) & 0xff
    bytes[3] = n & 0xff
    return bytes
  }
}

// ---------------------------------------------------------------- config & env

export const API = 'https://shop.example'

export function testConfig(overrides: Record<string, unknown> = {}): ResolvedConfig {
  return resolveConfig({ apiUrl: API, apiKey: 'pk_test_123', botName: 'Ava', ...overrides }, 'https://fallback.example')
}

export interface FakeEnv extends WidgetEnv {
  clock: FakeClock
  fakeFetch: FakeFetch
  memory: MemoryStorage
  online: boolean
  reported: unknown[]
  /** Dispatches a window event to listeners added through listenWindow. */
  fireWindow(type: string, event?: Event): void
  /** Window listeners currently registered, by type. */
  listenerCount(type?: string): number
}

export function createFakeEnv(opts: { doc?: Document; loadPanel?: () => Promise<PanelModule>; fetch?: FakeFetch; storage?: MemoryStorage | null } = {}): FakeEnv {
  const clock = createFakeClock()
  const fakeFetch = opts.fetch ?? createFakeFetch()
  const memory = opts.storage ?? createMemoryStorage()
  const listeners = new Map<string, Set<(e: Event) => void>>()
  const reported: unknown[] = []
  const env: FakeEnv = {
    doc: opts.doc ?? (globalThis as { document?: Document }).document!,
    storage: opts.storage === null ? null : memory,
    fetch: fakeFetch.fetch,
    clock,
    fakeFetch,
    memory,
    online: true,
    reported,
    fillRandom: counterFill(),
    random: () => 0.5,
    // Deltas are applied at once: the tests look at the result, not at frames.
    frame: (fn) => fn(),
    isOnline: () => env.online,
    listenWindow(type, fn) {
      let set = listeners.get(type)
      if (!set) listeners.set(type, (set = new Set()))
      set.add(fn)
      return () => void listeners.get(type)?.delete(fn)
    },
    loadPanel: opts.loadPanel ?? (() => Promise.reject(new Error('no panel in this test'))),
    report: (err) => void reported.push(err),
    fireWindow(type, event = new Event(type)) {
      for (const fn of [...(listeners.get(type) ?? [])]) fn(event)
    },
    listenerCount(type) {
      if (type) return listeners.get(type)?.size ?? 0
      let n = 0
      for (const s of listeners.values()) n += s.size
      return n
    },
  }
  return env
}

// ---------------------------------------------------------------- async

/** Lets pending promises, stream reads and Response bodies settle (a few macrotask turns). */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setTimeout(r, 0))
}

/** Settles until `cond()` holds; fails loudly instead of hanging. Not a timing assertion. */
export async function until(cond: () => boolean, what = 'condition', turns = 200): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (cond()) return
    await new Promise<void>((r) => setTimeout(r, 0))
  }
  throw new Error(`gave up waiting for ${what}`)
}
