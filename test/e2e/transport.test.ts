/**
 * Streaming, queueing, retries, offline, reloads and tabs, in real Chromium,
 * counted at the dev server.
 */
import { describe, expect, it } from 'vitest'
import { watchErrors, type Page } from '../helpers/browser'
import { openChat, setMode, visible } from '../helpers/e2e'
import { context, page, server, useE2E } from '../helpers/session'

useE2E()

const input = (p: Page = page) => p.getByRole('textbox', { name: 'Message' })
const log = (p: Page = page) => p.getByRole('log')
const posts = () => server.state.posts
const retry = (p: Page = page) => p.getByRole('button', { name: 'Retry', exact: true })

async function demo(p: Page = page): Promise<void> {
  await p.goto(`${server.pageOrigin}/`)
  await openChat(p)
}

async function say(text: string, p: Page = page): Promise<void> {
  await input(p).fill(text)
  await input(p).press('Enter')
}

/** Records every text the streaming assistant bubble shows, with its status. */
async function recordAssistantFrames(p: Page): Promise<void> {
  await p.evaluate(() => {
    const root = document.querySelector('talkdock-widget')!.shadowRoot!
    const frames: { status: string; text: string }[] = ((window as any).__frames = [])
    new MutationObserver(() => {
      const last = [...root.querySelectorAll('.td-msg.td-assistant')].pop() as HTMLElement | undefined
      if (last) frames.push({ status: last.dataset.status || '', text: last.querySelector('.td-bubble')?.textContent || '' })
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

describe('streaming', () => {
  it('deltas are visible before done, and the final text wins', async () => {
    await setMode(server, 'normal', { stream: true })
    await demo()
    await recordAssistantFrames(page)
    await say('Do you have the PS5?')
    await expect.poll(() => page.locator('talkdock-widget .td-assistant[data-status=done]').count()).toBe(1)
    const frames: { status: string; text: string }[] = await page.evaluate(() => (window as any).__frames)
    const final = frames[frames.length - 1]
    const partial = frames.filter((f) => f.status === 'streaming' && f.text.length > 0 && f.text.length < final.text.length)
    expect(partial.length).toBeGreaterThan(1)
    expect(final.text).toContain('Would you like to reserve one for pickup?')
    expect(posts()).toHaveLength(1)
  })

  it('typing while a reply streams in: the box keeps focus, the caret stays where the visitor put it, no keystroke is lost', async () => {
    await setMode(server, 'normal', { stream: true })
    await demo()
    await say('Do you have the PS5?')
    const streaming = page.locator('talkdock-widget .td-assistant[data-status=streaming]')
    await expect.poll(() => streaming.count()).toBe(1)
    const box = page.getByRole('textbox', { name: 'Message' })
    // Real keystrokes while the log re-renders with each delta (and the composer when the reply ends).
    await page.keyboard.type('pickup today', { delay: 15 })
    await page.keyboard.press('Home')
    await page.keyboard.type('Can I ', { delay: 15 })
    expect(await streaming.count(), 'the reply was still streaming while typing').toBe(1)
    await expect.poll(() => page.locator('talkdock-widget .td-assistant[data-status=done]').count()).toBe(1)
    await page.keyboard.type('?')
    expect(await box.inputValue()).toBe('Can I ?pickup today')
    expect(await box.evaluate((el: HTMLTextAreaElement) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true)
    expect(posts()).toHaveLength(1)
  })

  it('Stop cancels a streaming reply; the partial text stays, marked stopped', async () => {
    await setMode(server, 'normal', { stream: true })
    await demo()
    await say('Do you have the PS5?')
    await expect.poll(() => page.locator('talkdock-widget .td-assistant[data-status=streaming]').count()).toBe(1)
    await page.getByRole('button', { name: 'Stop', exact: true }).click()
    const bubble = page.locator('talkdock-widget .td-assistant[data-status=stopped]')
    await visible(bubble)
    expect(await bubble.textContent()).toContain('Stopped')
    const stoppedText = await bubble.locator('.td-bubble').textContent()
    await page.waitForTimeout(600)
    expect(await bubble.locator('.td-bubble').textContent()).toBe(stoppedText)
    expect(stoppedText!.length).toBeGreaterThan(0)
    // The composer works again straight away.
    await say('hello')
    await expect.poll(() => log().textContent()).toContain('I am Amara')
  })

  it('a cut stream keeps the partial text, shows an error and retries cleanly with the same key', async () => {
    await setMode(server, 'cut', { times: 1, stream: true })
    await demo()
    await say('Do you have the PS5?')
    await visible(retry())
    expect(await log().textContent()).toContain('cut off')
    const cut = page.locator('talkdock-widget .td-assistant[data-status=cut] .td-bubble')
    expect((await cut.textContent())!.length).toBeGreaterThan(0)
    await retry().click()
    await expect.poll(() => page.locator('talkdock-widget .td-assistant[data-status=done]').count()).toBe(1)
    expect(await page.locator('talkdock-widget .td-assistant').count()).toBe(1) // the cut partial was replaced
    expect(await log().textContent()).toContain('Would you like to reserve one for pickup?')
    expect(posts()).toHaveLength(2)
    expect(posts()[1].body.idempotencyKey).toBe(posts()[0].body.idempotencyKey)
    expect(server.state.acted).toBe(1)
  })
})

describe('queueing', () => {
  it('two messages typed during a slow reply: two POSTs in total, the second carrying both', async () => {
    await setMode(server, 'slow', { times: 1, delayMs: 1500 })
    await demo()
    await say('Do you have the PS5?')
    await expect.poll(() => posts().length).toBe(1)
    await say('And the Switch?')
    await say('Do you deliver?')
    expect(await log().textContent()).toContain('Waiting to send')
    await expect.poll(() => posts().length, { timeout: 8000 }).toBe(2)
    expect(posts()[1].body.message).toBe('And the Switch?\n\nDo you deliver?')
    expect(posts()[1].body.idempotencyKey).not.toBe(posts()[0].body.idempotencyKey)
    expect(posts()[1].body.history.map((t: { content: string }) => t.content)).toEqual(['Do you have the PS5?', expect.stringContaining('PlayStation')])
    await expect.poll(() => log().textContent()).toContain('Nintendo Switch OLED')
    await page.waitForTimeout(400)
    expect(posts()).toHaveLength(2)
  })

  it('an offline burst is kept and flushed in order once online', async () => {
    await demo()
    await context.setOffline(true)
    await say('first: ps5')
    await say('second: switch')
    await say('third: deliver?')
    await page.waitForTimeout(300)
    expect(posts()).toHaveLength(0)
    expect(await log().textContent()).toContain('Waiting for connection')
    await context.setOffline(false)
    await expect.poll(() => posts().length).toBe(1)
    expect(posts()[0].body.message).toBe('first: ps5\n\nsecond: switch\n\nthird: deliver?')
    await expect.poll(() => log().textContent()).toContain('PlayStation 5 Slim')
  })
})

describe('automatic retries', () => {
  it('a 429 with Retry-After: 2 is retried automatically with the same key', async () => {
    await setMode(server, '429', { times: 1 })
    await demo()
    await say('Nintendo Switch?')
    await expect.poll(() => log().textContent()).toContain('retrying')
    await expect.poll(() => log().textContent(), { timeout: 10000 }).toContain('Nintendo Switch OLED')
    expect(posts()).toHaveLength(2)
    expect(posts()[1].body.idempotencyKey).toBe(posts()[0].body.idempotencyKey)
    expect(posts()[1].at - posts()[0].at).toBeGreaterThanOrEqual(1900)
    expect(await retry().count()).toBe(0)
  })
})

describe('reloads and tabs', () => {
  it('a reload during a pending reply leaves the message retryable with the same key; the agent acts once', async () => {
    await setMode(server, 'slow', { times: 1, delayMs: 2500 })
    await demo()
    await say('Do you have the PS5?')
    await expect.poll(() => posts().length).toBe(1)
    await page.reload()
    await visible(retry())
    expect(await log().textContent()).toContain('No reply received')
    expect(await log().textContent()).toContain('Do you have the PS5?')
    await retry().click()
    await expect.poll(() => log().textContent(), { timeout: 8000 }).toContain('PlayStation 5 Slim')
    expect(posts()).toHaveLength(2)
    expect(posts()[1].body.idempotencyKey).toBe(posts()[0].body.idempotencyKey)
    expect(server.state.acted).toBe(1)
  })

  it('two tabs show the same conversation with one POST', async () => {
    await demo()
    const other = await context.newPage()
    const otherErrors = watchErrors(other)
    await other.goto(`${server.pageOrigin}/`)
    await input(other).waitFor() // the panel was open in the first tab, so it opens here too
    await say('Do you have the PS5?')
    await expect.poll(() => log().textContent()).toContain('PlayStation 5 Slim')
    const shownAt = Date.now()
    await expect.poll(() => log(other).textContent(), { timeout: 1000, interval: 50 }).toContain('PlayStation 5 Slim')
    expect(Date.now() - shownAt).toBeLessThan(1000)
    expect(await log(other).textContent()).toContain('Do you have the PS5?')
    await page.waitForTimeout(500)
    expect(posts()).toHaveLength(1)
    // And back the other way.
    await say('Nintendo Switch?', other)
    await expect.poll(() => log().textContent(), { timeout: 1500 }).toContain('Nintendo Switch OLED')
    expect(posts()).toHaveLength(2)
    expect(posts()[1].body.sessionId).toBe(posts()[0].body.sessionId)
    expect(otherErrors).toEqual([])
  })
})

describe('who is asking', () => {
  it('identify and setContext travel with each request; identity survives reload; New conversation clears it', async () => {
    await demo()
    await page.evaluate(() => {
      const td = (window as any).TalkDock
      td.identify({ id: 'cust-42', name: 'Ann', email: 'ann@example.com' })
      td.setContext({ page: '/p/ps5', cart: [{ sku: 'ps5', qty: 1 }] })
    })
    await say('Do you have the PS5?')
    await expect.poll(() => posts().length).toBe(1)
    expect(posts()[0].body.user).toEqual({ id: 'cust-42', name: 'Ann', email: 'ann@example.com' })
    expect(posts()[0].body.context).toEqual({ page: '/p/ps5', cart: [{ sku: 'ps5', qty: 1 }] })
    await expect.poll(() => log().textContent()).toContain('PlayStation')

    await page.reload()
    await input().waitFor()
    await say('and the Switch?')
    await expect.poll(() => posts().length).toBe(2)
    expect(posts()[1].body.user).toEqual({ id: 'cust-42', name: 'Ann', email: 'ann@example.com' })
    expect(posts()[1].body.context).toBeUndefined() // context belongs to the page it was set on
    await expect.poll(() => log().textContent()).toContain('Nintendo Switch OLED')

    await page.getByRole('button', { name: 'New conversation' }).click()
    await expect.poll(() => log().textContent()).not.toContain('PlayStation')
    await say('hello')
    await expect.poll(() => posts().length).toBe(3)
    expect(posts()[2].body.user).toBeUndefined()
    expect(posts()[2].body.history).toEqual([])
    expect(posts()[2].body.sessionId).not.toBe(posts()[0].body.sessionId)
    const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('talkdock:v1:')).map(([, v]) => v).join(''))
    expect(stored).not.toContain('PlayStation')
  })

  it('a context that is not serialisable is refused with an error event and sending still works', async () => {
    await demo()
    const errors = await page.evaluate(() => {
      const td = (window as any).TalkDock
      const seen: unknown[] = []
      td.on('error', (e: unknown) => seen.push(e))
      const cyclic: any = { a: 1 }
      cyclic.self = cyclic
      td.setContext(cyclic)
      td.setContext({ huge: 'x'.repeat(20000) })
      return new Promise((r) => setTimeout(() => r(seen), 100))
    })
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid_input' }), expect.objectContaining({ code: 'invalid_input' })])
    await say('hello')
    await expect.poll(() => log().textContent()).toContain('I am Amara')
    expect(posts()[0].body.context).toBeUndefined()
  })
})

describe("the visitor's settings", () => {
  it('Sound (aria-pressed) chimes only for replies that arrive while the chat is hidden, and survives a reload', async () => {
    await context.addInitScript(() => {
      const w = window as any
      w.__chimes = 0
      const original = AudioContext.prototype.createOscillator
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.__chimes++
        return original.call(this)
      }
    })
    await demo()
    await page.evaluate(() => {
      const w = window as any
      w.__replies = 0
      w.TalkDock.on('message', (m: { role: string }) => m.role === 'assistant' && w.__replies++)
    })
    const sound = page.getByRole('button', { name: 'Sound', exact: true })
    expect(await sound.getAttribute('aria-pressed')).toBe('false')

    // Sound off: a reply arriving while the chat is closed makes no sound.
    await setMode(server, 'slow', { times: 1, delayMs: 800 })
    await say('hello')
    await page.getByRole('button', { name: 'Close chat' }).click()
    await expect.poll(() => page.evaluate(() => (window as any).__replies)).toBe(1)
    expect(await page.evaluate(() => (window as any).__chimes)).toBe(0)

    // Sound on: the same situation chimes once; a reply seen in the open panel does not.
    await openChat(page)
    await sound.click()
    await expect.poll(() => sound.getAttribute('aria-pressed')).toBe('true')
    await say('Nintendo Switch?')
    await expect.poll(() => page.evaluate(() => (window as any).__replies)).toBe(2)
    expect(await page.evaluate(() => (window as any).__chimes)).toBe(0)
    await setMode(server, 'slow', { times: 1, delayMs: 800 })
    await say('Do you have the PS5?')
    await page.getByRole('button', { name: 'Close chat' }).click()
    await expect.poll(() => page.evaluate(() => (window as any).__replies)).toBe(3)
    expect(await page.evaluate(() => (window as any).__chimes)).toBe(1)

    await page.reload()
    await openChat(page)
    await expect.poll(() => page.getByRole('button', { name: 'Sound', exact: true }).getAttribute('aria-pressed')).toBe('true')
  })
})
