/** Public types of TalkDock: the handle returned by `init`/`createWidget` and its events. */
import type { TalkDockErrorInfo } from './core/errors'
import type { ChatMessage } from './core/types'
import type { VoiceErrorCode } from './core/voice-codes'

export type { TalkDockConfig, StorageKind } from './core/config'
export type { TalkDockErrorInfo, ErrorCode, ChatErrorCode, VoiceCallErrorCode } from './core/errors'
export type { VoiceErrorCode } from './core/voice-codes'
export type { ChatMessage, MessageStatus, Card } from './core/types'

/** The payload of the `voicestate` event. */
export interface VoiceStateEvent {
  state: VoiceStateName
  /** Why the call ended or failed (e.g. `mic_denied`, `agent_timeout`, `room_deleted`). */
  code?: VoiceStateCode
  /** A sentence for people, with `code`. */
  message?: string
}

/**
 * Why a call ended or failed, in the `voicestate` event: a {@link VoiceErrorCode},
 * or `load_failed` when the voice chunk did not load.
 */
export type VoiceStateCode = `${VoiceErrorCode}` | 'load_failed'

/**
 * A voice call's state: `idle`, `requesting-mic`, `connecting`, `waiting-for-agent`,
 * `listening`, `thinking`, `speaking`, `reconnecting`, `ended` or `error`.
 */
export type VoiceStateName =
  | 'idle'
  | 'requesting-mic'
  | 'connecting'
  | 'waiting-for-agent'
  | 'listening'
  | 'thinking'
  | 'speaking'
  | 'reconnecting'
  | 'ended'
  | 'error'

/** Payloads of the events delivered to `on(event, handler)`: these names only. */
export interface TalkDockEvents {
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
  /**
   * The voice call changed state: `idle`, `requesting-mic`, `connecting`, `waiting-for-agent`,
   * `listening`, `thinking`, `speaking`, `reconnecting`, `ended` or `error`; `code` and
   * `message` say why it ended or failed (the same failure is also an `error` event, code `voice_<code>`).
   */
  voicestate: VoiceStateEvent
}

/** What `TalkDock.init()` and `createWidget()` give back. */
export interface TalkDockHandle {
  open(): void
  close(): void
  toggle(): void
  /** Sends a message as if the visitor typed it (opens nothing). */
  send(text: string): void
  /**
   * Says who is asking: `{ id?, name?, email?, hash? }` travels as `user` with every
   * request and is kept with the session until "New conversation".
   */
  identify(user: { id?: string; name?: string; email?: string; hash?: string }): void
  /**
   * Page context (current page, cart, anything JSON-serialisable, at most 8 KB as JSON)
   * travels as `context` with every request from this page.
   */
  setContext(context: Record<string, unknown>): void
  /**
   * Opens the panel and starts a voice call (needs `enableVoice`). Resolves once the
   * attempt settled (connected, or failed with a `voicestate`/`error` event); never rejects.
   */
  startVoice(): Promise<void>
  /** Ends the voice call, if one is running; resolves when the room and microphone are released. */
  stopVoice(): Promise<void>
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof TalkDockEvents>(event: K, handler: (payload: TalkDockEvents[K]) => void): () => void
  /** Removes every node, listener, timer and pending request the widget made. */
  destroy(): void
  /** The build's version (package.json). */
  readonly version: string
}
