/**
 * The panel's voice controller (src/core/voice.ts) with the voice chunk's call
 * (src/voice/controller.ts) around a fake session, and a real conversation: lazy
 * loading, the first-time microphone notice, transcripts into the log (upserted,
 * persisted when final), typed text over the room (never POSTed), events,
 * failures and cleanup.
 */
import { describe, expect, it, vi } from 'vitest'
import type { VoiceStateEvent } from '../../src/api'
import { createConversation } from '../../src/core/conversation'
import type { TalkDockErrorInfo } from '../../src/core/errors'
import { createPersistence } from '../../src/core/persistence'
import { createVoiceController } from '../../src/core/voice'
import { EN } from '../../src/i18n/en'
import { VOICE_EN } from '../../src/i18n/en-voice'
import type { VoiceHost, VoiceModule, WidgetEnv } from '../../src/contracts'
import { createVoiceCall } from '../../src/voice/controller'
import type { LiveSessionOptions } from '../../src/voice/live-session'
import { VOICE_MESSAGES } from '../../src/voice/messages'
import { VOICE_BAR_CSS } from '../../src/voice/VoiceBar'
import { counterFill, createFakeClock, createFakeFetch, createMemoryStorage, settle, testConfig } from '../helpers/fakes'

function setup(config: Record<string, unknown> = { enableVoice: true }) {
  const clock = createFakeClock()
  const storage = createMemoryStorage()
  const f = createFakeFetch()
  const persistence = createPersistence({ storage, namespace: 'x', ttlMs: 3600_000, now: clock.now })
  const messages: unknown[] = []
  const conv = createConversation({
    config: testConfig(config),
    fetch: f.fetch,
    clock,
    persistence,
    fillRandom: counterFill(),
    random: () => 0.5,
    frame: (fn) => fn(),
    online: true,
    emitMessage: (m) => messages.push(m),
    emitError: () => {},
  })
  let opts!: LiveSessionOptions
  const session = {
    state: 'idle',
    muted: false,
    audioBlocked: false,
    start: vi.fn(async () => {
      opts.onState('requesting-mic', { audioBlocked: false, muted: false })
      opts.onState('connecting', { audioBlocked: false, muted: false })
      opts.onState('waiting-for-agent', { audioBlocked: false, muted: false })
    }),
    end: vi.fn(async () => opts.onState('ended', { audioBlocked: false, muted: false })),
    sendText: vi.fn(async (_t: string) => true),
    setMuted: vi.fn(async () => {}),
    pressToTalk: vi.fn(async () => {}),
    releaseToTalk: vi.fn(async () => {}),
    startAudio: vi.fn(async () => {}),
  }
  const createSession = vi.fn((o: LiveSessionOptions) => ((opts = o), session))
  const mod = { createVoiceCall: (host: VoiceHost) => createVoiceCall(host, createSession as never) } as unknown as VoiceModule
  const styles: string[] = []
  const load = vi.fn(async () => mod)
  const states: VoiceStateEvent[] = []
  const errors: TalkDockErrorInfo[] = []
  const said: string[] = []
  // The panel's element (no DOM here): the chunk puts a hidden box for the agent's audio after it.
  type Box = { hidden?: boolean; remove(): void }
  const slot: { next: Box | null; ownerDocument: { createElement(): Box }; after(el: Box): void } = {
    next: null,
    ownerDocument: { createElement: () => ({ remove: () => (slot.next = null) }) },
    after: (el) => void (slot.next = el),
  }
  const t = { ...EN, mute: 'Micro aus' }
  const env = { fetch: f.fetch, clock, fillRandom: counterFill(), loadVoice: load } as unknown as WidgetEnv
  const voice = createVoiceController({
    config: testConfig(config),
    conversation: conv,
    env,
    slot: slot as unknown as HTMLElement,
    t,
    addStyles: (css) => styles.push(css),
    announce: (text) => said.push(text),
    emit: ((type: string, e: never) => (type === 'voicestate' ? states.push(e) : type === 'error' ? errors.push(e) : 0)) as never,
  })
  return { conv, voice, load, session, createSession, mod, states, errors, said, storage, f, messages, styles, clock, slot, t, opts: () => opts }
}

describe('voice controller', () => {
  it('sends the API key on the token request only with tokenApiKey (the deployed token route refuses X-API-Key)', async () => {
    for (const [config, apiKey] of [
      [{ enableVoice: true }, undefined],
      [{ enableVoice: true, tokenApiKey: true }, 'pk_test_123'],
    ] as const) {
      const t = setup(config)
      await t.voice.start()
      await t.voice.call!.confirm()
      expect(t.opts().apiKey).toBe(apiKey)
    }
  })

  it('loads the chunk only on start; the first start explains the microphone first', async () => {
    const t = setup()
    expect(t.load).not.toHaveBeenCalled()
    expect(t.voice.call).toBeUndefined()
    await t.voice.start()
    expect(t.voice.view.get().explaining).toBe(true)
    // The notice is drawn by the chunk's bar; nothing is asked of the microphone or the server yet.
    expect(t.load).toHaveBeenCalledTimes(1)
    const call = t.voice.call
    expect(call).toBeDefined()
    expect(t.styles).toEqual([VOICE_BAR_CSS])
    expect(t.createSession).not.toHaveBeenCalled()
    expect(t.states).toEqual([])
    // The chunk reads the panel's strings over its English ones; the panel's own (locale, `strings`) win.
    expect(t.voice.call!.t).toMatchObject({ endVoice: VOICE_EN.endVoice, v_listening: VOICE_EN.v_listening, mute: 'Micro aus' })
    await t.voice.call!.confirm()
    // One call for the panel's life (the loader fetches the chunk once: test/e2e/voice-widget).
    expect(t.voice.call).toBe(call)
    expect(t.conv.prefs.get()).toMatchObject({ micExplained: true, voice: true })
    expect(t.opts()).toMatchObject({ roomName: `talkdock-${t.conv.sessionId()}`, participantName: expect.stringMatching(/^visitor-/), tokenPath: '/api/livekit/token' })
    // The agent's audio goes in a hidden box next to the panel, removed with it.
    expect(t.opts().audioContainer).toBe(t.slot.next)
    expect(t.slot.next?.hidden).toBe(true)
    expect(t.opts().clock).toBe(t.clock) // the environment's clock drives the agent timeout
    expect(t.states.map((s) => s.state)).toEqual(['requesting-mic', 'connecting', 'waiting-for-agent'])
    // The chunk says each state the session reports, once, in the panel's live region (with the bot's name).
    expect(t.said).toEqual([VOICE_EN['v_requesting-mic'], VOICE_EN.v_connecting, 'Waiting for Ava…'])
    // The next start skips the notice.
    await t.voice.stop()
    await t.voice.start()
    expect(t.session.start).toHaveBeenCalledTimes(2)
    expect(t.voice.call).toBe(call)
    expect(t.createSession).toHaveBeenCalledTimes(1)
  })

  it('"Not now" starts nothing; startVoice() from the API skips the notice', async () => {
    const t = setup()
    await t.voice.start()
    t.voice.dismiss()
    expect(t.voice.view.get().explaining).toBe(false)
    expect(t.createSession).not.toHaveBeenCalled()
    await t.voice.start(true)
    expect(t.session.start).toHaveBeenCalledTimes(1)
  })

  it('does nothing without enableVoice', async () => {
    const t = setup({ enableVoice: false })
    await t.voice.start(true)
    t.voice.prefetch()
    expect(t.load).not.toHaveBeenCalled()
  })

  it('puts transcripts in the log: interim updates replace, final ones persist and emit once', async () => {
    const t = setup()
    await t.voice.start(true)
    const seg = { id: 'S1', role: 'assistant' as const, final: false }
    t.opts().onTranscript({ ...seg, text: 'Hi,' })
    t.opts().onTranscript({ ...seg, text: 'Hi, how can' })
    expect(t.conv.state.get().messages).toMatchObject([{ id: 'v-S1', text: 'Hi, how can', status: 'streaming', via: 'voice' }])
    expect([...t.storage.map.values()].join()).not.toContain('Hi, how can') // interim: not persisted
    t.opts().onTranscript({ ...seg, text: 'Hi, how can I help?', final: true })
    t.opts().onTranscript({ ...seg, text: 'Hi, how can I help?', final: true })
    expect(t.conv.state.get().messages).toHaveLength(1)
    expect(t.conv.state.get().messages[0]).toMatchObject({ role: 'assistant', text: 'Hi, how can I help?', status: 'done', via: 'voice' })
    expect(t.messages).toHaveLength(1)
    expect([...t.storage.map.values()].join()).toContain('Hi, how can I help?')
    t.opts().onTranscript({ id: 'U1', role: 'user', text: 'PS5 please', final: true })
    expect(t.conv.state.get().messages[1]).toMatchObject({ role: 'user', text: 'PS5 please', status: 'sent', via: 'voice' })
  })

  it('typed text during a call goes over the room and into the log, never to the agent endpoint', async () => {
    const t = setup()
    expect(t.voice.sendText('hello')).toBe(false) // no call: the composer POSTs as usual
    await t.voice.start(true)
    expect(t.voice.sendText('Do you have the PS5?')).toBe(true)
    await settle()
    expect(t.session.sendText).toHaveBeenCalledWith('Do you have the PS5?')
    expect(t.conv.state.get().messages).toMatchObject([{ role: 'user', text: 'Do you have the PS5?', status: 'sent', via: 'voice' }])
    expect(t.f.requests).toHaveLength(0)
    // Not delivered: the message says so (and offers Retry as chat).
    t.session.sendText.mockResolvedValueOnce(false)
    t.voice.sendText('again')
    await settle()
    expect(t.conv.state.get().messages[1]).toMatchObject({ text: 'again', status: 'failed', error: { code: 'voice_send_failed' } })
  })

  it('text typed while connecting waits for the room', async () => {
    const t = setup()
    await t.voice.start(true)
    t.opts().onState('reconnecting', { audioBlocked: false, muted: false })
    t.voice.sendText('wait for me')
    await settle()
    expect(t.session.sendText).not.toHaveBeenCalled()
    t.opts().onState('listening', { audioBlocked: false, muted: false })
    await settle()
    expect(t.session.sendText).toHaveBeenCalledWith('wait for me')
  })

  it('reports failures as voicestate + error voice_<code>, shown until the next start', async () => {
    const t = setup()
    await t.voice.start(true)
    t.opts().onState('error', { code: 'mic_denied' as never, audioBlocked: false, muted: false })
    t.opts().onError({ code: 'mic_denied' as never, message: VOICE_MESSAGES.mic_denied })
    expect(t.states.at(-1)).toEqual({ state: 'error', code: 'mic_denied', message: VOICE_MESSAGES.mic_denied })
    expect(t.said.at(-1)).toBe(VOICE_MESSAGES.mic_denied)
    expect(t.errors).toEqual([{ code: 'voice_mic_denied', message: VOICE_MESSAGES.mic_denied }])
    expect(t.voice.view.get()).toMatchObject({ state: 'error', error: { code: 'voice_mic_denied' } })
    expect(t.voice.active()).toBe(false)
    await t.voice.start(true)
    expect(t.voice.view.get().error).toBeNull()
  })

  it('a chunk that fails to load is a load_failed error, and a later start tries again', async () => {
    const t = setup()
    t.load.mockRejectedValueOnce(new Error('404'))
    await t.voice.start(true)
    expect(t.states.at(-1)).toMatchObject({ state: 'error', code: 'load_failed' })
    expect(t.errors.map((e) => e.code)).toEqual(['load_failed'])
    await t.voice.start(true)
    expect(t.load).toHaveBeenCalledTimes(2)
    expect(t.session.start).toHaveBeenCalledTimes(1)
  })

  it('stop() while the chunk is still loading starts nothing; destroy() ends the call', async () => {
    const t = setup()
    let release!: (m: VoiceModule) => void
    t.load.mockReturnValueOnce(new Promise<VoiceModule>((r) => (release = r)))
    const started = t.voice.start(true)
    await t.voice.stop()
    release(t.mod)
    await started
    expect(t.session.start).not.toHaveBeenCalled()
    expect(t.voice.view.get().state).toBe('ended')
    await t.voice.start(true)
    t.voice.destroy()
    expect(t.session.end).toHaveBeenCalledTimes(1)
    expect(t.slot.next).toBeNull()
  })

  it('a chunk that fails to load while the notice would show is a load_failed error', async () => {
    const t = setup()
    t.load.mockRejectedValueOnce(new Error('404'))
    await t.voice.start()
    expect(t.voice.view.get()).toMatchObject({ explaining: false, state: 'error', error: { code: 'load_failed' } })
    expect(t.states.at(-1)).toMatchObject({ state: 'error', code: 'load_failed' })
    expect(t.errors.map((e) => e.code)).toEqual(['load_failed'])
    expect(t.voice.call).toBeUndefined()
  })

  it('the call is active while the chunk downloads: typed text waits for the room, or fails if the chunk never comes', async () => {
    const t = setup()
    let release!: (m: VoiceModule) => void
    t.load.mockReturnValueOnce(new Promise<VoiceModule>((r) => (release = r)))
    const started = t.voice.start(true)
    expect(t.voice.active()).toBe(true)
    expect(t.states.map((s) => s.state)).toEqual(['requesting-mic'])
    expect(t.voice.sendText('early bird')).toBe(true)
    release(t.mod)
    await started
    await settle()
    expect(t.session.sendText).toHaveBeenCalledWith('early bird')
    expect(t.conv.state.get().messages).toMatchObject([{ text: 'early bird', status: 'sent', via: 'voice' }])

    const u = setup()
    u.load.mockRejectedValueOnce(new Error('404'))
    const failing = u.voice.start(true)
    expect(u.voice.sendText('lost')).toBe(true)
    await failing
    expect(u.conv.state.get().messages[0]).toMatchObject({ text: 'lost', status: 'failed', error: { code: 'voice_send_failed' } })
    expect(u.errors.map((e) => e.code)).toEqual(['load_failed'])
  })
})
