import { describe, expect, it } from 'vitest'
import { errorInfo, type TalkDockErrorInfo } from '../../src/core/errors'
import { historyBefore, initialSendState, isRetryable, type SendEvent, type SendState } from '../../src/core/send-machine'
import { reduce, type SendEffect, type StepContext } from '../helpers/send-steps'
import type { AgentReply, ChatMessage } from '../../src/core/types'

// ------------------------------------------------------------------ harness

type SendFx = Extract<SendEffect, { type: 'send' }>

interface Run {
  state: SendState
  /** Effects of each event, in order. */
  steps: SendEffect[][]
  effects: SendEffect[]
  sends: SendFx[]
  now: number
}

/** An event, a function of the run so far (to address the live key), or a clock move. */
type Ev = SendEvent | ((r: Run) => SendEvent | null) | { type: 'advance'; ms: number }

interface Options {
  maxLength?: number
  historyLimit?: number
  debounceMs?: number
  maxTries?: number
  random?: number
  online?: boolean
  messages?: ChatMessage[]
}

function run(events: Ev[], o: Options = {}): Run {
  let id = 0
  const r: Run = { state: initialSendState(o.messages ?? [], o.online ?? true), steps: [], effects: [], sends: [], now: 1_000_000 }
  for (const e of events) {
    if (typeof e !== 'function' && e.type === 'advance') {
      r.now += (e as { ms: number }).ms
      continue
    }
    const ev = typeof e === 'function' ? e(r) : (e as SendEvent)
    if (!ev) throw new Error('event could not be built (nothing in flight?)')
    const ctx: StepContext = {
      now: r.now,
      newId: () => `id${++id}`,
      random: () => o.random ?? 0.5,
      maxLength: o.maxLength ?? 1000,
      historyLimit: o.historyLimit ?? 20,
      debounceMs: o.debounceMs,
      maxTries: o.maxTries,
    }
    const before = JSON.stringify(r.state)
    const step = reduce(r.state, ev, ctx)
    // The reducer is pure: it never mutates the state it was given.
    expect(JSON.stringify(r.state)).toBe(before)
    r.state = step.state
    r.steps.push(step.effects)
    r.effects.push(...step.effects)
    r.sends.push(...step.effects.filter((x): x is SendFx => x.type === 'send'))
    r.now += 10
  }
  return r
}

const liveKey = (r: Run) => r.state.inFlight?.key ?? r.sends[r.sends.length - 1]?.key
const submit = (text: string): SendEvent => ({ type: 'submit', text })
const advance = (ms: number) => ({ type: 'advance' as const, ms })
const reply = (text: string, extra: Partial<AgentReply> = {}) => (r: Run): SendEvent => ({ type: 'reply', key: liveKey(r), reply: { text, ...extra } })
const fail = (error: TalkDockErrorInfo) => (r: Run): SendEvent => ({ type: 'failure', key: liveKey(r), error })
const retryDue = (r: Run): SendEvent => ({ type: 'retry_due', key: liveKey(r) })
const delta = (text: string) => (r: Run): SendEvent => ({ type: 'delta', key: liveKey(r), text })
const stop: SendEvent = { type: 'stop' }
const online = (value: boolean): SendEvent => ({ type: 'online', online: value })
/** Retry the user message whose text is `text`. */
const retryText = (text: string) => (r: Run): SendEvent => ({ type: 'retry', id: r.state.messages.find((m) => m.role === 'user' && m.text === text)!.id })

const e500 = errorInfo('server_error', { status: 500 })
const e502 = errorInfo('server_error', { status: 502 })
const e503 = errorInfo('unavailable', { status: 503 })
const e503msg = errorInfo('unavailable', { status: 503, message: 'Daily usage limit reached', fromServer: true })
const e400 = errorInfo('bad_request', { status: 400 })
const e401 = errorInfo('unauthorized', { status: 401 })
const e429 = (retryAfterMs?: number) => errorInfo('rate_limited', { status: 429, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
const eNet = errorInfo('network')

/** The visible log: role, text and status of every message. */
const log = (r: Run) => r.state.messages.map((m) => [m.role, m.text, m.status])
const waits = (r: Run) => r.effects.filter((e) => e.type === 'wait').map((e) => (e as { ms: number }).ms)
const emitted = (r: Run, kind: 'message' | 'error') => r.effects.filter((e) => e.type === kind)

interface Case {
  name: string
  events: Ev[]
  options?: Options
  expect: {
    /** [role, text, status] of every message, in order. */
    log?: Array<[string, string, string]>
    /** Texts of every send effect, in order. */
    sent?: string[]
    /** Delays of every wait effect, in order. */
    waits?: number[]
    /** Number of `error` events emitted. */
    errors?: number
    inFlight?: boolean
    check?: (r: Run) => void
  }
}

function table(title: string, cases: Case[]) {
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const r = run(c.events, c.options)
      const x = c.expect
      if (x.log) expect(log(r)).toEqual(x.log)
      if (x.sent) expect(r.sends.map((s) => s.text)).toEqual(x.sent)
      if (x.waits) expect(waits(r)).toEqual(x.waits)
      if (x.errors !== undefined) expect(emitted(r, 'error')).toHaveLength(x.errors)
      if (x.inFlight !== undefined) expect(r.state.inFlight !== null).toBe(x.inFlight)
      x.check?.(r)
    })
  })
}

// ------------------------------------------------------------------ tables

table('submit', [
  { name: 'empty text is ignored', events: [submit('')], expect: { log: [], sent: [], check: (r) => expect(r.effects).toEqual([]) } },
  {
    name: 'whitespace-only text is ignored',
    events: [submit('   \n\t  ')],
    expect: { log: [], sent: [], check: (r) => expect(r.effects).toEqual([]) },
  },
  {
    name: 'text is trimmed before it is sent',
    events: [submit('  where is my order?  \n')],
    expect: { log: [['user', 'where is my order?', 'sending']], sent: ['where is my order?'] },
  },
  {
    name: 'one submit gives exactly one send effect and one message event',
    events: [submit('hello')],
    expect: {
      sent: ['hello'],
      check: (r) => {
        expect(r.steps[0].map((e) => e.type)).toEqual(['message', 'send'])
        const s = r.sends[0]
        expect(s.attempt).toBe(1)
        expect(s.history).toEqual([])
        expect(r.state.messages[0].key).toBe(s.key)
        expect(emitted(r, 'message')).toEqual([{ type: 'message', message: expect.objectContaining({ role: 'user', text: 'hello' }) }])
      },
    },
  },
  {
    name: 'too long: an error event (too_long), nothing appended, nothing sent',
    options: { maxLength: 10 },
    events: [submit('x'.repeat(11))],
    expect: {
      log: [],
      sent: [],
      check: (r) => {
        expect(r.effects).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'too_long' }) }])
        expect(r.state.last).toBeNull()
      },
    },
  },
  {
    name: 'exactly maxLength is accepted (length is measured after trimming)',
    options: { maxLength: 10 },
    events: [submit('  ' + 'x'.repeat(10) + '  ')],
    expect: { sent: ['x'.repeat(10)] },
  },
  {
    name: 'identical text within the debounce window is one intent',
    events: [submit('hi'), advance(300), submit('hi'), submit(' hi ')],
    expect: { log: [['user', 'hi', 'sending']], sent: ['hi'] },
  },
  {
    name: 'identical text just inside the window (599 ms) is ignored',
    options: { debounceMs: 600 },
    events: [submit('hi'), reply('hello'), advance(599 - 20), submit('hi')],
    expect: { sent: ['hi'], log: [['user', 'hi', 'sent'], ['assistant', 'hello', 'done']] },
  },
  {
    name: 'identical text at the end of the debounce window (600 ms) is a new message',
    options: { debounceMs: 600 },
    events: [submit('hi'), reply('hello'), advance(600 - 20), submit('hi')],
    expect: {
      sent: ['hi', 'hi'],
      log: [['user', 'hi', 'sent'], ['assistant', 'hello', 'done'], ['user', 'hi', 'sending']],
    },
  },
  {
    name: 'different text within the window is accepted',
    events: [submit('hi'), submit('hello')],
    expect: { log: [['user', 'hi', 'sending'], ['user', 'hello', 'queued']], sent: ['hi'] },
  },
  {
    name: 'a rejected (too long) submit does not arm the debounce for the next text',
    options: { maxLength: 5 },
    events: [submit('abcdef'), submit('abc')],
    expect: { sent: ['abc'] },
  },
])

table('queueing while a reply is pending', [
  {
    name: 'messages typed while in flight wait, then go out together as ONE send with a new key',
    events: [submit('first'), submit('second'), submit('third'), reply('answer')],
    expect: {
      sent: ['first', 'second\n\nthird'],
      log: [
        ['user', 'first', 'sent'],
        ['assistant', 'answer', 'done'],
        ['user', 'second', 'sending'],
        ['user', 'third', 'sending'],
      ],
      check: (r) => {
        expect(r.steps[1].some((e) => e.type === 'send')).toBe(false)
        expect(r.steps[2].some((e) => e.type === 'send')).toBe(false)
        const [a, b] = r.sends
        expect(b.key).not.toBe(a.key)
        const [, , second, third] = r.state.messages
        expect(second.key).toBe(b.key)
        expect(third.key).toBe(b.key)
        expect(b.history).toEqual([
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'answer' },
        ])
      },
    },
  },
  {
    name: 'batches split when the joined text would exceed maxLength',
    options: { maxLength: 10 },
    events: [submit('aaaa'), submit('bbbb'), submit('cccc'), submit('dd'), reply('r1'), reply('r2')],
    expect: {
      // "bbbb\n\ncccc" is exactly 10; adding "\n\ndd" would make 14.
      sent: ['aaaa', 'bbbb\n\ncccc', 'dd'],
      check: (r) => {
        expect(new Set(r.sends.map((s) => s.key)).size).toBe(3)
        for (const s of r.sends) expect(s.text.length).toBeLessThanOrEqual(10)
      },
    },
  },
  {
    name: 'the reply is placed right after its batch, before messages queued meanwhile',
    events: [submit('q1'), submit('q2'), reply('a1'), reply('a2')],
    expect: {
      log: [
        ['user', 'q1', 'sent'],
        ['assistant', 'a1', 'done'],
        ['user', 'q2', 'sent'],
        ['assistant', 'a2', 'done'],
      ],
      inFlight: false,
    },
  },
  {
    name: 'a reply carries cards and suggestions and is emitted as a message',
    events: [submit('shoes?'), reply('Try these', { cards: [{ title: 'Runner', url: 'https://s.example/p/1' }], suggestions: ['Cheaper?'] })],
    expect: {
      check: (r) => {
        const a = r.state.messages[1]
        expect(a).toMatchObject({ role: 'assistant', status: 'done', cards: [{ title: 'Runner' }], suggestions: ['Cheaper?'] })
        expect(emitted(r, 'message').map((e) => (e as { message: ChatMessage }).message.role)).toEqual(['user', 'assistant'])
      },
    },
  },
  {
    name: 'a reply for a stale key is ignored',
    events: [submit('q'), { type: 'reply', key: 'not-the-key', reply: { text: 'stray' } }],
    expect: { log: [['user', 'q', 'sending']], inFlight: true },
  },
])

table('retries and backoff', [
  {
    name: 'retryable failure waits with backoff (random 0.5 → 1000 ms, then 2000 ms) and retries with the same key and text',
    events: [submit('hello'), fail(e502), retryDue, fail(e502), retryDue],
    expect: {
      waits: [1000, 2000],
      sent: ['hello', 'hello', 'hello'],
      errors: 0,
      check: (r) => {
        expect(new Set(r.sends.map((s) => s.key)).size).toBe(1)
        expect(r.sends.map((s) => s.attempt)).toEqual([1, 2, 3])
        expect(r.state.messages[0].status).toBe('sending')
      },
    },
  },
  {
    name: 'while waiting out the backoff, nothing is sent and the state says waiting',
    events: [submit('hello'), fail(eNet)],
    expect: {
      sent: ['hello'],
      check: (r) => {
        expect(r.state.inFlight).toMatchObject({ waiting: true, attempt: 1 })
        expect(r.steps[1]).toEqual([{ type: 'wait', key: r.sends[0].key, ms: 1000 }])
      },
    },
  },
  {
    name: 'Retry-After longer than the backoff is honoured',
    events: [submit('hello'), fail(e429(5000))],
    expect: { waits: [5000] },
  },
  {
    name: 'Retry-After shorter than the backoff does not shorten it',
    events: [submit('hello'), fail(e429(100))],
    expect: { waits: [1000] },
  },
  {
    name: 'jitter: random 0 gives 80% of the base',
    options: { random: 0 },
    events: [submit('hello'), fail(e503)],
    expect: { waits: [800] },
  },
  {
    name: 'jitter: random near 1 gives at most 120% of the base',
    options: { random: 0.9999 },
    events: [submit('hello'), fail(e503), retryDue, fail(e503)],
    expect: { waits: [1200, 2400] },
  },
  {
    name: 'after maxTries the message fails and an error is emitted',
    events: [submit('hello'), fail(eNet), retryDue, fail(eNet), retryDue, fail(eNet)],
    expect: {
      sent: ['hello', 'hello', 'hello'],
      waits: [1000, 2000],
      errors: 1,
      inFlight: false,
      log: [['user', 'hello', 'failed']],
      check: (r) => expect(r.state.messages[0].error?.code).toBe('network'),
    },
  },
  {
    name: 'maxTries is configurable (1 = no automatic retry)',
    options: { maxTries: 1 },
    events: [submit('hello'), fail(eNet)],
    expect: { sent: ['hello'], waits: [], errors: 1, log: [['user', 'hello', 'failed']] },
  },
  {
    name: 'retry_due for another key is ignored',
    events: [submit('hello'), fail(eNet), { type: 'retry_due', key: 'other' }],
    expect: { sent: ['hello'], check: (r) => expect(r.state.inFlight?.waiting).toBe(true) },
  },
  {
    name: 'retry_due when not waiting is ignored (no duplicate send)',
    events: [submit('hello'), retryDue],
    expect: { sent: ['hello'] },
  },
  {
    name: 'manual retry of a failed message reuses its key and text',
    events: [submit('hello'), fail(e500), retryText('hello')],
    expect: {
      sent: ['hello', 'hello'],
      log: [['user', 'hello', 'sending']],
      check: (r) => {
        expect(r.sends[1].key).toBe(r.sends[0].key)
        expect(r.sends[1].attempt).toBe(1)
        expect(r.state.messages[0].error).toBeUndefined()
      },
    },
  },
  {
    name: 'manual retry of one message of a failed batch resends the whole batch under its key',
    events: [submit('a'), submit('b'), submit('c'), reply('ra'), fail(e500), retryText('c')],
    expect: {
      sent: ['a', 'b\n\nc', 'b\n\nc'],
      check: (r) => expect(r.sends[2].key).toBe(r.sends[1].key),
    },
  },
  {
    name: 'retry while another request is in flight is ignored',
    events: [submit('a'), fail(e500), submit('b'), retryText('a')],
    expect: { sent: ['a', 'b'], log: [['user', 'a', 'failed'], ['user', 'b', 'sending']] },
  },
  {
    name: 'retry of a sent message is ignored',
    events: [submit('a'), reply('r'), retryText('a')],
    expect: { sent: ['a'] },
  },
])

table('non-retryable failures fail at once', [
  ...[
    ['400', e400],
    ['401', e401],
    ['500', e500],
    ['503 with a server message', e503msg],
  ].map(
    ([label, err]): Case => ({
      name: `${label} → failed immediately with an error event`,
      events: [submit('hello'), fail(err as TalkDockErrorInfo)],
      expect: {
        sent: ['hello'],
        waits: [],
        errors: 1,
        inFlight: false,
        log: [['user', 'hello', 'failed']],
        check: (r) => {
          expect(r.state.messages[0].error).toEqual(err)
          const ev = emitted(r, 'error')[0] as { error: TalkDockErrorInfo }
          expect(ev.error.message).toBe((err as TalkDockErrorInfo).message)
        },
      },
    }),
  ),
  {
    name: 'the 503 server message reaches the failed message unchanged',
    events: [submit('hello'), fail(e503msg)],
    expect: { check: (r) => expect(r.state.messages[0].error).toMatchObject({ message: 'Daily usage limit reached', fromServer: true }) },
  },
  {
    name: 'a failure lets the next queued batch go out',
    events: [submit('a'), submit('b'), fail(e400)],
    expect: { sent: ['a', 'b'], log: [['user', 'a', 'failed'], ['user', 'b', 'sending']] },
  },
])

table('streaming, stop and cut replies', [
  {
    name: 'deltas append to one streaming assistant message',
    events: [submit('hi'), delta('Hel'), delta('lo'), delta(' there')],
    expect: { log: [['user', 'hi', 'sending'], ['assistant', 'Hello there', 'streaming']] },
  },
  {
    name: 'the final reply replaces the streamed text',
    events: [submit('hi'), delta('Hel'), delta('lo'), reply('Hello!')],
    expect: { log: [['user', 'hi', 'sent'], ['assistant', 'Hello!', 'done']] },
  },
  {
    name: 'a delta for another key or an empty delta changes nothing',
    events: [submit('hi'), { type: 'delta', key: 'other', text: 'x' }, delta('')],
    expect: { log: [['user', 'hi', 'sending']] },
  },
  {
    name: 'stop marks the partial reply stopped and emits abort for the live key',
    events: [submit('hi'), delta('Hel'), stop],
    expect: {
      log: [['user', 'hi', 'sent'], ['assistant', 'Hel', 'stopped']],
      inFlight: false,
      check: (r) => expect(r.steps[2]).toContainEqual({ type: 'abort', key: r.sends[0].key }),
    },
  },
  {
    name: 'stop sends the next queued batch',
    events: [submit('a'), submit('b'), stop],
    expect: { sent: ['a', 'b'] },
  },
  {
    name: 'stop with nothing in flight does nothing',
    events: [stop],
    expect: { check: (r) => expect(r.effects).toEqual([]) },
  },
  {
    name: 'a stopped partial reply counts as history for the next message',
    events: [submit('a'), delta('part'), stop, submit('b')],
    expect: {
      check: (r) =>
        expect(r.sends[1].history).toEqual([
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'part' },
        ]),
    },
  },
  {
    name: 'failure after a partial reply: assistant cut, user failed, no automatic retry',
    events: [submit('hi'), delta('Hel'), fail(errorInfo('stream_cut'))],
    expect: {
      log: [['user', 'hi', 'failed'], ['assistant', 'Hel', 'cut']],
      waits: [],
      errors: 1,
      check: (r) => expect(r.state.messages[1].error?.code).toBe('stream_cut'),
    },
  },
  {
    name: 'retrying a cut reply removes the partial text and resends under the same key',
    events: [submit('hi'), delta('Hel'), fail(errorInfo('stream_cut')), retryText('hi')],
    expect: {
      log: [['user', 'hi', 'sending']],
      check: (r) => expect(r.sends[1].key).toBe(r.sends[0].key),
    },
  },
])

function msg(partial: Partial<ChatMessage> & Pick<ChatMessage, 'id' | 'role' | 'text' | 'status'>): ChatMessage {
  return { at: 1, ...partial }
}

table('restore after reload', [
  {
    name: 'sending → no_reply, streaming → cut, completed turns unchanged, nothing sent',
    events: [
      {
        type: 'restore',
        messages: [
          msg({ id: 'u1', role: 'user', text: 'q1', status: 'sent', key: 'k1' }),
          msg({ id: 'a-k1', role: 'assistant', text: 'a1', status: 'done', key: 'k1' }),
          msg({ id: 'u2', role: 'user', text: 'q2', status: 'sending', key: 'k2' }),
          msg({ id: 'a-k2', role: 'assistant', text: 'half', status: 'streaming', key: 'k2' }),
        ],
      },
    ],
    expect: {
      log: [
        ['user', 'q1', 'sent'],
        ['assistant', 'a1', 'done'],
        ['user', 'q2', 'no_reply'],
        ['assistant', 'half', 'cut'],
      ],
      sent: [],
      inFlight: false,
      check: (r) => {
        expect(r.state.messages[2].error?.code).toBe('no_reply')
        expect(r.state.messages[3].error?.code).toBe('no_reply')
      },
    },
  },
  {
    name: 'retrying a no_reply message after reload uses its original key',
    events: [
      { type: 'restore', messages: [msg({ id: 'u2', role: 'user', text: 'q2', status: 'sending', key: 'k-orig' })] },
      { type: 'retry', id: 'u2' },
    ],
    expect: { sent: ['q2'], check: (r) => expect(r.sends[0].key).toBe('k-orig') },
  },
  {
    name: 'messages still waiting at reload come back as no_reply (not resent by themselves); Retry keeps the key',
    events: [
      {
        type: 'restore',
        messages: [
          msg({ id: 'u1', role: 'user', text: 'offline one', status: 'queued', key: 'k-off' }),
          msg({ id: 'u2', role: 'user', text: 'never tried', status: 'queued' }),
        ],
      },
      { type: 'retry', id: 'u1' },
    ],
    expect: {
      sent: ['offline one'],
      check: (r) => {
        expect(r.steps[0]).toEqual([])
        expect(r.sends[0].key).toBe('k-off')
        expect(r.state.messages[1]).toMatchObject({ status: 'no_reply', error: { code: 'no_reply' } })
      },
    },
  },
  {
    name: 'Retry on a message that was still waiting its turn at reload (never sent, no key) sends it with a new key',
    events: [
      { type: 'restore', messages: [msg({ id: 'u2', role: 'user', text: 'never tried', status: 'queued' })] },
      { type: 'retry', id: 'u2' },
    ],
    expect: {
      sent: ['never tried'],
      check: (r) => {
        expect(r.sends[0].key).toBeTruthy()
        expect(r.state.messages[0]).toMatchObject({ status: 'sending', key: r.sends[0].key })
      },
    },
  },
])

table('offline', [
  {
    name: 'submit while offline queues without sending; online flushes in order as one batch',
    options: { online: false },
    events: [submit('one'), submit('two'), submit('three'), online(true)],
    expect: {
      sent: ['one\n\ntwo\n\nthree'],
      check: (r) => {
        expect(r.steps.slice(0, 3).flat().some((e) => e.type === 'send')).toBe(false)
        expect(r.steps[3].filter((e) => e.type === 'send')).toHaveLength(1)
      },
    },
  },
  {
    name: 'going offline is remembered; submit then queues',
    events: [online(false), submit('one')],
    expect: { sent: [], log: [['user', 'one', 'queued']], check: (r) => expect(r.state.online).toBe(false) },
  },
  {
    name: 'network failure while offline re-queues under its key, no error, no wait',
    events: [submit('one'), online(false), fail(eNet), online(true)],
    expect: {
      sent: ['one', 'one'],
      waits: [],
      errors: 0,
      check: (r) => {
        expect(r.sends[1].key).toBe(r.sends[0].key)
        expect(r.steps[2]).toEqual([])
      },
    },
  },
  {
    name: 'a re-queued keyed batch is not merged with messages typed later',
    events: [submit('one'), online(false), fail(eNet), submit('two'), online(true), reply('r1')],
    expect: {
      sent: ['one', 'one', 'two'],
      check: (r) => {
        expect(r.sends[1].key).toBe(r.sends[0].key)
        expect(r.sends[2].key).not.toBe(r.sends[0].key)
      },
    },
  },
  {
    name: 'online while something is in flight sends nothing extra',
    events: [submit('one'), online(true)],
    expect: { sent: ['one'] },
  },
])

table('history', [
  {
    name: 'only completed turns before the batch, newest historyLimit of them',
    options: { historyLimit: 3 },
    events: [submit('q1'), reply('a1'), submit('q2'), reply('a2'), submit('q3')],
    expect: {
      check: (r) =>
        expect(r.sends[2].history).toEqual([
          { role: 'assistant', content: 'a1' },
          { role: 'user', content: 'q2' },
          { role: 'assistant', content: 'a2' },
        ]),
    },
  },
  {
    name: 'failed messages and cut replies are not history',
    events: [submit('bad'), fail(e400), submit('q2'), delta('hal'), fail(errorInfo('stream_cut')), submit('q3')],
    expect: { check: (r) => expect(r.sends[2].history).toEqual([]) },
  },
  {
    name: 'historyLimit 0 sends no history',
    options: { historyLimit: 0 },
    events: [submit('q1'), reply('a1'), submit('q2')],
    expect: { check: (r) => expect(r.sends[1].history).toEqual([]) },
  },
  {
    name: 'a retry sends the history as it stands before the retried message',
    events: [submit('q1'), reply('a1'), submit('q2'), fail(e500), retryText('q2')],
    expect: {
      check: (r) =>
        expect(r.sends[2].history).toEqual([
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1' },
        ]),
    },
  },
])

table('clear', [
  {
    name: 'clear empties the log and aborts the live request',
    events: [submit('q'), { type: 'clear' }],
    expect: {
      log: [],
      inFlight: false,
      check: (r) => expect(r.steps[1]).toEqual([{ type: 'abort', key: r.sends[0].key }]),
    },
  },
])

describe('isRetryable', () => {
  it.each<[string, TalkDockErrorInfo, boolean]>([
    ['network', eNet, true],
    ['timeout from the server (408/504)', errorInfo('server_timeout', { status: 504 }), true],
    ['429', e429(), true],
    ['502 HTML page', e502, true],
    ['503 without a message', e503, true],
    ['503 with a server message', e503msg, false],
    ['500', e500, false],
    ['400', e400, false],
    ['401', e401, false],
    ['403', errorInfo('forbidden', { status: 403 }), false],
    ['404', errorInfo('not_found', { status: 404 }), false],
    ['bad_response', errorInfo('bad_response'), false],
    ['client timeout', errorInfo('timeout'), false],
    ['stream_cut', errorInfo('stream_cut'), false],
  ])('%s → %s', (_n, error, expected) => {
    expect(isRetryable(error)).toBe(expected)
  })
})

describe('historyBefore', () => {
  it('stops at the given message and keeps the newest turns', () => {
    const m = (id: string, role: 'user' | 'assistant', status: ChatMessage['status']) => msg({ id, role, text: id, status })
    const messages = [m('u1', 'user', 'sent'), m('a1', 'assistant', 'done'), m('u2', 'user', 'sent'), m('a2', 'assistant', 'stopped'), m('u3', 'user', 'sending'), m('u4', 'user', 'sent')]
    expect(historyBefore(messages, 'u3', 3).map((t) => t.content)).toEqual(['a1', 'u2', 'a2'])
    expect(historyBefore(messages, 'u1', 10)).toEqual([])
  })
})
