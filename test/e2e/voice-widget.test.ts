/**
 * Voice in the real widget, end to end in real Chromium: the built dist/talkdock.js
 * on a page of another origin, the lazily loaded dist/talkdock-voice.js with the real
 * livekit-client, the dev server's token endpoint and its LiveKit-protocol test
 * server with a scripted agent (fake microphone and fake media UI).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MEDIA_FLAGS, launch, type Browser, type Page } from '../helpers/browser'
import { hostPage, openChat, recordMicTracks, scriptTag, visible } from '../helpers/e2e'
import { context, newContext, server, useE2E } from '../helpers/session'
import type { LiveKitTestServer } from '../livekit/server.mjs'

interface VoiceBackend {
  livekit(): Promise<LiveKitTestServer>
  state: { mode: string; requests: Array<{ roomName: string; participantName: string } | null> }
}

let voiceBackend: VoiceBackend
let lk: LiveKitTestServer
let noUi: Browser | undefined
let page: Page
let chunkRequests: string[]

const GREETING = "Hi, I'm Amara. How can I help you today?"
const VOICE_ATTRS = 'data-bot-name="Amara" data-enable-voice="true"'

/** Runs before the widget: records every microphone track and every voice event. */
const INIT = () => {
  const w = window as any
  w.__states = []
  w.__errors = []
  w.__rejections = []
  w.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => w.__rejections.push(String(e.reason)))
  const hook = () => {
    if (!w.TalkDock?.on || w.__hooked) return
    w.__hooked = true
    w.TalkDock.on('voicestate', (s: any) => w.__states.push(s))
    w.TalkDock.on('error', (e: any) => w.__errors.push(e))
  }
  const t = setInterval(() => (hook(), w.__hooked && clearInterval(t)), 5)
}

useE2E({ args: MEDIA_FLAGS, page: false })
beforeAll(async () => {
  voiceBackend = (server.state as any).voice
  lk = await voiceBackend.livekit()
})
afterAll(async () => {
  await noUi?.close()
})
beforeEach(async () => {
  await voiceMode('normal')
})
// Before useE2E's afterEach closes the context.
afterEach(async () => {
  expect(await page.evaluate(() => (window as any).__rejections)).toEqual([])
})

async function voiceMode(mode: string) {
  await fetch(`${server.scriptOrigin}/__dev/voice`, { method: 'POST', body: JSON.stringify({ mode, reset: true }) })
}

async function shop(opts: { attrs?: string; headers?: Record<string, string>; on?: Browser } = {}) {
  if (opts.on) await newContext(undefined, opts.on)
  await context.addInitScript(recordMicTracks)
  await context.addInitScript(INIT)
  page = await hostPage(context, server, scriptTag(server, opts.attrs ?? VOICE_ATTRS), '/voice.html', '', opts.headers)
  chunkRequests = []
  page.on('request', (r) => {
    if (/talkdock-voice/.test(r.url())) chunkRequests.push(r.url())
  })
  await page.goto(`${server.pageOrigin}/voice.html`)
  await openChat(page)
}

const startButton = () => page.getByRole('button', { name: 'Start voice' })
const endButton = () => page.getByRole('button', { name: 'End voice' })
const input = () => page.getByRole('textbox', { name: 'Message' })
const log = () => page.getByRole('log')
const states = () => page.evaluate(() => (window as any).__states.map((s: any) => s.state) as string[])
const lastState = async () => (await states()).at(-1)
const errors = () => page.evaluate(() => (window as any).__errors as Array<{ code: string; message: string }>)
const alertText = () => page.locator('.td-voice-error').textContent()
/**
 * From now on, records every text the voice bar's state line shows, however briefly
 * (a MutationObserver on the widget's shadow root): what the visitor saw, in order.
 */
const recordBarTexts = () =>
  page.evaluate(() => {
    const w = window as any
    const root = document.querySelector('talkdock-widget')!.shadowRoot!
    w.__shown = []
    const note = () => {
      const text = root.querySelector('.td-voice-state')?.textContent ?? null
      if (text !== w.__shown.at(-1)) w.__shown.push(text)
    }
    note()
    new MutationObserver(note).observe(root, { subtree: true, childList: true, characterData: true })
  })
const barTexts = () => page.evaluate(() => (window as any).__shown as Array<string | null>)
/** Microphone tracks the page ever got, and how many are still live. */
const liveTracks = () => page.evaluate(() => (window as any).__tracks.filter((t: MediaStreamTrack) => t.readyState === 'live').length as number)
const micTracks = () => page.evaluate(() => (window as any).__tracks.length as number)
const audioElements = () => page.evaluate(() => document.querySelector('talkdock-widget')!.shadowRoot!.querySelectorAll('audio').length)

/** Visitor clicks "Start voice" (and "Continue" on the first-time notice). */
async function clickStart() {
  await startButton().click()
  await page.getByRole('button', { name: 'Continue' }).click()
}

describe('voice call in the widget', () => {
  it('loads voice only on start, talks to the agent, keeps Enter harmless and ends cleanly', async () => {
    await shop()
    // The host page's console stays quiet: livekit-client's info logging is off in the script-tag build.
    const chatter: string[] = []
    page.on('console', (m) => void (['log', 'info', 'debug'].includes(m.type()) && chatter.push(m.text())))
    expect(chunkRequests, 'voice chunk fetched before voice started').toEqual([])
    const published = lk.stats.publishedTracks
    const rtp = lk.stats.micRtpPackets

    // First time: a short explanation before the browser asks for the microphone.
    await startButton().click()
    await visible(page.getByText('your browser will ask to use your microphone'))
    expect(await micTracks()).toBe(0)
    expect(chunkRequests.length).toBeLessThanOrEqual(1) // at most the hover prefetch
    await page.getByRole('button', { name: 'Continue' }).click()

    await expect.poll(states, { timeout: 15_000 }).toContain('listening')
    expect((await states()).slice(0, 4)).toEqual(['requesting-mic', 'connecting', 'waiting-for-agent', 'listening'])
    // The chunk came from the script's folder with its ?v=, once.
    expect(chunkRequests).toEqual([`${server.scriptOrigin}/talkdock-voice.js?v=test1`])
    // Token request: room from the conversation's session, identity unique per tab.
    const req = voiceBackend.state.requests.at(-1)!
    expect(req.roomName).toMatch(/^talkdock-td_/)
    expect(req.participantName).toMatch(/^visitor-/)

    // Microphone published and sending; the agent's audio subscribed and playing.
    await expect.poll(() => lk.stats.publishedTracks).toBe(published + 1)
    await expect.poll(() => lk.stats.micRtpPackets, { timeout: 10_000 }).toBeGreaterThan(rtp + 20)
    const audio = () =>
      page.evaluate(() => {
        const el = document.querySelector('talkdock-widget')!.shadowRoot!.querySelector('audio')
        return el ? { paused: el.paused, time: el.currentTime } : null
      })
    await expect.poll(async () => (await audio())?.paused, { timeout: 10_000 }).toBe(false)
    const t0 = (await audio())!.time
    await expect.poll(async () => (await audio())!.time, { timeout: 10_000 }).toBeGreaterThan(t0 + 0.3)

    // The greeting's transcript is in the log, once, and persisted like chat.
    await expect.poll(() => log().textContent(), { timeout: 10_000 }).toContain(GREETING)
    await expect.poll(() => page.evaluate(() => JSON.stringify(localStorage))).toContain(GREETING)
    await expect.poll(lastState).toBe('listening')

    // Enter ×10 (and other keys, Escape included) during the call change nothing and POST nothing.
    const before = await states()
    await input().focus()
    for (let i = 0; i < 10; i++) await input().press('Enter')
    for (const key of ['Escape', 'Space', 'Tab', 'm']) await page.keyboard.press(key)
    await page.waitForTimeout(500)
    expect(await states()).toEqual(before)
    expect(server.state.posts).toHaveLength(0)
    await visible(endButton())

    // Typed text goes to the agent over the room, appears in the log, and is never POSTed.
    await input().fill('Do you have the PS5?')
    await input().press('Enter')
    await expect.poll(() => lk.stats.chatMessages.at(-1)?.text).toBe('Do you have the PS5?')
    await expect.poll(() => log().textContent(), { timeout: 10_000 }).toContain('PlayStation 5 Slim')
    await expect.poll(states).toEqual(expect.arrayContaining(['thinking', 'speaking']))
    expect(server.state.posts).toHaveLength(0)
    const text = (await log().textContent())!
    expect(text.split(GREETING)).toHaveLength(2) // no duplicate transcript
    expect(text.split('Do you have the PS5?')).toHaveLength(2)

    // End voice: the room ends, every local track stops, no audio elements left.
    await endButton().click()
    await expect.poll(lastState).toBe('ended')
    expect(await liveTracks()).toBe(0)
    expect(await micTracks()).toBeGreaterThan(0)
    expect(await audioElements()).toBe(0)
    await expect.poll(() => lk.stats.activeSessions).toBe(0)
    await visible(startButton())
    expect(await errors()).toEqual([])
    expect(server.state.posts).toHaveLength(0)
    expect(chatter).toEqual([])

    // Back to text: the next message is POSTed with the voice turns in its history.
    await input().fill('And the Switch?')
    await input().press('Enter')
    await expect.poll(() => server.state.posts.length).toBe(1)
    expect(server.state.posts[0].body.history).toEqual(expect.arrayContaining([{ role: 'assistant', content: GREETING }]))
  })

  it('TalkDock.startVoice()/stopVoice(), closing the widget and destroy() end voice cleanly', async () => {
    await shop()
    // startVoice() resolves once connected (no first-time notice: the host page asked).
    await page.evaluate(() => (window as any).TalkDock.startVoice())
    expect(await states()).toContain('waiting-for-agent')
    await expect.poll(lastState).toBe('listening')
    await page.evaluate(() => (window as any).TalkDock.stopVoice())
    expect(await lastState()).toBe('ended')
    expect(await liveTracks()).toBe(0)

    // Closing the panel ends the call.
    await page.evaluate(() => (window as any).TalkDock.startVoice())
    await expect.poll(lastState).toBe('listening')
    await page.evaluate(() => (window as any).TalkDock.close())
    await expect.poll(lastState).toBe('ended')
    await expect.poll(liveTracks).toBe(0)
    expect(await audioElements()).toBe(0)
    await expect.poll(() => lk.stats.activeSessions).toBe(0)

    // destroy() during a call.
    await page.evaluate(() => (window as any).TalkDock.startVoice())
    await expect.poll(lastState).toBe('listening')
    await page.evaluate(() => (window as any).TalkDock.destroy())
    await expect.poll(liveTracks).toBe(0)
    await expect.poll(() => lk.stats.activeSessions).toBe(0)
    expect(await page.evaluate(() => document.querySelectorAll('audio, talkdock-widget').length)).toBe(0)
    expect(server.state.posts).toHaveLength(0)
  })
})

describe('voice: reconnects, server hang-ups and push-to-talk', () => {
  it('shows Reconnecting… after a dropped connection, recovers, then reports the server deleting the room', async () => {
    await shop()
    await page.evaluate(() => (window as any).TalkDock.startVoice())
    await expect.poll(lastState).toBe('listening')
    await expect.poll(() => log().textContent(), { timeout: 10_000 }).toContain(GREETING)
    await expect.poll(() => page.locator('.td-voice-state').textContent()).toBe('Listening…')
    await recordBarTexts()
    lk.dropConnections()
    await expect.poll(states, { timeout: 15_000 }).toContain('reconnecting')
    // The visitor saw "Reconnecting…" in the bar, then "Listening…" again.
    await expect.poll(barTexts, { timeout: 15_000 }).toContain('Reconnecting…')
    await expect.poll(lastState, { timeout: 15_000 }).toBe('listening')
    const shown = await barTexts()
    expect(shown.slice(shown.indexOf('Reconnecting…'))).toEqual(['Reconnecting…', 'Listening…'])
    expect(await page.locator('.td-voice-state').textContent()).toBe('Listening…')
    expect(await errors()).toEqual([])

    const room = voiceBackend.state.requests.at(-1)!.roomName
    lk.deleteRoom(room)
    await expect.poll(lastState).toBe('ended')
    expect((await errors()).map((e) => e.code)).toEqual(['voice_room_deleted'])
    expect(await alertText()).toBe('The voice conversation has ended. You can start a new one or keep typing.')
    expect(await liveTracks()).toBe(0)
    expect(await log().textContent()).toContain(GREETING) // the conversation is intact
  })

  it('push-to-talk: the microphone is live only while "Hold to talk" or Space (outside the composer) is held', async () => {
    await shop({ attrs: `${VOICE_ATTRS} data-voice-push-to-talk="true"` })
    await page.evaluate(() => (window as any).TalkDock.startVoice())
    await expect.poll(lastState).toBe('listening')
    const hold = page.getByRole('button', { name: 'Hold to talk' })
    const micOn = () => page.evaluate(() => (window as any).__tracks[0].enabled as boolean)
    await expect.poll(() => hold.getAttribute('aria-pressed')).toBe('false')
    expect(await micOn()).toBe(false)
    await hold.hover()
    await page.mouse.down()
    await expect.poll(micOn).toBe(true)
    await expect.poll(() => hold.getAttribute('aria-pressed')).toBe('true') // re-rendered after the change
    await page.mouse.up()
    await expect.poll(micOn).toBe(false)
    await expect.poll(() => hold.getAttribute('aria-pressed')).toBe('false')
    // Space in the composer types a space and leaves the microphone off.
    await input().focus()
    await page.keyboard.down('Space')
    await page.waitForTimeout(200)
    expect(await micOn()).toBe(false)
    await page.keyboard.up('Space')
    // Space elsewhere in the panel talks.
    await log().focus()
    await page.keyboard.down('Space')
    await expect.poll(micOn).toBe(true)
    await page.keyboard.up('Space')
    await expect.poll(micOn).toBe(false)
    await page.evaluate(() => (window as any).TalkDock.stopVoice())
  })
})

describe('voice failures: a plain message, then back to text with the conversation intact', () => {
  /** Starts voice after one text exchange and returns the failure shown. */
  async function failWith(mode: string, attrs = VOICE_ATTRS, headers?: Record<string, string>, on?: Browser) {
    await voiceMode(mode)
    await shop({ attrs, headers, on })
    await input().fill('Do you have the PS5?')
    await input().press('Enter')
    await expect.poll(() => log().textContent()).toContain('PlayStation 5 Slim')
    await clickStart()
    await expect.poll(lastState, { timeout: 15_000 }).toBe('error')
    await visible(page.locator('.td-voice-error'))
    expect(await liveTracks()).toBe(0)
    expect(await audioElements()).toBe(0)
    // The conversation is intact and text chat works.
    expect(await log().textContent()).toContain('PlayStation 5 Slim')
    await visible(startButton())
    await input().fill('And the Switch?')
    await input().press('Enter')
    await expect.poll(() => server.state.posts.length).toBe(2)
    const errs = await errors()
    const last = (await page.evaluate(() => (window as any).__states.at(-1))) as { code: string; message: string }
    expect(errs.at(-1)).toEqual({ code: `voice_${last.code}`, message: last.message })
    expect(await alertText()).toBe(last.message)
    return last
  }

  it('token endpoint 500 → token_failed (the microphone was asked first, then released)', async () => {
    const e = await failWith('token500')
    expect(e.code).toBe('token_failed')
    expect(await micTracks()).toBe(1)
  })

  it('LiveKit server unreachable → connect_unreachable', async () => {
    const e = await failWith('unreachable')
    expect(e.code).toBe('connect_unreachable')
  })

  it('agent never joins → agent_timeout (voice: { agentTimeoutMs } for tests)', async () => {
    const e = await failWith('noagent', `${VOICE_ATTRS} data-voice='{"agentTimeoutMs":1500}'`)
    expect(e.code).toBe('agent_timeout')
    expect(e.message).toMatch(/didn't join/)
  })

  it('the host page blocks the microphone (Permissions-Policy: microphone=()) → mic_blocked_by_policy', async () => {
    const e = await failWith('normal', VOICE_ATTRS, { 'Permissions-Policy': 'microphone=()' })
    expect(e.code).toBe('mic_blocked_by_policy')
    expect(voiceBackend.state.requests).toHaveLength(0) // no token without a microphone
  })

  it('the visitor denies the microphone → mic_denied', async () => {
    // No fake media UI: the permission request is refused.
    noUi = await launch(['--use-fake-device-for-media-stream'])
    const e = await failWith('normal', VOICE_ATTRS, undefined, noUi)
    expect(e.code).toBe('mic_denied')
    expect(await micTracks()).toBe(0)
    expect(voiceBackend.state.requests).toHaveLength(0)
  })
})
