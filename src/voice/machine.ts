/**
 * The voice state machine: a pure reducer with no DOM, timers or I/O. The
 * session feeds it what happened (events) and acts on the state it returns.
 *
 *   idle → requesting-mic → connecting → waiting-for-agent → listening ⇄ thinking ⇄ speaking
 *                                                ↘ reconnecting ↗
 *   any active state → ended (visitor ended it, or the room was deleted)
 *                    → error (with a code)
 *
 * `ended` and `error` are terminal until the next `start`.
 */
import type { VoiceStateName } from '../api'
import { type MicErrorKind, VoiceErrorCode, micErrorCode } from '../core/voice-codes'

/** The call's states (the public `VoiceStateName`, src/api.ts). */
export type VoiceState = VoiceStateName

/** The agent-driven states (from the agent's `lk.agent.state` attribute). */
export type AgentVoiceState = 'listening' | 'thinking' | 'speaking'

export interface VoiceSnapshot {
  state: VoiceState
  /** Why the session ended or failed; set only in `ended` / `error`. */
  code?: VoiceErrorCode
  /** The agent's last reported state, kept across reconnects. */
  agent?: AgentVoiceState
}

export type VoiceEvent =
  | { type: 'start' }
  | { type: 'mic-granted' }
  | { type: 'mic-error'; kind: MicErrorKind }
  | { type: 'token-ok' }
  | { type: 'token-error' }
  | { type: 'connect-error'; code: VoiceErrorCode }
  | { type: 'connected' }
  /** `state` is the raw `lk.agent.state` value (initializing, idle, listening, thinking, speaking...). */
  | { type: 'agent-state'; state: string }
  /** The agent participant left the room. */
  | { type: 'agent-left' }
  | { type: 'agent-timeout' }
  | { type: 'reconnecting' }
  | { type: 'reconnected' }
  /**
   * The room disconnected. `code` null: initiated by this client; undefined:
   * no reason given; otherwise the mapped server reason.
   */
  | { type: 'disconnected'; code: VoiceErrorCode | null | undefined }
  /** Any other failure during the session. */
  | { type: 'fail'; code: VoiceErrorCode }
  /** The visitor ends the session. */
  | { type: 'end' }

export const INITIAL: VoiceSnapshot = { state: 'idle' }

const CONNECTED_STATES: ReadonlySet<VoiceState> = new Set(['waiting-for-agent', 'listening', 'thinking', 'speaking'])
const ACTIVE_STATES: ReadonlySet<VoiceState> = new Set([
  'requesting-mic',
  'connecting',
  'waiting-for-agent',
  'listening',
  'thinking',
  'speaking',
  'reconnecting',
])

/** True while a session is running (mic requested through reconnecting). */
export const isActive = (state: VoiceState): boolean => ACTIVE_STATES.has(state)

/** True while connected to the room (text can be sent, mic is live). */
export const isConnected = (state: VoiceState): boolean => CONNECTED_STATES.has(state)

/** Maps a raw `lk.agent.state` value to a voice state; undefined for "not ready". */
export function agentVoiceState(raw: string | undefined): AgentVoiceState | undefined {
  return raw === 'listening' || raw === 'thinking' || raw === 'speaking' ? raw : undefined
}

const fail = (code: VoiceErrorCode): VoiceSnapshot => ({ state: 'error', code })

/**
 * Applies `event` to `snap`. Returns the same object when the event does not
 * apply in the current state, so `next !== snap` means "something changed".
 */
export function reduce(snap: VoiceSnapshot, event: VoiceEvent): VoiceSnapshot {
  const { state } = snap
  switch (event.type) {
    case 'start':
      return isActive(state) ? snap : { state: 'requesting-mic' }
    case 'mic-granted':
      return state === 'requesting-mic' ? { state: 'connecting' } : snap
    case 'mic-error':
      return state === 'requesting-mic' ? fail(micErrorCode(event.kind)) : snap
    case 'token-ok':
      return snap
    case 'token-error':
      return state === 'connecting' ? fail(VoiceErrorCode.TokenFailed) : snap
    case 'connect-error':
      return state === 'connecting' ? fail(event.code) : snap
    case 'connected':
      return state === 'connecting' ? { state: snap.agent ?? 'waiting-for-agent', agent: snap.agent } : snap
    case 'agent-state': {
      if (!isActive(state) || state === 'requesting-mic') return snap
      const agent = agentVoiceState(event.state)
      if (state === 'connecting' || state === 'reconnecting') return agent === snap.agent ? snap : { state, agent }
      const next = agent ?? 'waiting-for-agent'
      return next === state && agent === snap.agent ? snap : { state: next, agent }
    }
    case 'agent-left':
      if (state === 'reconnecting') return { state }
      return isConnected(state) ? { state: 'waiting-for-agent' } : snap
    case 'agent-timeout':
      return state === 'waiting-for-agent' ? fail(VoiceErrorCode.AgentTimeout) : snap
    case 'reconnecting':
      return isConnected(state) ? { state: 'reconnecting', agent: snap.agent } : snap
    case 'reconnected':
      return state === 'reconnecting' ? { state: snap.agent ?? 'waiting-for-agent', agent: snap.agent } : snap
    case 'disconnected': {
      // while connecting, the outcome of connect() itself decides (it carries the precise reason)
      if (!isConnected(state) && state !== 'reconnecting') return snap
      if (event.code === null) return { state: 'ended' }
      if (event.code === VoiceErrorCode.RoomDeleted) return { state: 'ended', code: event.code }
      if (event.code === undefined) {
        return fail(state === 'reconnecting' ? VoiceErrorCode.ReconnectFailed : VoiceErrorCode.Unknown)
      }
      return fail(event.code)
    }
    case 'fail':
      return isActive(state) ? fail(event.code) : snap
    case 'end':
      return isActive(state) ? { state: 'ended' } : snap
  }
}
