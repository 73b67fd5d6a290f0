/** The send machine with photos: `image` rides on the user message and its request, one photo per request. */
import { describe, expect, it } from 'vitest'
import { errorInfo } from '../../src/core/errors'
import { initialSendState, type SendEvent, type SendState } from '../../src/core/send-machine'
import { reduce, type SendEffect, type StepContext } from '../helpers/send-steps'

let n = 0
const ctx = (now = 1000): StepContext => ({ now, newId: () => `id${++n}`, random: () => 0.5, maxLength: 1000, historyLimit: 20, tabId: 't1' })

function run(events: SendEvent[], now = 1000): { state: SendState; sends: Extract<SendEffect, { type: 'send' }>[] } {
  let state = initialSendState()
  const sends: Extract<SendEffect, { type: 'send' }>[] = []
  for (const e of events) {
    const step = reduce(state, e, ctx(now))
    state = step.state
    for (const f of step.effects) if (f.type === 'send') sends.push(f)
  }
  return { state, sends }
}

describe('photos in the send machine', () => {
  it('a submitted photo goes on the user message and on the request', () => {
    const { state, sends } = run([{ type: 'submit', text: 'value this?', image: 'https://u/1.jpg', preview: 'data:image/jpeg;base64,AA' }])
    expect(state.messages[0]).toMatchObject({ role: 'user', text: 'value this?', image: 'https://u/1.jpg', preview: 'data:image/jpeg;base64,AA' })
    expect(sends).toHaveLength(1)
    expect(sends[0]).toMatchObject({ text: 'value this?', image: 'https://u/1.jpg' })
  })

  it('a message with a photo is never batched with others (one image per request)', () => {
    const first = run([{ type: 'submit', text: 'hello' }])
    const key = first.sends[0].key
    let state = first.state
    const sends: Extract<SendEffect, { type: 'send' }>[] = []
    const events: SendEvent[] = [
      { type: 'submit', text: 'photo one', image: 'https://u/1.jpg' },
      { type: 'submit', text: 'and text after' },
      { type: 'reply', key, reply: { text: 'hi' } },
    ]
    for (const e of events) {
      const step = reduce(state, e, ctx(5000))
      state = step.state
      for (const f of step.effects) if (f.type === 'send') sends.push(f)
    }
    expect(sends).toHaveLength(1)
    expect(sends[0]).toMatchObject({ text: 'photo one', image: 'https://u/1.jpg' })
    const step = reduce(state, { type: 'reply', key: sends[0].key, reply: { text: 'nice' } }, ctx(6000))
    const next = step.effects.find((f) => f.type === 'send') as Extract<SendEffect, { type: 'send' }>
    expect(next.text).toBe('and text after')
    expect(next.image).toBeUndefined()
  })

  it('a retry resends the same photo under the same key', () => {
    const { state, sends } = run([{ type: 'submit', text: 'x', image: 'https://u/2.jpg' }])
    const failed = reduce(state, { type: 'failure', key: sends[0].key, error: errorInfo('server_error') }, ctx(2000)).state
    const retried = reduce(failed, { type: 'retry', id: failed.messages[0].id }, ctx(3000))
    expect(retried.effects.find((f) => f.type === 'send')).toMatchObject({ key: sends[0].key, image: 'https://u/2.jpg' })
  })

  it('the same text again with a new photo is not swallowed by the double-submit guard', () => {
    const { state } = run([
      { type: 'submit', text: 'this one', image: 'https://u/a.jpg' },
      { type: 'submit', text: 'this one', image: 'https://u/b.jpg' },
    ])
    expect(state.messages.map((m) => m.image)).toEqual(['https://u/a.jpg', 'https://u/b.jpg'])
  })
})
