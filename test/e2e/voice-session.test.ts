// The real voice session (src/voice, bundled with esbuild) driving the real
// livekit-client in Chromium against the LiveKit test server.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, startPageServer } from '../livekit/browser.mjs'
import { type LiveKitTestServer, startLiveKitTestServer } from '../livekit/server.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

let lk: LiveKitTestServer
let quietLk: LiveKitTestServer
let pages: { origin: string; close: () => Promise<void> }
let browser: Browser
let n = 0

interface PageLog {
  states: Array<[string, { code?: string; audioBlocked: boolean; muted: boolean }]>
  transcripts: Array<{ id: string; role: string; text: string; final: boolean }>
  errors: Array<{ code: string; message: string }>
}

declare global {
  interface Window {
    startVoice(url: string, token: string, agentTimeoutMs?: number): Promise<void>
    voiceLog: PageLog
    voice: import('../../src/voice/session').VoiceSession
    micTrack: MediaStreamTrack | undefined
    audioContainer: HTMLElement
  }
}

const PAGE_SCRIPT = `
window.startVoice = async (url, token, agentTimeoutMs) => {
  const V = window.TalkDockVoice
  const log = (window.voiceLog = { states: [], transcripts: [], errors: [] })
  const container = (window.audioContainer = document.createElement('div'))
  document.body.append(container)
  window.voice = V.createVoiceSession({
    createRoom: V.createLiveKitRoom,
    fetchToken: async () => ({ token, url }),
    getMicrophone: async () => {
      const s = await navigator.mediaDevices.getUserMedia({ audio: true })
      return (window.micTrack = s.getAudioTracks()[0])
    },
    micAllowedByPolicy: () => true,
    clock: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id) },
    audioContainer: container,
    agentTimeoutMs,
    onState: (s, d) => log.states.push([s, d]),
    onTranscript: (t) => log.transcripts.push(t),
    onError: (e) => log.errors.push({ code: e.code, message: e.message }),
  })
  await window.voice.start()
}
`

beforeAll(async () => {
  const bundle = await build({
    stdin: {
      contents: "export { createVoiceSession } from './src/voice/session'\nexport { createLiveKitRoom } from './src/voice/livekit'\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'TalkDockVoice',
    platform: 'browser',
    target: 'es2020',
    write: false,
  })
  const js = bundle.outputFiles[0].text
  ;[lk, quietLk, pages, browser] = await Promise.all([
    startLiveKitTestServer(),
    startLiveKitTestServer({ agent: { join: false } }),
    startPageServer({
      '/': '<!doctype html><meta charset="utf-8"><script src="/voice.js"></script><script src="/page.js"></script>',
      '/voice.js': { type: 'text/javascript', body: js },
      '/page.js': { type: 'text/javascript', body: PAGE_SCRIPT },
    }),
    launchChromium(),
  ])
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([lk?.close(), quietLk?.close(), pages?.close()])
})

async function open(server: LiveKitTestServer, token?: string, agentTimeoutMs?: number) {
  const room = `voice-${++n}`
  const identity = `visitor-${n}`
  const page = await browser.newPage()
  await page.goto(`${pages.origin}/`)
  const jwt = token ?? (await server.mintToken(room, identity))
  await page.evaluate(([url, t, ms]) => window.startVoice(url, t, ms), [server.url, jwt, agentTimeoutMs] as const)
  return { page, room, identity }
}

const log = (page: Page) => page.evaluate(() => window.voiceLog)
const states = async (page: Page) => (await log(page)).states.map(([s]) => s).filter((s, i, a) => i === 0 || a[i - 1] !== s)

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout
  let v = await fn()
  while (!ok(v)) {
    if (Date.now() > deadline) throw new Error(`condition not met; last value ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 100))
    v = await fn()
  }
  return v
}

describe('voice session with real livekit-client', () => {
  it('connects, hears the agent, shows transcripts, chats and ends cleanly', async () => {
    const { page } = await open(lk)
    const greeting = await until(
      async () => (await log(page)).transcripts.find((t) => t.final),
      (t) => !!t,
    )
    expect(greeting).toMatchObject({ role: 'assistant', text: "Hi, I'm Amara. How can I help you today?", final: true })
    await until(() => states(page), (s) => s.at(-1) === 'listening' && s.includes('speaking'))
    expect((await states(page)).slice(0, 4)).toEqual(['requesting-mic', 'connecting', 'waiting-for-agent', 'listening'])

    // the agent's audio element was appended by the session and is playing
    const audio = () =>
      page.evaluate(() => {
        const el = window.audioContainer.querySelector('audio')
        return el ? { paused: el.paused, time: el.currentTime } : null
      })
    const a1 = await until(audio, (a) => !!a && !a.paused)
    await until(audio, (a) => !!a && a.time > a1!.time + 0.3)

    // typed text goes to the agent on lk.chat, the spoken answer comes back as a transcript
    expect(await page.evaluate(() => window.voice.sendText('Do you have trail shoes?'))).toBe(true)
    await until(
      async () => (await log(page)).transcripts.filter((t) => t.final).length,
      (count) => count === 2,
    )
    expect(lk.stats.chatMessages.at(-1)?.text).toBe('Do you have trail shoes?')
    expect(await states(page)).toEqual(expect.arrayContaining(['thinking', 'speaking']))

    // end: state ended, no audio elements left, microphone stopped
    await page.evaluate(() => window.voice.end())
    const after = await page.evaluate(() => ({
      state: window.voice.state,
      elements: window.audioContainer.children.length,
      mic: window.micTrack?.readyState,
    }))
    expect(after).toEqual({ state: 'ended', elements: 0, mic: 'ended' })
    expect((await log(page)).errors).toEqual([])
    await page.close()
  })

  it('reports room_deleted when the server deletes the room', async () => {
    const { page, room } = await open(lk)
    await until(() => states(page), (s) => s.includes('listening'))
    lk.deleteRoom(room)
    await until(() => page.evaluate(() => window.voice.state), (s) => s === 'ended')
    expect((await log(page)).errors.map((e) => e.code)).toEqual(['room_deleted'])
    expect(await page.evaluate(() => window.micTrack?.readyState)).toBe('ended')
    await page.close()
  })

  it('survives a dropped connection (reconnecting → listening)', async () => {
    const { page } = await open(lk)
    await until(() => states(page), (s) => s.at(-1) === 'listening')
    lk.dropConnections()
    await until(() => states(page), (s) => s.includes('reconnecting') && s.at(-1) === 'listening')
    expect((await log(page)).errors).toEqual([])
    await page.evaluate(() => window.voice.end())
    await page.close()
  })

  it('ends with agent_timeout when no agent joins', async () => {
    const { page } = await open(quietLk, undefined, 1500)
    await until(() => page.evaluate(() => window.voice.state), (s) => s === 'error')
    expect((await log(page)).errors.map((e) => e.code)).toEqual(['agent_timeout'])
    await page.close()
  })

  it('maps a refused token to connect_not_allowed', async () => {
    const { page } = await open(lk, 'not-a-jwt')
    expect(await page.evaluate(() => window.voice.state)).toBe('error')
    expect((await log(page)).errors.map((e) => e.code)).toEqual(['connect_not_allowed'])
    expect(await page.evaluate(() => window.micTrack?.readyState)).toBe('ended')
    await page.close()
  })
})
