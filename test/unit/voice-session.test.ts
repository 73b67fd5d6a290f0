import { ConnectionError, DisconnectReason, ParticipantKind, RoomEvent } from 'livekit-client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { VoiceErrorCode as C } from '../../src/core/voice-codes'
import type { VoiceState } from '../../src/voice/machine'
import {
  type VoiceErrorInfo,
  type VoiceSessionDeps,
  type VoiceStateDetail,
  createVoiceSession,
} from '../../src/voice/session'
import type { VoiceTranscript } from '../../src/voice/transcripts'
import type {
  VoiceParticipant,
  VoiceRemoteTrack,
  VoiceRoom,
  VoiceTextStreamHandler,
  VoiceTextStreamReader,
} from '../../src/voice/types'

// ---------- fakes ----------

type Listener = (...args: any[]) => void

/** A Room stand-in that emits livekit-client's real RoomEvent names. */
class FakeRoom implements VoiceRoom {
  listeners = new Map<string, Set<Listener>>()
  textHandlers = new Map<string, VoiceTextStreamHandler>()
  remoteParticipants = new Map<string, VoiceParticipant>()
  canPlaybackAudio = true
  /** what startAudio() sets canPlaybackAudio to */
  playbackAllowed = true
  /** snapshot of what was registered when connect() was called */
  atConnect: { events: string[]; topics: string[] } | undefined
  connectResult: () => Promise<void> = async () => undefined
  calls: string[] = []
  localParticipant = {
    identity: 'visitor',
    publishTrack: vi.fn(async (_track: MediaStreamTrack, _opts?: { source?: string }) => {
      this.calls.push('publish')
      return { trackSid: 'TR_local' }
    }),
    setMicrophoneEnabled: vi.fn(async (_on: boolean) => undefined),
    sendText: vi.fn(async (_text: string, _opts: { topic: string }) => ({ id: 'stream' })),
  }

  on(event: string, fn: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set())
    this.listeners.get(event)!.add(fn)
    return this
  }
  off(event: string, fn: Listener) {
    this.listeners.get(event)?.delete(fn)
    return this
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args)
  }
  listenerCount() {
    let n = 0
    for (const s of this.listeners.values()) n += s.size
    return n
  }
  async connect(_url: string, _token: string) {
    this.calls.push('connect')
    this.atConnect = { events: [...this.listeners.keys()].filter((k) => this.listeners.get(k)!.size > 0), topics: [...this.textHandlers.keys()] }
    await this.connectResult()
  }
  disconnect = vi.fn(async (_stop?: boolean) => {
    this.calls.push('disconnect')
    this.emit(RoomEvent.Disconnected, DisconnectReason.CLIENT_INITIATED)
  })
  startAudio = vi.fn(async () => {
    this.calls.push('startAudio')
    const before = this.canPlaybackAudio
    this.canPlaybackAudio = this.playbackAllowed
    if (before !== this.canPlaybackAudio) this.emit(RoomEvent.AudioPlaybackStatusChanged, this.canPlaybackAudio)
  })
  registerTextStreamHandler(topic: string, handler: VoiceTextStreamHandler) {
    if (this.textHandlers.has(topic)) throw new Error(`handler for ${topic} already set`)
    this.textHandlers.set(topic, handler)
  }
  unregisterTextStreamHandler(topic: string) {
    this.textHandlers.delete(topic)
  }

  // ---- scripting helpers ----
  addAgent(state?: string, identity = 'agent-amara', emit = true): VoiceParticipant {
    const p: VoiceParticipant = { identity, kind: ParticipantKind.AGENT, attributes: state ? { 'lk.agent.state': state } : {} }
    this.remoteParticipants.set(identity, p)
    if (emit) this.emit(RoomEvent.ParticipantConnected, p)
    return p
  }
  addVisitor(identity: string): VoiceParticipant {
    const p: VoiceParticipant = { identity, kind: ParticipantKind.STANDARD, attributes: {} }
    this.remoteParticipants.set(identity, p)
    this.emit(RoomEvent.ParticipantConnected, p)
    return p
  }
  setAgentState(state: string, identity = 'agent-amara') {
    const p = this.remoteParticipants.get(identity)!
    p.attributes = { ...p.attributes, 'lk.agent.state': state }
    this.emit(RoomEvent.ParticipantAttributesChanged, { 'lk.agent.state': state }, p)
  }
  /** Delivers a text stream; trailer attributes are merged in when it ends (like livekit-client). */
  async stream(topic: string, from: string, chunks: string[], attributes: Record<string, string>, trailer: Record<string, string> = {}) {
    const info = { id: `stream-${Math.random()}`, topic, attributes: { ...attributes } }
    let release!: () => void
    const done = new Promise<void>((r) => (release = r))
    const reader: VoiceTextStreamReader = {
      info,
      async *[Symbol.asyncIterator]() {
        for (const c of chunks) {
          await Promise.resolve()
          yield c
        }
        Object.assign(info.attributes, trailer)
        release()
      },
    }
    this.textHandlers.get(topic)?.(reader, { identity: from })
    await Promise.race([done, new Promise((r) => setTimeout(r, 50))])
    await flush()
  }
}

class FakeClock {
  now = 0
  timers = new Map<number, { at: number; fn: () => void }>()
  next = 1
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++
    this.timers.set(id, { at: this.now + ms, fn })
    return id
  }
  clearTimeout = (id: unknown) => {
    this.timers.delete(id as number)
  }
  advance(ms: number) {
    this.now += ms
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.now) {
        this.timers.delete(id)
        t.fn()
      }
    }
  }
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

function fakeMic() {
  return { enabled: true, readyState: 'live', stop: vi.fn(function (this: { readyState: string }) { this.readyState = 'ended' }) }
}

function fakeTrack(kind = 'audio') {
  const el = { remove: vi.fn() }
  const track: VoiceRemoteTrack = {
    kind,
    sid: `TR_${kind}`,
    attach: vi.fn(() => el as unknown as HTMLMediaElement),
    detach: vi.fn(() => [el as unknown as HTMLMediaElement]),
  }
  return { track, el }
}

const named = (name: string, message = '') => Object.assign(new Error(message), { name })

function setup(overrides: Partial<VoiceSessionDeps> = {}) {
  const room = new FakeRoom()
  const clock = new FakeClock()
  const mic = fakeMic()
  const states: Array<[VoiceState, VoiceStateDetail]> = []
  const transcripts: VoiceTranscript[] = []
  const errors: VoiceErrorInfo[] = []
  const container = { appendChild: vi.fn() }
  const order: string[] = []
  const deps: VoiceSessionDeps = {
    createRoom: vi.fn(() => room),
    fetchToken: vi.fn(async () => {
      order.push('token')
      return { token: 'jwt', url: 'wss://lk.test' }
    }),
    getMicrophone: vi.fn(async () => {
      order.push('mic')
      return mic as unknown as MediaStreamTrack
    }),
    micAllowedByPolicy: () => true,
    clock,
    audioContainer: container as unknown as HTMLElement,
    onState: (s, d) => states.push([s, d]),
    onTranscript: (t) => transcripts.push(t),
    onError: (e) => errors.push(e),
    ...overrides,
  }
  const session = createVoiceSession(deps)
  const stateNames = () => states.map(([s]) => s).filter((s, i, all) => i === 0 || all[i - 1] !== s)
  return { room, clock, mic, states, stateNames, transcripts, errors, container, deps, session, order }
}

// ---------- tests ----------

let unhandled: unknown[] = []
const onUnhandled = (e: unknown) => unhandled.push(e)
beforeEach(() => {
  unhandled = []
  process.on('unhandledRejection', onUnhandled)
})
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 0))
  process.off('unhandledRejection', onUnhandled)
  expect(unhandled).toEqual([])
})

describe('voice session: start', () => {
  it('asks for the mic first, registers every handler before connect, publishes, starts audio', async () => {
    const t = setup()
    await t.session.start()
    expect(t.order).toEqual(['mic', 'token'])
    expect(t.room.atConnect?.events).toEqual(
      expect.arrayContaining([
        RoomEvent.Disconnected,
        RoomEvent.Reconnecting,
        RoomEvent.Reconnected,
        RoomEvent.ParticipantConnected,
        RoomEvent.ParticipantDisconnected,
        RoomEvent.ParticipantAttributesChanged,
        RoomEvent.TrackSubscribed,
        RoomEvent.TrackUnsubscribed,
        RoomEvent.AudioPlaybackStatusChanged,
        RoomEvent.TranscriptionReceived,
      ]),
    )
    expect(t.room.atConnect?.topics).toEqual(['lk.transcription'])
    expect(t.room.calls).toEqual(['connect', 'publish', 'startAudio'])
    expect(t.room.localParticipant.publishTrack).toHaveBeenCalledWith(t.mic, { source: 'microphone' })
    expect(t.stateNames()).toEqual(['requesting-mic', 'connecting', 'waiting-for-agent'])
    expect(t.session.state).toBe('waiting-for-agent')
    expect(t.errors).toEqual([])
  })

  it('follows the agent through listening / thinking / speaking from lk.agent.state', async () => {
    const t = setup()
    await t.session.start()
    t.room.addAgent('initializing')
    expect(t.session.state).toBe('waiting-for-agent')
    for (const s of ['listening', 'thinking', 'speaking', 'listening']) t.room.setAgentState(s)
    expect(t.stateNames()).toEqual(['requesting-mic', 'connecting', 'waiting-for-agent', 'listening', 'thinking', 'speaking', 'listening'])
  })

  it('picks up an agent that was already in the room', async () => {
    const t = setup()
    t.room.addAgent('listening', 'agent-amara', false)
    await t.session.start()
    expect(t.session.state).toBe('listening')
  })

  it('ignores attributes of participants that are not agents', async () => {
    const t = setup()
    await t.session.start()
    const p = t.room.addVisitor('someone')
    p.attributes = { 'lk.agent.state': 'speaking' }
    t.room.emit(RoomEvent.ParticipantAttributesChanged, p.attributes, p)
    expect(t.session.state).toBe('waiting-for-agent')
  })

  it('start() while running does nothing', async () => {
    const t = setup()
    await t.session.start()
    await t.session.start()
    expect(t.deps.createRoom).toHaveBeenCalledTimes(1)
  })
})

describe('voice session: microphone errors', () => {
  it.each([
    [named('NotAllowedError', 'Permission denied'), C.MicDenied],
    [named('NotAllowedError', 'Permission denied by permissions policy'), C.MicBlockedByPolicy],
    [named('NotFoundError', 'Requested device not found'), C.MicNotFound],
    [named('NotReadableError', 'Could not start audio source'), C.MicInUse],
    [named('SecurityError'), C.MicBlockedByPolicy],
    [new Error('???'), C.Unknown],
  ])('%s → %s, no token is fetched', async (error, code) => {
    const t = setup({ getMicrophone: vi.fn(async () => Promise.reject(error)) })
    await t.session.start()
    expect(t.session.state).toBe('error')
    expect(t.errors).toHaveLength(1)
    expect(t.errors[0]).toMatchObject({ code, cause: error })
    expect(t.errors[0].message.length).toBeGreaterThan(20)
    expect(t.deps.fetchToken).not.toHaveBeenCalled()
    expect(t.deps.createRoom).not.toHaveBeenCalled()
  })

  it('does not even ask when the page policy forbids the microphone', async () => {
    const t = setup({ micAllowedByPolicy: () => false })
    await t.session.start()
    expect(t.deps.getMicrophone).not.toHaveBeenCalled()
    expect(t.errors.map((e) => e.code)).toEqual([C.MicBlockedByPolicy])
  })
})

describe('voice session: token and connection errors', () => {
  it('token failure → token_failed, mic released, no room', async () => {
    const t = setup({ fetchToken: vi.fn(async () => Promise.reject(new Error('HTTP 500'))) })
    await t.session.start()
    expect(t.errors.map((e) => e.code)).toEqual([C.TokenFailed])
    expect(t.mic.stop).toHaveBeenCalled()
    expect(t.deps.createRoom).not.toHaveBeenCalled()
    expect(t.session.state).toBe('error')
  })

  it.each([
    [ConnectionError.notAllowed('bad token', 401), C.ConnectNotAllowed],
    [ConnectionError.serverUnreachable('no route'), C.ConnectUnreachable],
    [ConnectionError.timeout('slow'), C.ConnectTimeout],
    [ConnectionError.cancelled('aborted'), C.ConnectCancelled],
    [ConnectionError.leaveRequest('left', DisconnectReason.ROOM_DELETED), C.RoomDeleted],
  ])('connect rejects with %s → %s, everything released', async (error, code) => {
    const t = setup()
    t.room.connectResult = async () => Promise.reject(error)
    await t.session.start()
    expect(t.errors.map((e) => e.code)).toEqual([code])
    expect(t.mic.stop).toHaveBeenCalled()
    expect(t.room.disconnect).toHaveBeenCalled()
    expect(t.room.listenerCount()).toBe(0)
    expect(t.room.textHandlers.size).toBe(0)
  })

  it('publish failure → error unknown', async () => {
    const t = setup()
    t.room.localParticipant.publishTrack.mockRejectedValueOnce(new Error('publish failed'))
    await t.session.start()
    expect(t.errors.map((e) => e.code)).toEqual([C.Unknown])
    expect(t.session.state).toBe('error')
  })
})

describe('voice session: agent timeout', () => {
  it('ends with agent_timeout after 20 s without a ready agent', async () => {
    const t = setup()
    await t.session.start()
    t.room.addAgent('initializing')
    t.clock.advance(19_999)
    expect(t.session.state).toBe('waiting-for-agent')
    t.clock.advance(1)
    expect(t.session.state).toBe('error')
    expect(t.errors.map((e) => e.code)).toEqual([C.AgentTimeout])
    expect(t.room.disconnect).toHaveBeenCalled()
    expect(t.mic.stop).toHaveBeenCalled()
  })

  it('a ready agent cancels the timer; it re-arms when the agent leaves', async () => {
    const t = setup({ agentTimeoutMs: 1000 })
    await t.session.start()
    const agent = t.room.addAgent('listening')
    t.clock.advance(5000)
    expect(t.session.state).toBe('listening')
    t.room.remoteParticipants.delete(agent.identity)
    t.room.emit(RoomEvent.ParticipantDisconnected, agent)
    expect(t.session.state).toBe('waiting-for-agent')
    t.clock.advance(1000)
    expect(t.errors.map((e) => e.code)).toEqual([C.AgentTimeout])
  })
})

describe('voice session: transcripts', () => {
  it('streams agent text: chunks accumulate, the trailer marks it final', async () => {
    const t = setup()
    await t.session.start()
    t.room.addAgent('speaking')
    await t.room.stream(
      'lk.transcription',
      'agent-amara',
      ["Hi, I'm Amara. ", 'How can I help?'],
      { 'lk.segment_id': 'SG_1', 'lk.transcribed_track_id': 'TR_agent', 'lk.transcription_final': 'false' },
      { 'lk.transcription_final': 'true' },
    )
    expect(t.transcripts).toEqual([
      { id: 'SG_1', role: 'assistant', text: "Hi, I'm Amara. ", final: false },
      { id: 'SG_1', role: 'assistant', text: "Hi, I'm Amara. How can I help?", final: false },
      { id: 'SG_1', role: 'assistant', text: "Hi, I'm Amara. How can I help?", final: true },
    ])
  })

  it('user transcripts: interim streams of one segment replace each other until final', async () => {
    const t = setup()
    await t.session.start()
    t.room.addAgent('listening')
    const attrs = (final: string) => ({ 'lk.segment_id': 'SG_u', 'lk.transcription_final': final, 'lk.transcribed_track_id': 'TR_local' })
    await t.room.stream('lk.transcription', 'visitor', ['do you'], attrs('false'))
    await t.room.stream('lk.transcription', 'visitor', ['do you have shoes'], attrs('false'))
    await t.room.stream('lk.transcription', 'visitor', ['Do you have shoes?'], attrs('true'))
    expect(t.transcripts).toEqual([
      { id: 'SG_u', role: 'user', text: 'do you', final: false },
      { id: 'SG_u', role: 'user', text: 'do you have shoes', final: false },
      { id: 'SG_u', role: 'user', text: 'Do you have shoes?', final: false },
      { id: 'SG_u', role: 'user', text: 'Do you have shoes?', final: true },
    ])
  })

  it('a transcript the agent sends about the local mic track is the user speaking', async () => {
    const t = setup()
    await t.session.start()
    t.room.addAgent('listening')
    await t.room.stream('lk.transcription', 'agent-amara', ['hello'], { 'lk.segment_id': 'SG_x', 'lk.transcribed_track_id': 'TR_local', 'lk.transcription_final': 'true' })
    expect(t.transcripts.at(-1)).toEqual({ id: 'SG_x', role: 'user', text: 'hello', final: true })
  })

  it('ignores transcripts from participants that are neither the agent nor me', async () => {
    const t = setup()
    await t.session.start()
    t.room.addVisitor('mallory')
    await t.room.stream('lk.transcription', 'mallory', ['I am the agent'], { 'lk.segment_id': 'SG_m', 'lk.transcription_final': 'true' })
    t.room.emit(RoomEvent.TranscriptionReceived, [{ id: 'SG_m2', text: 'fake', final: true }], t.room.remoteParticipants.get('mallory'))
    expect(t.transcripts).toEqual([])
  })

  it('handles old agents (TranscriptionReceived) without duplicating stream segments', async () => {
    const t = setup()
    await t.session.start()
    const agent = t.room.addAgent('speaking')
    t.room.emit(RoomEvent.TranscriptionReceived, [{ id: 'SG_old', text: 'Hello', final: false }], agent)
    t.room.emit(RoomEvent.TranscriptionReceived, [{ id: 'SG_old', text: 'Hello there', final: true }], agent)
    t.room.emit(RoomEvent.TranscriptionReceived, [{ id: 'SG_old', text: 'Hello there', final: true }], agent) // repeat
    // a new agent sends both: the stream wins, the legacy copy is dropped
    await t.room.stream('lk.transcription', 'agent-amara', ['Both ways'], { 'lk.segment_id': 'SG_new', 'lk.transcription_final': 'true' })
    t.room.emit(RoomEvent.TranscriptionReceived, [{ id: 'SG_new', text: 'Both ways', final: true }], agent)
    expect(t.transcripts).toEqual([
      { id: 'SG_old', role: 'assistant', text: 'Hello', final: false },
      { id: 'SG_old', role: 'assistant', text: 'Hello there', final: true },
      { id: 'SG_new', role: 'assistant', text: 'Both ways', final: false },
      { id: 'SG_new', role: 'assistant', text: 'Both ways', final: true },
    ])
  })
})

describe('voice session: audio', () => {
  it('attaches agent audio into the container and removes it on end()', async () => {
    const t = setup()
    await t.session.start()
    const agent = t.room.addAgent('listening')
    const { track, el } = fakeTrack('audio')
    t.room.emit(RoomEvent.TrackSubscribed, track, {}, agent)
    const video = fakeTrack('video')
    t.room.emit(RoomEvent.TrackSubscribed, video.track, {}, agent)
    const other = fakeTrack('audio')
    t.room.emit(RoomEvent.TrackSubscribed, other.track, {}, t.room.addVisitor('someone'))
    expect(t.container.appendChild).toHaveBeenCalledTimes(1)
    expect(t.container.appendChild).toHaveBeenCalledWith(el)
    await t.session.end()
    expect(track.detach).toHaveBeenCalled()
    expect(el.remove).toHaveBeenCalled()
    expect(video.track.attach).not.toHaveBeenCalled()
    expect(other.track.attach).not.toHaveBeenCalled()
  })

  it('detaches a track when it is unsubscribed', async () => {
    const t = setup()
    await t.session.start()
    const agent = t.room.addAgent('listening')
    const { track, el } = fakeTrack('audio')
    t.room.emit(RoomEvent.TrackSubscribed, track, {}, agent)
    t.room.emit(RoomEvent.TrackUnsubscribed, track, {}, agent)
    expect(el.remove).toHaveBeenCalledTimes(1)
  })

  it('reports audioBlocked when autoplay is refused and clears it after startAudio() on a tap', async () => {
    const t = setup()
    t.room.canPlaybackAudio = false
    t.room.playbackAllowed = false
    await t.session.start()
    expect(t.session.audioBlocked).toBe(true)
    expect(t.states.at(-1)?.[1].audioBlocked).toBe(true)
    t.room.playbackAllowed = true
    await t.session.startAudio()
    expect(t.session.audioBlocked).toBe(false)
    expect(t.states.at(-1)?.[1].audioBlocked).toBe(false)
  })
})

describe('voice session: server disconnects and reconnects', () => {
  it.each([
    [DisconnectReason.ROOM_DELETED, 'ended', C.RoomDeleted],
    [DisconnectReason.PARTICIPANT_REMOVED, 'error', C.Removed],
    [DisconnectReason.SERVER_SHUTDOWN, 'error', C.ServerShutdown],
    [DisconnectReason.DUPLICATE_IDENTITY, 'error', C.Removed],
  ] as const)('Disconnected(%s) → %s %s, everything released', async (reason, state, code) => {
    const t = setup()
    await t.session.start()
    t.room.addAgent('listening')
    t.room.emit(RoomEvent.Disconnected, reason)
    expect(t.session.state).toBe(state)
    expect(t.errors.map((e) => e.code)).toEqual([code])
    expect(t.mic.stop).toHaveBeenCalled()
    expect(t.room.listenerCount()).toBe(0)
  })

  it('reconnecting → reconnected returns to the agent state; giving up → reconnect_failed', async () => {
    const t = setup()
    await t.session.start()
    t.room.addAgent('listening')
    t.room.emit(RoomEvent.Reconnecting)
    expect(t.session.state).toBe('reconnecting')
    t.room.emit(RoomEvent.Reconnected)
    expect(t.session.state).toBe('listening')
    t.room.emit(RoomEvent.Reconnecting)
    t.room.emit(RoomEvent.Disconnected, undefined)
    expect(t.errors.map((e) => e.code)).toEqual([C.ReconnectFailed])
  })
})

describe('voice session: end, chat, mute', () => {
  it('end() while connecting cancels cleanly: no error, mic stopped, no late state', async () => {
    const t = setup()
    let rejectConnect!: (e: unknown) => void
    t.room.connectResult = () => new Promise((_, reject) => (rejectConnect = reject))
    const started = t.session.start()
    await flush()
    expect(t.session.state).toBe('connecting')
    await t.session.end()
    rejectConnect(ConnectionError.cancelled('aborted by disconnect'))
    await started
    expect(t.session.state).toBe('ended')
    expect(t.errors).toEqual([])
    expect(t.mic.stop).toHaveBeenCalled()
    expect(t.room.disconnect).toHaveBeenCalled()
    expect(t.room.localParticipant.publishTrack).not.toHaveBeenCalled()
  })

  it('end() while the mic prompt is open releases the mic when it arrives', async () => {
    let grant!: (m: MediaStreamTrack) => void
    const t = setup({ getMicrophone: () => new Promise((r) => (grant = r)) })
    const started = t.session.start()
    await flush()
    await t.session.end()
    grant(t.mic as unknown as MediaStreamTrack)
    await started
    expect(t.mic.stop).toHaveBeenCalled()
    expect(t.deps.fetchToken).not.toHaveBeenCalled()
  })

  it('sendText goes to lk.chat only while connected', async () => {
    const t = setup()
    expect(await t.session.sendText('hi')).toBe(false)
    await t.session.start()
    expect(await t.session.sendText('Do you ship to Canada?')).toBe(true)
    expect(t.room.localParticipant.sendText).toHaveBeenCalledWith('Do you ship to Canada?', { topic: 'lk.chat' })
    t.room.localParticipant.sendText.mockRejectedValueOnce(new Error('dc closed'))
    expect(await t.session.sendText('again')).toBe(false)
    expect(await t.session.sendText('   ')).toBe(false)
  })

  it('setMuted toggles the mic and the publication', async () => {
    const t = setup()
    await t.session.start()
    await t.session.setMuted(true)
    expect(t.mic.enabled).toBe(false)
    expect(t.room.localParticipant.setMicrophoneEnabled).toHaveBeenLastCalledWith(false)
    expect(t.states.at(-1)?.[1].muted).toBe(true)
    await t.session.setMuted(false)
    expect(t.mic.enabled).toBe(true)
    expect(t.room.localParticipant.setMicrophoneEnabled).toHaveBeenLastCalledWith(true)
  })

  it('push-to-talk starts muted and is live only while pressed', async () => {
    const t = setup({ pushToTalk: true })
    await t.session.start()
    expect(t.session.muted).toBe(true)
    expect(t.mic.enabled).toBe(false)
    await t.session.pressToTalk()
    expect(t.mic.enabled).toBe(true)
    await t.session.releaseToTalk()
    expect(t.mic.enabled).toBe(false)
  })

  it('can start again after an error', async () => {
    const t = setup()
    t.room.connectResult = async () => Promise.reject(ConnectionError.serverUnreachable('down'))
    await t.session.start()
    expect(t.session.state).toBe('error')
    t.room.connectResult = async () => undefined
    await t.session.start()
    expect(t.session.state).toBe('waiting-for-agent')
    expect(t.stateNames().slice(-3)).toEqual(['requesting-mic', 'connecting', 'waiting-for-agent'])
  })

  it('a throwing callback does not break the session', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const t = setup({
      onState: () => {
        throw new Error('ui bug')
      },
    })
    await t.session.start()
    expect(t.session.state).toBe('waiting-for-agent')
    expect(spy).toHaveBeenCalled()
    spy.mockRestore()
  })
})
