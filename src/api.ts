/** Public types of TalkDock: the handle returned by `init`/`createWidget` and its events. */
import type { TalkDockErrorInfo } from './core/errors'
import type { ChatMessage } from './core/types'

export type { TalkDockConfig, StorageKind } from './core/config'
export type { TalkDockErrorInfo, ErrorCode } from './core/errors'
export type { ChatMessage, MessageStatus, Card } from './core/types'

/** Payloads of the events delivered to `on(event, handler)`. */
export interface TalkDockEvents extends Record<string, unknown> {
  /** The launcher is on the page. Handlers added later are called at once. */
  ready: { version: string }
  /** The panel opened. */
  open: undefined
  /** The panel closed. */
  close: undefined
  /** A user message was sent (queued) or an assistant reply completed. */
  message: ChatMessage
  /** Something failed; `code` is stable, `message` is for people. */
  error: TalkDockErrorInfo
}

/** What `TalkDock.init()` and `createWidget()` give back. */
export interface TalkDockHandle {
  open(): void
  close(): void
  toggle(): void
  /** Sends a message as if the visitor typed it (opens nothing). */
  send(text: string): void
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof TalkDockEvents>(event: K, handler: (payload: TalkDockEvents[K]) => void): () => void
  /** Removes every node, listener, timer and pending request the widget made. */
  destroy(): void
  /** The build's version (package.json). */
  readonly version: string
}
