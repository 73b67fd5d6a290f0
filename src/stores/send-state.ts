import { map, type MapStore } from 'nanostores'
import type { ChatMessage } from '../core/types'
import { initialSendState, type SendState } from '../core/send-machine'

/**
 * The conversation as the send machine keeps it: the messages, the request in
 * flight, whether the browser is online, the double-submit guard. The machine
 * (src/core/send-machine.ts) is its only writer and replaces the whole state on
 * each change, so a component reading it re-renders once per event; the message
 * log, the composer and the status line read it. A map, so a component can re-render on
 * one key only (`useStore(state, { keys: ['online'] })`).
 */
export type SendStore = MapStore<SendState>

/** A send store holding `messages` (none by default), nothing in flight. */
export function createSendStore(online: boolean, messages: ChatMessage[] = []): SendStore {
  return map(initialSendState(messages, online))
}
