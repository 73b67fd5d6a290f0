import { describe, expect, it } from 'vitest'
import { createPersistence, MAX_STORED_MESSAGES, parseSaved, storageKey, type Saved } from '../../src/core/persistence'
import type { ChatMessage } from '../../src/core/types'
import { createMemoryStorage, type MemoryStorage } from '../helpers/fakes'

const HOUR = 3600_000
const T0 = 1_700_000_000_000

function message(i: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return { id: `m${i}`, role: i % 2 ? 'assistant' : 'user', text: `message ${i}`, status: i % 2 ? 'done' : 'sent', at: T0 + i, ...over }
}

function saved(over: Partial<Saved> = {}): Saved {
  return { v: 1, sessionId: 'td_abc', messages: [message(0), message(1)], draft: 'half typed', open: true, updatedAt: T0, ...over }
}

function setup(storage: MemoryStorage | null = createMemoryStorage(), ns = 'https://shop.example') {
  let now = T0
  const p = createPersistence({ storage, namespace: ns, ttlMs: 24 * HOUR, now: () => now })
  return { p, storage, setNow: (t: number) => (now = t) }
}

describe('round trip', () => {
  it('what is saved is what a later page load reads back', () => {
    const storage = createMemoryStorage()
    const data = saved({ extra: { name: 'Siti' } })
    expect(setup(storage).p.save(data)).toBe(true)
    // A "reload": a new persistence over the same storage.
    expect(setup(storage).p.load()).toEqual(data)
  })

  it('is stored under the namespaced, versioned key talkdock:v1:<namespace>', () => {
    const storage = createMemoryStorage()
    const { p } = setup(storage, 'https://api.shop.example')
    p.save(saved())
    expect([...storage.map.keys()]).toEqual(['talkdock:v1:https://api.shop.example'])
    expect(p.key).toBe('talkdock:v1:https://api.shop.example')
    expect(storageKey('x')).toBe('talkdock:v1:x')
    expect(JSON.parse(storage.map.get(p.key)!)).toMatchObject({ v: 1, sessionId: 'td_abc' })
  })

  it('two backends on one site do not see each other', () => {
    const storage = createMemoryStorage()
    setup(storage, 'https://a.example').p.save(saved({ sessionId: 'td_a' }))
    setup(storage, 'https://b.example').p.save(saved({ sessionId: 'td_b' }))
    expect(setup(storage, 'https://a.example').p.load()?.sessionId).toBe('td_a')
    expect(setup(storage, 'https://b.example').p.load()?.sessionId).toBe('td_b')
  })

  it('nothing stored → null', () => {
    expect(setup().p.load()).toBeNull()
  })

  it('keeps at most MAX_STORED_MESSAGES, the newest', () => {
    const storage = createMemoryStorage()
    const messages = Array.from({ length: MAX_STORED_MESSAGES + 50 }, (_, i) => message(i))
    setup(storage).p.save(saved({ messages }))
    const back = setup(storage).p.load()!
    expect(back.messages).toHaveLength(MAX_STORED_MESSAGES)
    expect(back.messages[back.messages.length - 1].id).toBe(`m${MAX_STORED_MESSAGES + 49}`)
    expect(back.messages[0].id).toBe('m50')
  })
})

describe('expiry', () => {
  it('is kept until the TTL after the last change and gone after it', () => {
    const storage = createMemoryStorage()
    setup(storage).p.save(saved({ updatedAt: T0 }))
    const later = setup(storage)
    later.setNow(T0 + 24 * HOUR)
    expect(later.p.load()?.sessionId).toBe('td_abc')
    later.setNow(T0 + 24 * HOUR + 1)
    expect(later.p.load()).toBeNull()
    // The expired record is removed, not just hidden.
    expect(storage.map.size).toBe(0)
  })
})

describe('corrupt or foreign data never throws', () => {
  const KEY = storageKey('https://shop.example')
  it.each([
    ['not JSON', '{"v":1,'],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['an array', '[]'],
    ['another version', JSON.stringify({ ...saved(), v: 2 })],
    ['no version', JSON.stringify({ ...saved(), v: undefined })],
    ['no sessionId', JSON.stringify({ ...saved(), sessionId: '' })],
    ['sessionId not a string', JSON.stringify({ ...saved(), sessionId: 7 })],
    ['updatedAt missing', JSON.stringify({ ...saved(), updatedAt: 'yesterday' })],
  ])('%s → null', (_n, raw) => {
    const storage = createMemoryStorage({ [KEY]: raw })
    const { p } = setup(storage)
    expect(() => p.load()).not.toThrow()
    expect(p.load()).toBeNull()
  })

  it('garbage messages are filtered out, good ones kept', () => {
    const good = message(0)
    const raw = JSON.stringify({
      ...saved(),
      messages: [
        good,
        null,
        'hello',
        { ...message(2), role: 'system' },
        { ...message(3), status: 'exploded' },
        { ...message(4), text: 42 },
        { ...message(5), at: 'now' },
        { ...message(6), id: undefined },
        message(7),
      ],
    })
    const back = setup(createMemoryStorage({ [KEY]: raw })).p.load()!
    expect(back.messages.map((m) => m.id)).toEqual(['m0', 'm7'])
  })

  it('messages not an array → empty log, session kept', () => {
    const raw = JSON.stringify({ ...saved(), messages: { 0: message(0) } })
    const back = setup(createMemoryStorage({ [KEY]: raw })).p.load()!
    expect(back.sessionId).toBe('td_abc')
    expect(back.messages).toEqual([])
  })

  it('odd optional fields fall back to safe values', () => {
    const raw = JSON.stringify({ ...saved(), draft: 5, open: 'yes', extra: 'x', sessionId: 's'.repeat(500) })
    const back = parseSaved(raw)!
    expect(back.draft).toBe('')
    expect(back.open).toBe(false)
    expect(back.extra).toBeUndefined()
    expect(back.sessionId).toHaveLength(100)
  })
})

describe('blocked, full or absent storage', () => {
  it('getItem/setItem throwing (blocked) → load null, save false, no throw', () => {
    const storage = createMemoryStorage()
    storage.blocked = true
    const { p } = setup(storage)
    expect(() => p.load()).not.toThrow()
    expect(p.load()).toBeNull()
    expect(p.save(saved())).toBe(false)
  })

  it('quota exceeded → keeps the newest messages that fit and reports success', () => {
    const storage = createMemoryStorage()
    const messages = Array.from({ length: 40 }, (_, i) => message(i, { text: `message ${i} ${'x'.repeat(100)}` }))
    // Room for roughly a dozen messages, not forty.
    storage.quotaChars = JSON.stringify(saved({ messages: messages.slice(0, 12) })).length
    const { p } = setup(storage)
    expect(p.save(saved({ messages }))).toBe(true)
    const back = p.load()!
    expect(back.messages.length).toBeGreaterThan(0)
    expect(back.messages.length).toBeLessThan(40)
    // The newest survive, in order, ending with the last one.
    const ids = back.messages.map((m) => m.id)
    expect(ids).toEqual(messages.slice(-ids.length).map((m) => m.id))
    expect(back.sessionId).toBe('td_abc')
    expect(back.draft).toBe('half typed')
  })

  it('quota too small for even one message → save false, no throw, nothing half-written', () => {
    const storage = createMemoryStorage()
    storage.quotaChars = 10
    const { p } = setup(storage)
    expect(p.save(saved())).toBe(false)
    expect(storage.map.size).toBe(0)
  })

  it('storage: "none" (null) → nothing is read or written, and nothing throws', () => {
    const { p } = setup(null)
    expect(p.save(saved())).toBe(true)
    expect(p.load()).toBeNull()
  })

  it('an expired record in storage whose removeItem throws → null, no throw', () => {
    const storage = createMemoryStorage({ [storageKey('https://shop.example')]: JSON.stringify(saved({ updatedAt: T0 - 48 * HOUR })) })
    storage.removeItem = () => {
      throw new DOMException('blocked', 'SecurityError')
    }
    const { p } = setup(storage)
    expect(p.load()).toBeNull()
  })
})
