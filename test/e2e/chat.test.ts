/**
 * Text chat end to end in real Chromium: the built dist/talkdock.js on a page of
 * another origin, talking to the dev server's agent endpoint. Requests are counted
 * at the server.
 */
import { describe, expect, it } from 'vitest'
import { API_KEY, hidden, hostPage, isFocused, openChat, scriptTag, setMode, visible } from '../helpers/e2e'
import { context, page, server, useE2E } from '../helpers/session'

useE2E()

const input = () => page.getByRole('textbox', { name: 'Message' })
const log = () => page.getByRole('log')
const posts = () => server.state.posts

async function demo(): Promise<void> {
  await page.goto(`${server.pageOrigin}/`)
  await openChat(page)
}

describe('one user intent is exactly one POST', () => {
  it('rapid Enter ×5 sends once and shows the reply', async () => {
    await demo()
    await input().fill('Do you have the PS5?')
    for (let i = 0; i < 5; i++) await input().press('Enter')
    await expect.poll(() => log().textContent()).toContain('PlayStation 5 Slim')
    await page.waitForTimeout(300)
    expect(posts()).toHaveLength(1)
    const { body } = posts()[0]
    expect(body).toMatchObject({ message: 'Do you have the PS5?', history: [], mode: 'text' })
    expect(typeof body.sessionId).toBe('string')
    expect(body.sessionId.length).toBeLessThanOrEqual(100)
  })

  it('five clicks on Send in the same moment send once', async () => {
    await demo()
    await input().fill('Nintendo Switch price?')
    const send = page.getByRole('button', { name: 'Send', exact: true })
    await send.evaluate((button: HTMLButtonElement) => {
      for (let i = 0; i < 5; i++) button.click()
    })
    await expect.poll(() => log().textContent()).toContain('Nintendo Switch OLED')
    await page.waitForTimeout(300)
    expect(posts()).toHaveLength(1)
  })

  it('five real mouse clicks on Send send once', async () => {
    await demo()
    await input().fill('Steam Deck?')
    const box = (await page.getByRole('button', { name: 'Send', exact: true }).boundingBox())!
    for (let i = 0; i < 5; i++) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect.poll(() => log().textContent()).toContain('Steam Deck OLED')
    await page.waitForTimeout(300)
    expect(posts()).toHaveLength(1)
  })

  it('a held Enter (auto-repeat) sends once and inserts no newlines', async () => {
    await demo()
    await input().fill('Sony headphones')
    await input().focus()
    for (let i = 0; i < 12; i++) await page.keyboard.down('Enter') // after the first, repeat=true
    await page.keyboard.up('Enter')
    await expect.poll(() => log().textContent()).toContain('WH-1000XM5')
    await page.waitForTimeout(300)
    expect(posts()).toHaveLength(1)
    expect(await input().inputValue()).toBe('')
  })

  it('Shift+Enter inserts a newline and sends nothing', async () => {
    await demo()
    await input().fill('line one')
    await input().press('Shift+Enter')
    await input().pressSequentially('line two')
    expect(await input().inputValue()).toBe('line one\nline two')
    await page.waitForTimeout(200)
    expect(posts()).toHaveLength(0)
  })

  it('sends history of earlier turns with the next message', async () => {
    await demo()
    await input().fill('hello')
    await input().press('Enter')
    await expect.poll(() => log().textContent()).toContain('I am Amara')
    await input().fill('ps5?')
    await input().press('Enter')
    await expect.poll(() => posts().length).toBe(2)
    expect(posts()[1].body.history).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: expect.stringContaining('I am Amara') },
    ])
    expect(posts()[1].body.sessionId).toBe(posts()[0].body.sessionId)
    expect(posts()[1].body.idempotencyKey).not.toBe(posts()[0].body.idempotencyKey)
  })
})

describe('persistence', () => {
  it('the conversation and session are back after a reload, panel still open', async () => {
    await demo()
    await input().fill('Do you have the PS5?')
    await input().press('Enter')
    await expect.poll(() => log().textContent()).toContain('PlayStation 5 Slim')
    await page.reload()
    await expect.poll(() => log().textContent(), { timeout: 5000 }).toContain('PlayStation 5 Slim')
    expect(await log().textContent()).toContain('Do you have the PS5?')
    await input().fill('and the Switch?')
    await input().press('Enter')
    await expect.poll(() => posts().length).toBe(2)
    expect(posts()[1].body.sessionId).toBe(posts()[0].body.sessionId)
  })

  it('a reload in the same task as Enter still finds the message (saves are batched per frame, flushed on pagehide)', async () => {
    await setMode(server, 'slow')
    await demo()
    await input().fill('Reserve the Switch OLED for me')
    await page.locator('talkdock-widget').evaluate((host) => {
      const ta = host.shadowRoot!.querySelector('textarea')!
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, composed: true }))
      location.reload()
    })
    await page.waitForLoadState('load')
    await expect.poll(() => log().textContent(), { timeout: 5000 }).toContain('Reserve the Switch OLED for me')
  })

  it('corrupt storage does not break the widget', async () => {
    await page.goto(`${server.pageOrigin}/`)
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) localStorage.removeItem(k)
      localStorage.setItem(`talkdock:v1:${location.origin.replace('localhost', '127.0.0.1')}`, '{not json')
    })
    await page.reload()
    await openChat(page)
    await input().fill('hi')
    await input().press('Enter')
    await expect.poll(() => log().textContent()).toContain('I am Amara')
  })
})

describe('failures are visible and recoverable', () => {
  it('a 500 shows an error; Retry reuses the idempotencyKey and shows the reply', async () => {
    await demo()
    await setMode(server, '500', { times: 1 })
    await input().fill('Do you have the PS5?')
    await input().press('Enter')
    await visible(page.getByRole('button', { name: 'Retry', exact: true }))
    expect(await log().textContent()).toContain('Something went wrong')
    expect(await log().textContent()).toContain('Do you have the PS5?')
    await page.getByRole('button', { name: 'Retry', exact: true }).click()
    await expect.poll(() => log().textContent()).toContain('PlayStation 5 Slim')
    expect(posts()).toHaveLength(2)
    expect(posts()[1].body.idempotencyKey).toBe(posts()[0].body.idempotencyKey)
    expect(posts()[0].body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
    // In the body only: the deployed backend's CORS allows no Idempotency-Key header.
    expect(posts().map((p) => p.header)).toEqual(['', ''])
    expect(server.state.acted).toBe(1)
    await expect.poll(() => page.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0)
  })

  it("a 503 shows the server's own message and emits an error event", async () => {
    await demo()
    await page.evaluate(() => {
      ;(window as any).__errors = []
      ;(window as any).TalkDock.on('error', (e: unknown) => (window as any).__errors.push(e))
    })
    await setMode(server, '503', { times: 1 })
    await input().fill('hello')
    await input().press('Enter')
    await expect.poll(() => log().textContent()).toContain('Daily usage limit reached. Please try again tomorrow.')
    const errors = await page.evaluate(() => (window as any).__errors)
    expect(errors).toEqual([expect.objectContaining({ code: 'unavailable', status: 503, message: 'Daily usage limit reached. Please try again tomorrow.' })])
    expect(posts()).toHaveLength(1) // a 503 with a message is not retried automatically
  })

  it('a 502 HTML page and a non-JSON 200 each show a clear message', async () => {
    await demo()
    await setMode(server, 'nonjson', { times: 1 })
    await input().fill('hello')
    await input().press('Enter')
    await expect.poll(() => log().textContent()).toContain('could not read')
    await setMode(server, '502', { times: 3 })
    await input().fill('ps5 please')
    await input().press('Enter')
    // 502 is retried automatically (same key), then shown with Retry.
    await expect.poll(() => log().textContent(), { timeout: 15000 }).toContain('Something went wrong on our side')
    const keys = posts().slice(1).map((p) => p.body.idempotencyKey)
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
  })

  it('a send while the network is down keeps the message; Retry once back succeeds with the same key', async () => {
    await demo()
    const attempted: string[] = []
    await page.route('**/api/chatkit/agent', (route) => {
      if (route.request().method() === 'POST') attempted.push(route.request().postDataJSON().idempotencyKey)
      return route.abort('internetdisconnected')
    })
    await input().fill('Do you have the PS5?')
    await input().press('Enter')
    await visible(page.getByRole('button', { name: 'Retry', exact: true }), 15000)
    expect(await log().textContent()).toContain('Do you have the PS5?')
    expect(await log().textContent()).toContain('Could not reach the assistant')
    expect(posts()).toHaveLength(0)
    await page.unroute('**/api/chatkit/agent')
    await page.getByRole('button', { name: 'Retry', exact: true }).click()
    await expect.poll(() => log().textContent()).toContain('PlayStation 5 Slim')
    expect(posts()).toHaveLength(1)
    expect(new Set([...attempted, posts()[0].body.idempotencyKey]).size).toBe(1)
  })

  it('offline: the message waits and goes out once online', async () => {
    await demo()
    await context.setOffline(true)
    await input().fill('Nintendo Switch?')
    await input().press('Enter')
    await expect.poll(() => page.locator('talkdock-widget').getByRole('status').textContent()).toContain('offline')
    // The status line and the log re-render in separate store callbacks: poll for both.
    await expect.poll(() => log().textContent()).toContain('Nintendo Switch?')
    await page.waitForTimeout(300)
    expect(posts()).toHaveLength(0)
    await context.setOffline(false)
    await expect.poll(() => log().textContent()).toContain('Nintendo Switch OLED')
    expect(posts()).toHaveLength(1)
  })

  it('a 1,500-character message is not sent and not lost', async () => {
    await demo()
    const long = 'x'.repeat(1500)
    await input().fill(long)
    await input().press('Enter')
    await expect.poll(() => page.locator('talkdock-widget').getByRole('alert').textContent()).toContain('1,000')
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true)
    expect(await input().inputValue()).toBe(long)
    await page.waitForTimeout(300)
    expect(posts()).toHaveLength(0)
    await page.reload()
    await expect.poll(() => input().inputValue()).toBe(long)
  })
})

describe('public API and embedding', () => {
  it('TalkDock API: send, message events, close/open, destroy and init again', async () => {
    await demo()
    await page.evaluate(() => {
      const w = window as any
      w.__events = []
      for (const e of ['message', 'open', 'close']) w.TalkDock.on(e, (p: any) => w.__events.push([e, p?.role, p?.text]))
      w.TalkDock.send('hello')
    })
    await expect.poll(() => log().textContent()).toContain('I am Amara')
    await page.getByRole('button', { name: 'Close chat' }).click()
    await hidden(page.getByRole('dialog'))
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'Open chat' }))).toBe(true)
    const events = await page.evaluate(() => (window as any).__events)
    expect(events).toEqual([
      ['message', 'user', 'hello'],
      ['message', 'assistant', expect.stringContaining('I am Amara')],
      ['close', undefined, undefined],
    ])
    expect(await page.evaluate(() => (window as any).TalkDock.version)).toMatch(/^\d+\.\d+\.\d+/)
    await page.evaluate(() => (window as any).TalkDock.destroy())
    expect(await page.locator('talkdock-widget').count()).toBe(0)
    await page.evaluate(() => (window as any).TalkDock.init({ botName: 'Zed' }))
    await expect.poll(() => page.getByRole('button', { name: 'Open chat' }).count()).toBe(1)
    await page.evaluate(() => (window as any).TalkDock.open())
    await visible(page.getByRole('dialog', { name: 'Zed' }))
  })

  it('Escape closes the panel and focus returns to the launcher', async () => {
    await demo()
    await expect.poll(() => isFocused(input())).toBe(true)
    await page.keyboard.press('Escape')
    await hidden(page.getByRole('dialog'))
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'Open chat' }))).toBe(true)
  })

  it('the script included twice and init called twice leave exactly one widget', async () => {
    const p = await hostPage(context, server, scriptTag(server) + scriptTag(server))
    await p.goto(`${server.pageOrigin}/fixture.html`)
    await p.waitForFunction(() => (window as any).TalkDock?.version)
    await p.evaluate(() => (window as any).TalkDock.init({ botName: 'Again' }))
    await p.waitForTimeout(200)
    expect(await p.locator('talkdock-widget').count()).toBe(1)
    await p.close()
  })

  it('calls queued on the stub before the script loads are replayed in order', async () => {
    const stub = `<script>window.TalkDock=window.TalkDock||{q:[]};["init","open","close","toggle","send","on","destroy"].forEach(function(m){TalkDock[m]=TalkDock[m]||function(){TalkDock.q.push([m,[].slice.call(arguments)])}});
      TalkDock.init({botName:"Queued Bot",apiKey:"${API_KEY}"});TalkDock.on("message",function(m){(window.__msgs=window.__msgs||[]).push(m.role)});TalkDock.open();TalkDock.send("hello")</script>`
    const p = await hostPage(context, server, stub + scriptTag(server, 'data-bot-name="Ignored"'))
    await p.goto(`${server.pageOrigin}/fixture.html`)
    await visible(p.getByRole('dialog', { name: 'Queued Bot' }))
    await expect.poll(() => p.getByRole('log').textContent()).toContain('I am Amara')
    expect(await p.evaluate(() => (window as any).__msgs)).toEqual(['user', 'assistant'])
    await p.close()
  })

  it('data-manual waits for init; chunks carry the script ?v= and load cross-origin without CORS', async () => {
    const requested: string[] = []
    const p = await hostPage(context, server, scriptTag(server, 'data-manual', 'rel-42'))
    p.on('request', (r) => requested.push(r.url()))
    await p.goto(`${server.pageOrigin}/fixture.html`)
    await p.waitForFunction(() => (window as any).TalkDock?.version)
    expect(await p.locator('talkdock-widget').count()).toBe(0)
    await p.evaluate(() => (window as any).TalkDock.init({ botName: 'Manual' }))
    await openChat(p)
    expect(requested).toContain(`${server.scriptOrigin}/talkdock-panel.js?v=rel-42`)
    await p.close()
  })

  it('the UI lives in an open shadow root with the documented accessible names', async () => {
    await demo()
    const info = await page.evaluate(() => {
      const host = document.querySelector('talkdock-widget')!
      return { open: !!host.shadowRoot, inBody: host.parentElement === document.body }
    })
    expect(info).toEqual({ open: true, inBody: true })
    await visible(page.getByRole('dialog', { name: 'Amara' }))
    await visible(page.getByRole('button', { name: 'Close chat' }))
    await visible(page.getByRole('log'))
    await visible(page.getByRole('button', { name: 'Send', exact: true }))
  })

  it('the npm API mounts an inline widget that chats', async () => {
    await page.goto(`${server.pageOrigin}/npm.html`)
    await page.getByRole('textbox', { name: 'Message' }).fill('switch?')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('log').textContent()).toContain('Nintendo Switch OLED')
    expect(await page.locator('#chat talkdock-widget').count()).toBe(1)
  })
})
