import { describe, expect, it } from 'vitest'
import { VoiceErrorCode as C } from '../../src/core/voice-codes'
import { INITIAL, type VoiceEvent, type VoiceSnapshot, agentVoiceState, isActive, reduce } from '../../src/voice/machine'
import { VOICE_MESSAGES, voiceMessage } from '../../src/voice/messages'

/** Runs events from idle and returns the state after each one. */
function trace(events: VoiceEvent[], from: VoiceSnapshot = INITIAL): Array<[VoiceSnapshot['state'], C | undefined]> {
  let snap = from
  return events.map((e) => {
    snap = reduce(snap, e)
    return [snap.state, snap.code]
  })
}

const toConnected: VoiceEvent[] = [{ type: 'start' }, { type: 'mic-granted' }, { type: 'token-ok' }, { type: 'connected' }]
const at = (events: VoiceEvent[]) => events.reduce(reduce, INITIAL)

describe('voice machine: happy path', () => {
  it('goes idle → requesting-mic → connecting → waiting-for-agent → agent states', () => {
    expect(
      trace([
        ...toConnected,
        { type: 'agent-state', state: 'initializing' },
        { type: 'agent-state', state: 'listening' },
        { type: 'agent-state', state: 'thinking' },
        { type: 'agent-state', state: 'speaking' },
        { type: 'agent-state', state: 'listening' },
        { type: 'end' },
      ]),
    ).toEqual([
      ['requesting-mic', undefined],
      ['connecting', undefined],
      ['connecting', undefined],
      ['waiting-for-agent', undefined],
      ['waiting-for-agent', undefined],
      ['listening', undefined],
      ['thinking', undefined],
      ['speaking', undefined],
      ['listening', undefined],
      ['ended', undefined],
    ])
  })
})

describe('voice machine: failures (event → state + code)', () => {
  const cases: Array<[string, VoiceEvent[], VoiceSnapshot['state'], C | undefined]> = [
    ['mic denied', [{ type: 'start' }, { type: 'mic-error', kind: 'denied' }], 'error', C.MicDenied],
    ['no mic', [{ type: 'start' }, { type: 'mic-error', kind: 'not-found' }], 'error', C.MicNotFound],
    ['mic busy', [{ type: 'start' }, { type: 'mic-error', kind: 'in-use' }], 'error', C.MicInUse],
    ['mic policy', [{ type: 'start' }, { type: 'mic-error', kind: 'blocked-by-policy' }], 'error', C.MicBlockedByPolicy],
    ['mic other', [{ type: 'start' }, { type: 'mic-error', kind: 'unknown' }], 'error', C.Unknown],
    ['token', [{ type: 'start' }, { type: 'mic-granted' }, { type: 'token-error' }], 'error', C.TokenFailed],
    [
      'connect refused',
      [{ type: 'start' }, { type: 'mic-granted' }, { type: 'token-ok' }, { type: 'connect-error', code: C.ConnectNotAllowed }],
      'error',
      C.ConnectNotAllowed,
    ],
    ['agent never came', [...toConnected, { type: 'agent-timeout' }], 'error', C.AgentTimeout],
    ['room deleted (agent hung up)', [...toConnected, { type: 'disconnected', code: C.RoomDeleted }], 'ended', C.RoomDeleted],
    ['removed', [...toConnected, { type: 'disconnected', code: C.Removed }], 'error', C.Removed],
    ['server shutdown', [...toConnected, { type: 'disconnected', code: C.ServerShutdown }], 'error', C.ServerShutdown],
    ['client disconnect', [...toConnected, { type: 'disconnected', code: null }], 'ended', undefined],
    ['unexplained disconnect', [...toConnected, { type: 'disconnected', code: undefined }], 'error', C.Unknown],
    [
      'gave up reconnecting',
      [...toConnected, { type: 'reconnecting' }, { type: 'disconnected', code: undefined }],
      'error',
      C.ReconnectFailed,
    ],
    ['publish failed', [...toConnected, { type: 'fail', code: C.Unknown }], 'error', C.Unknown],
  ]
  it.each(cases)('%s', (_name, events, state, code) => {
    const snap = at(events)
    expect(snap.state).toBe(state)
    expect(snap.code).toBe(code)
  })
})

describe('voice machine: events that do not apply are ignored (same object back)', () => {
  const cases: Array<[string, VoiceEvent[], VoiceEvent]> = [
    ['start while running', [{ type: 'start' }], { type: 'start' }],
    ['mic-granted when idle', [], { type: 'mic-granted' }],
    ['token-error before mic', [{ type: 'start' }], { type: 'token-error' }],
    ['connected twice', toConnected, { type: 'connected' }],
    ['agent-timeout once the agent is listening', [...toConnected, { type: 'agent-state', state: 'listening' }], { type: 'agent-timeout' }],
    ['disconnected while still connecting', [{ type: 'start' }, { type: 'mic-granted' }], { type: 'disconnected', code: undefined }],
    ['agent-state when idle', [], { type: 'agent-state', state: 'speaking' }],
    ['reconnected without reconnecting', toConnected, { type: 'reconnected' }],
    ['end when idle', [], { type: 'end' }],
    ['end after ended', [...toConnected, { type: 'end' }], { type: 'end' }],
    ['late disconnect after an error', [...toConnected, { type: 'agent-timeout' }], { type: 'disconnected', code: C.Removed }],
    ['unknown agent state value', [...toConnected, { type: 'agent-state', state: 'listening' }], { type: 'agent-state', state: 'listening' }],
  ]
  it.each(cases)('%s', (_name, before, event) => {
    const snap = at(before)
    expect(reduce(snap, event)).toBe(snap)
  })
})

describe('voice machine: reconnects and agent changes', () => {
  it('returns to the agent state it had before reconnecting', () => {
    expect(
      trace([
        ...toConnected,
        { type: 'agent-state', state: 'speaking' },
        { type: 'reconnecting' },
        { type: 'agent-state', state: 'listening' },
        { type: 'reconnected' },
      ]).slice(4),
    ).toEqual([
      ['speaking', undefined],
      ['reconnecting', undefined],
      ['reconnecting', undefined],
      ['listening', undefined],
    ])
  })

  it('waits for the agent again after a reconnect in which it left', () => {
    const snap = at([...toConnected, { type: 'agent-state', state: 'listening' }, { type: 'reconnecting' }, { type: 'agent-left' }, { type: 'reconnected' }])
    expect(snap).toEqual({ state: 'waiting-for-agent' })
  })

  it('goes back to waiting-for-agent when the agent leaves', () => {
    expect(at([...toConnected, { type: 'agent-state', state: 'thinking' }, { type: 'agent-left' }])).toEqual({ state: 'waiting-for-agent' })
  })

  it('an agent going back to initializing counts as not ready', () => {
    expect(at([...toConnected, { type: 'agent-state', state: 'listening' }, { type: 'agent-state', state: 'initializing' }]).state).toBe(
      'waiting-for-agent',
    )
  })

  it('can start again after ended or error, clearing the code', () => {
    for (const done of [at([...toConnected, { type: 'end' }]), at([{ type: 'start' }, { type: 'mic-error', kind: 'denied' }])]) {
      expect(reduce(done, { type: 'start' })).toEqual({ state: 'requesting-mic' })
    }
  })

  it('ends from every active state', () => {
    const states: VoiceEvent[][] = [
      [{ type: 'start' }],
      [{ type: 'start' }, { type: 'mic-granted' }],
      toConnected,
      [...toConnected, { type: 'agent-state', state: 'speaking' }],
      [...toConnected, { type: 'reconnecting' }],
    ]
    for (const events of states) {
      const snap = at(events)
      expect(isActive(snap.state)).toBe(true)
      expect(reduce(snap, { type: 'end' })).toEqual({ state: 'ended' })
    }
  })
})

describe('agentVoiceState', () => {
  it.each([
    ['listening', 'listening'],
    ['thinking', 'thinking'],
    ['speaking', 'speaking'],
    ['initializing', undefined],
    ['idle', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (raw, state) => {
    expect(agentVoiceState(raw)).toBe(state)
  })
})

describe('voice messages', () => {
  it('has a plain sentence for every code', () => {
    for (const code of Object.values(C)) {
      expect(VOICE_MESSAGES[code], code).toMatch(/^[A-Z].+\.$/)
      expect(voiceMessage(code)).toBe(VOICE_MESSAGES[code])
    }
    expect(voiceMessage(C.MicDenied)).toBe(
      "Microphone access was blocked. Allow the microphone in your browser's site settings to talk, or keep typing.",
    )
  })
})
