/**
 * Drives the send machine one event at a time as a step function, for table tests:
 * each event's requests to the outside (`io`) come back as a list of effects, in order.
 */
import { atom } from 'nanostores'
import type { TalkDockErrorInfo } from '../../src/core/errors'
import { createSendMachine, type SendContext, type SendEvent, type SendRequest, type SendState } from '../../src/core/send-machine'
import type { ChatMessage } from '../../src/core/types'

export type SendEffect =
  | ({ type: 'send' } & SendRequest)
  | { type: 'abort'; key: string }
  | { type: 'wait'; key: string; ms: number }
  | { type: 'message'; message: ChatMessage }
  | { type: 'error'; error: TalkDockErrorInfo }

/** The machine's context with a fixed time. */
export type StepContext = Omit<SendContext, 'now'> & { now: number }

/** The state after `event` from `state`, and what the machine asked of the outside meanwhile. */
export function reduce(state: SendState, event: SendEvent, ctx: StepContext): { state: SendState; effects: SendEffect[] } {
  const store = atom(state)
  const effects: SendEffect[] = []
  const machine = createSendMachine(
    store,
    { ...ctx, now: () => ctx.now },
    {
      send: (req) => effects.push({ type: 'send', ...req }),
      abort: (key) => effects.push({ type: 'abort', key }),
      wait: (key, ms) => effects.push({ type: 'wait', key, ms }),
      message: (message) => effects.push({ type: 'message', message }),
      error: (error) => effects.push({ type: 'error', error }),
      save() {},
    },
  )
  machine(event)
  return { state: store.get(), effects }
}
