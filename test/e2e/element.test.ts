/**
 * <talkdock-widget>, the registered custom element, in real Chromium:
 * - a plain HTML page with no script but talkdock.js (attributes, live changes, a
 *   voice call and a running reply that survive them, removal and re-adding);
 * - a React 19 app and a Vue 3 app (bundled here with esbuild from their npm packages,
 *   with the built npm entry dist/npm/element.js) passing attributes and properties,
 *   listening to `talkdock-message`, changing `bot-name` and `locale` live, and unmounting
 *   without leaving nodes, window/document listeners or live media tracks;
 * - two widgets on one page (inline and floating, two backends) working independently;
 * - the element's chunk (talkdock-element.js): a failed load is a `talkdock-error`
 *   load_failed on the element and nothing thrown; while it loads, properties set apply
 *   and method calls are made in order; a page with no element never fetches it.
 * Every element sends `api-key="td-test-key"`.
 */
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CDPSession, Page } from 'playwright-core'
import { MEDIA_FLAGS } from '../helpers/browser'
import { API_KEY, hidden, hostPage, isFocused, recordMicTracks, scriptTag, setMode, visible } from '../helpers/e2e'
import { context, server, useE2E } from '../helpers/session'

useE2E({ args: MEDIA_FLAGS, page: false })

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const KEY = API_KEY

const liveTracks = (p: Page) => p.evaluate(() => (window as any).__tracks.filter((t: MediaStreamTrack) => t.readyState === 'live').length as number)
const allNodes = (p: Page) => p.evaluate(() => document.getElementsByTagName('*').length)

/** Event listener types on window and on document (CDP, as bench/run.mjs counts them). */
async function listeners(cdp: CDPSession): Promise<string[]> {
  const out: string[] = []
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression })
    const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! })
    out.push(...found.map((l) => `${expression}:${l.type}`))
  }
  return out.sort()
}

/** The app bundled as a browser would get it: React/Vue from node_modules, TalkDock from the built npm entry. */
const bundles = new Map<string, string>()
async function bundle(file: string): Promise<string> {
  if (!bundles.has(file)) {
    const out = await build({
      entryPoints: [join(root, 'test/fixtures/element', file)],
      bundle: true,
      write: false,
      format: 'esm',
      minify: true,
      jsx: 'automatic',
      jsxImportSource: 'react',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
      plugins: [
        {
          name: 'talkdock-element-from-dist',
          setup(b) {
            b.onResolve({ filter: /src\/element$/ }, () => ({ path: join(root, 'dist/npm/element.js') }))
          },
        },
      ],
    })
    bundles.set(file, out.outputFiles[0].text)
  }
  return bundles.get(file)!
}

/** A page on the page origin running the app bundle (served as JavaScript); the API is the script origin. */
async function appPage(file: string): Promise<Page> {
  const js = await bundle(file)
  server.state.pages.set(`/${file}.js`, { html: js, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } })
  await context.addInitScript(recordMicTracks)
  const p = await hostPage(context, server, `<div id="app"></div><script>window.__API=${JSON.stringify(server.scriptOrigin)}</script><script type="module" src="/${file}.js"></script>`, `/${file}.html`)
  await p.goto(`${server.pageOrigin}/${file}.html`)
  await visible(p.getByText('No chat'))
  return p
}

const posts = () => server.state.posts.map((x) => x.body)
/** The X-API-Key of every agent request the page makes. */
function apiKeys(p: Page): string[] {
  const keys: string[] = []
  p.on('request', (r) => void (r.method() === 'POST' && /\/api\/chatkit\/agent/.test(r.url()) && keys.push(r.headers()['x-api-key'])))
  return keys
}

for (const [name, file] of [
  ['React 19', 'react-app.tsx'],
  ['Vue 3', 'vue-app.ts'],
] as const) {
  describe(`${name} app`, () => {
    it('renders the element with attributes and properties, gets talkdock-message, takes bot-name and locale live, unmounts cleanly', async () => {
      const p = await appPage(file)
      const keys = apiKeys(p)
      const cdp = await context.newCDPSession(p)
      const nodes0 = await allNodes(p)
      const listeners0 = await listeners(cdp)
      const set = (next: Record<string, unknown>) => p.evaluate((n) => (window as any).app.set(n), next)

      await set({ show: true })
      // Attributes: bot-name, inline (open in place); properties: starterPrompts, strings.
      const dialog = p.getByRole('dialog', { name: 'Amara' })
      await visible(dialog)
      await visible(p.getByRole('button', { name: 'Do you have the PS5?' }))
      await visible(p.getByRole('button', { name: 'Go', exact: true }))
      const input = p.getByRole('textbox', { name: 'Message' })
      await input.fill('hello')
      await input.press('Enter')
      await expect.poll(() => p.getByRole('log').textContent()).toContain('I am Amara')
      await expect.poll(() => p.evaluate(() => (window as any).messages)).toEqual([
        ['user', 'hello'],
        ['assistant', expect.stringContaining('I am Amara')],
      ])
      // user and context properties went over the wire with the message, with the API key.
      expect(posts()).toHaveLength(1)
      expect(posts()[0]).toMatchObject({ message: 'hello', user: { id: expect.stringContaining('u-'), name: 'Ada' }, context: { page: expect.stringContaining('-checkout') } })
      expect(keys).toEqual([KEY])

      // Live: a reply is running and the visitor has typed something when bot-name changes.
      await setMode(server, 'slow', { delayMs: 1200, times: 1 })
      await input.fill('ps5?')
      await input.press('Enter')
      await input.fill('still typing')
      await set({ botName: 'Zed' })
      await visible(p.getByRole('dialog', { name: 'Zed' }))
      expect(await input.inputValue()).toBe('still typing')
      await expect.poll(() => p.getByRole('log').textContent(), { timeout: 10_000 }).toContain('PlayStation 5 Slim')
      expect(await p.getByRole('log').textContent()).toContain('I am Amara')
      expect(posts().map((b) => b.message)).toEqual(['hello', 'ps5?'])

      // Locale: the Chinese table loads and the panel speaks it, same conversation, same draft.
      await set({ locale: 'zh' })
      const zhInput = p.getByRole('textbox', { name: '消息' })
      await visible(zhInput)
      expect(await zhInput.inputValue()).toBe('still typing')
      expect(await p.locator('talkdock-widget').getAttribute('lang')).toBe('zh')
      await visible(p.getByRole('dialog', { name: 'Zed' }))
      expect(await p.getByRole('log').textContent()).toContain('PlayStation 5 Slim')

      // Unmount: nothing of the widget is left.
      await set({ show: false })
      await visible(p.getByText('No chat'))
      await p.waitForTimeout(100)
      expect(await p.locator('talkdock-widget').count()).toBe(0)
      expect(await allNodes(p)).toBe(nodes0)
      expect(await listeners(cdp)).toEqual(listeners0)
      expect(await liveTracks(p)).toBe(0)
      await p.close()
    })
  })
}

describe('plain HTML', () => {
  it('an element on a page with no script but talkdock.js (data-manual) mounts itself, takes changes live, tears down on removal and mounts again', async () => {
    await context.addInitScript(recordMicTracks)
    const element = `<talkdock-widget id="w" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="Shop Bot" greeting="Welcome!" enable-voice inline style="display:block;height:520px"></talkdock-widget>`
    const p = await hostPage(context, server, element + scriptTag(server, 'data-manual'), '/element.html')
    const keys = apiKeys(p)
    await p.goto(`${server.pageOrigin}/element.html`)
    // Only the element's widget: data-manual boots none of its own.
    await visible(p.getByRole('dialog', { name: 'Shop Bot' }))
    expect(await p.locator('talkdock-widget').count()).toBe(1)
    await visible(p.getByText('Welcome!'))
    await p.evaluate(() => {
      const w = window as any
      w.__events = []
      for (const e of ['message', 'open', 'close', 'voicestate', 'error']) document.addEventListener(`talkdock-${e}`, (ev: any) => w.__events.push([e, ev.detail?.role ?? ev.detail?.state ?? null, ev.composed, ev.bubbles]))
    })
    // The element's methods.
    await p.evaluate(() => (document.getElementById('w') as any).send('hello'))
    await expect.poll(() => p.getByRole('log').textContent()).toContain('I am Amara')
    expect(posts().map((b) => b.message)).toEqual(['hello'])
    expect(keys).toEqual([KEY])

    // A voice call, then live changes: the call goes on.
    // startVoice() is the page's own call: no first-time explanation before the microphone.
    await p.evaluate(() => (document.getElementById('w') as any).startVoice())
    const states = () => p.evaluate(() => (window as any).__events.filter((e: any) => e[0] === 'voicestate').map((e: any) => e[1]) as string[])
    await expect.poll(states, { timeout: 15_000 }).toContain('listening')
    expect(await liveTracks(p)).toBe(1)
    await p.evaluate(() => {
      const el = document.getElementById('w')!
      el.setAttribute('bot-name', 'Renamed')
      el.setAttribute('primary-color', '#065f46')
    })
    await visible(p.getByRole('dialog', { name: 'Renamed' }))
    expect(await p.evaluate(() => document.getElementById('w')!.style.getPropertyValue('--td-primary'))).toBe('#065f46')
    await p.waitForTimeout(300)
    expect(await states()).not.toContain('ended')
    expect(await liveTracks(p)).toBe(1)
    await visible(p.getByRole('button', { name: 'End voice' }))

    // Removed: torn down like destroy() (the call ends, the microphone is released).
    await p.evaluate(() => {
      const el = document.getElementById('w')!
      ;(window as any).__el = el
      el.remove()
    })
    await expect.poll(() => liveTracks(p)).toBe(0)
    expect(await p.locator('talkdock-widget').count()).toBe(0)
    const flags = await p.evaluate(() => (window as any).__events.map((e: any) => e.slice(2)))
    expect(flags.length).toBeGreaterThan(3)
    expect(flags.every((f: boolean[]) => f[0] === true && f[1] === true), 'events bubble and are composed').toBe(true)
    // Added back: mounts again, with the same conversation.
    await p.evaluate(() => {
      const el = (window as any).__el as HTMLElement
      el.setAttribute('bot-name', 'Back')
      document.body.prepend(el)
    })
    await visible(p.getByRole('dialog', { name: 'Back' }))
    expect(await p.getByRole('log').textContent()).toContain('I am Amara')
    await p.close()
  })

  it('options set as properties before talkdock.js loaded apply, also on an inline element with no option attribute', async () => {
    const body = `<talkdock-widget id="early" inline style="display:block;height:420px"></talkdock-widget>
<script>
  const el = document.getElementById('early')
  el.apiUrl = ${JSON.stringify(server.scriptOrigin)}
  el.apiKey = ${JSON.stringify(KEY)}
  el.botName = 'Early Bot'
  el.strings = { send: 'Go' }
</script>
<script src="${server.scriptOrigin}/talkdock.js" data-manual async></script>`
    const p = await hostPage(context, server, body, '/early.html')
    await p.goto(`${server.pageOrigin}/early.html`)
    const el = p.locator('#early')
    await visible(el.getByRole('dialog', { name: 'Early Bot' }))
    await visible(el.getByRole('button', { name: 'Go', exact: true }))
    await el.getByRole('textbox', { name: 'Message' }).fill('hello')
    await el.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect.poll(() => el.getByRole('log').textContent()).toContain('I am Amara')
    // The property reads back what was set (the accessor, not a stale own property).
    expect(await p.evaluate(() => (document.getElementById('early') as any).botName)).toBe('Early Bot')
    await p.close()
  })

  it("the page's own inline theming on the element stays (the widget removes only custom properties it set)", async () => {
    const body = `<talkdock-widget id="t" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="Themed" inline style="display:block;height:420px;--td-primary:#065f46"></talkdock-widget>
<script src="${server.scriptOrigin}/talkdock.js" data-manual async></script>`
    const p = await hostPage(context, server, body, '/themed.html')
    await p.goto(`${server.pageOrigin}/themed.html`)
    const el = p.locator('#t')
    await visible(el.getByRole('dialog', { name: 'Themed' }))
    const primary = () => p.evaluate(() => document.getElementById('t')!.style.getPropertyValue('--td-primary'))
    expect(await primary()).toBe('#065f46')
    // An option set and then back to its default: the widget's own value goes, nothing else does.
    await p.evaluate(() => document.getElementById('t')!.setAttribute('radius', '4'))
    await expect.poll(() => p.evaluate(() => document.getElementById('t')!.style.getPropertyValue('--td-radius'))).toBe('4px')
    await p.evaluate(() => document.getElementById('t')!.removeAttribute('radius'))
    await expect.poll(() => p.evaluate(() => document.getElementById('t')!.style.getPropertyValue('--td-radius'))).toBe('')
    expect(await primary()).toBe('#065f46')
    await p.close()
  })
})

describe('options that need a new widget, and moves', () => {
  it('a new api-url mounts a new widget in the element and keeps what was typed; a move keeps the widget', async () => {
    const element = `<section id="left"><talkdock-widget id="w" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="Amara" inline style="display:block;height:480px"></talkdock-widget></section><section id="right"></section>`
    const p = await hostPage(context, server, element + scriptTag(server, 'data-manual'), '/remount.html')
    await p.goto(`${server.pageOrigin}/remount.html`)
    const input = p.getByRole('textbox', { name: 'Message' })
    await input.fill('hello')
    await input.press('Enter')
    await expect.poll(() => p.getByRole('log').textContent()).toContain('I am Amara')
    await p.evaluate(() => document.addEventListener('talkdock-ready', () => ((window as any).__readies = ((window as any).__readies || 0) + 1)))

    // Moved within one task: the same widget (conversation and draft in place, no new ready).
    await input.fill('half a thought')
    await p.evaluate(() => document.getElementById('right')!.append(document.getElementById('w')!))
    await p.waitForTimeout(200)
    expect(await p.locator('#right talkdock-widget').count()).toBe(1)
    expect(await input.inputValue()).toBe('half a thought')
    expect(await p.getByRole('log').textContent()).toContain('I am Amara')
    expect(await p.evaluate(() => (window as any).__readies)).toBeUndefined()

    // Another backend: a new widget (its own, empty conversation), the typed text carried over.
    await p.evaluate((api) => document.getElementById('w')!.setAttribute('api-url', api), server.pageOrigin)
    await expect.poll(() => p.evaluate(() => (window as any).__readies)).toBe(1)
    await expect.poll(() => input.inputValue()).toBe('half a thought')
    expect(await p.getByRole('log').textContent()).not.toContain('I am Amara')
    await input.press('Enter')
    await expect.poll(() => server.state.posts.length).toBe(2)
    expect(server.state.posts.map((x) => x.body.message)).toEqual(['hello', 'half a thought'])
    expect(server.state.posts[0].body.sessionId).not.toBe(server.state.posts[1].body.sessionId)
    await p.close()
  })
})

describe('two widgets on one page', () => {
  it('an inline and a floating element, two backends: separate conversations, shadow roots, focus and Escape', async () => {
    // Two bots: the same dev server under its two origins (a conversation is kept per api-url).
    const body = `<main><h1>Shop</h1>
<talkdock-widget id="a" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="Inline Bot" inline style="display:block;width:380px;height:480px"></talkdock-widget></main>
<talkdock-widget id="b" api-url="${server.pageOrigin}" api-key="${KEY}" bot-name="Floating Bot" position="bottom-left"></talkdock-widget>` + scriptTag(server)
    const p = await hostPage(context, server, body, '/two.html')
    await p.goto(`${server.pageOrigin}/two.html`)
    // The script tag (no data-manual) boots its own floating widget too: three in all.
    const a = p.locator('#a')
    const b = p.locator('#b')
    await visible(a.getByRole('dialog', { name: 'Inline Bot' }))
    await visible(b.getByRole('button', { name: 'Open chat' }))
    await expect.poll(() => p.locator('talkdock-widget').count()).toBe(3)
    expect(await p.evaluate(() => document.getElementById('a')!.shadowRoot !== document.getElementById('b')!.shadowRoot)).toBe(true)

    await a.getByRole('textbox', { name: 'Message' }).fill('hello')
    await a.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect.poll(() => a.getByRole('log').textContent()).toContain('I am Amara')

    await b.getByRole('button', { name: 'Open chat' }).click()
    const bInput = b.getByRole('textbox', { name: 'Message' })
    await visible(b.getByRole('dialog', { name: 'Floating Bot' }))
    await expect.poll(() => isFocused(bInput)).toBe(true)
    // Separate conversation: the floating one starts empty.
    expect(await b.getByRole('log').textContent()).not.toContain('hello')
    await p.keyboard.type('ps5?')
    expect(await bInput.inputValue()).toBe('ps5?')
    expect(await a.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('')
    await p.keyboard.press('Enter')
    await expect.poll(() => b.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    expect(await a.getByRole('log').textContent()).not.toContain('PlayStation')
    expect(server.state.posts.map((x) => x.body.message)).toEqual(['hello', 'ps5?'])
    expect(new Set(server.state.posts.map((x) => x.body.sessionId)).size).toBe(2)

    // Escape closes the floating one only; focus goes back to its own launcher.
    await bInput.focus()
    await p.keyboard.press('Escape')
    await hidden(b.getByRole('dialog'))
    await visible(a.getByRole('dialog', { name: 'Inline Bot' }))
    await expect.poll(() => isFocused(b.getByRole('button', { name: 'Open chat' }))).toBe(true)

    // Reloaded: each conversation comes back in its own widget.
    await p.reload()
    await expect.poll(() => a.getByRole('log').textContent()).toContain('I am Amara')
    expect(await a.getByRole('log').textContent()).not.toContain('PlayStation')
    await p.close()
  })

  it('two elements on the same api-url with different ids keep separate conversations, also after a reload', async () => {
    const body = `<talkdock-widget id="sales" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="Sales" inline style="display:block;width:380px;height:420px"></talkdock-widget>
<talkdock-widget id="support" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="Support" inline style="display:block;width:380px;height:420px"></talkdock-widget>
<script src="${server.scriptOrigin}/talkdock.js" data-manual async></script>`
    const p = await hostPage(context, server, body, '/same-backend.html')
    await p.goto(`${server.pageOrigin}/same-backend.html`)
    const sales = p.locator('#sales')
    const support = p.locator('#support')
    await visible(sales.getByRole('dialog', { name: 'Sales' }))
    await visible(support.getByRole('dialog', { name: 'Support' }))
    await sales.getByRole('textbox', { name: 'Message' }).fill('ps5?')
    await sales.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect.poll(() => sales.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    await support.getByRole('textbox', { name: 'Message' }).fill('hello')
    await support.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect.poll(() => support.getByRole('log').textContent()).toContain('I am Amara')
    expect(await support.getByRole('log').textContent()).not.toContain('ps5?')
    expect(await sales.getByRole('log').textContent()).not.toContain('hello')
    // Two sessions, and each request carried only its own widget's history.
    expect(new Set(server.state.posts.map((x) => x.body.sessionId)).size).toBe(2)
    expect(server.state.posts[1].body.history).toEqual([])

    await p.reload()
    await expect.poll(() => sales.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    await expect.poll(() => support.getByRole('log').textContent()).toContain('I am Amara')
    expect(await sales.getByRole('log').textContent()).not.toContain('hello')
    expect(await support.getByRole('log').textContent()).not.toContain('ps5?')
    await p.close()
  })
})

describe('the element chunk (talkdock-element.js, loaded with the first element)', () => {
  /** Runs before any page script: records talkdock-error events, page errors and unhandled rejections. */
  const WATCH = () => {
    const w = window as any
    w.__errs = []
    w.__thrown = []
    document.addEventListener('talkdock-error', (e: any) => w.__errs.push([e.detail?.code, e.detail?.message, (e.target as HTMLElement).id, e.bubbles, e.composed]))
    window.addEventListener('error', (e) => w.__thrown.push(String(e.message)))
    window.addEventListener('unhandledrejection', (e) => w.__thrown.push(String(e.reason)))
  }

  it('not loaded: a talkdock-error load_failed on the element, nothing thrown into the page, a later call or change tries again', async () => {
    await context.addInitScript(WATCH)
    let blocked = true
    const asked: string[] = []
    await context.route(/talkdock-element\.js/, (r) => (asked.push(r.request().url()), blocked ? r.fulfill({ status: 404, body: '' }) : r.continue()))
    const element = `<talkdock-widget id="w" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="Shop Bot" inline style="display:block;height:480px"></talkdock-widget>`
    const p = await hostPage(context, server, element + scriptTag(server, 'data-manual'), '/element-fail.html')
    const pageErrors: string[] = []
    p.on('pageerror', (e) => pageErrors.push(e.message))
    await p.goto(`${server.pageOrigin}/element-fail.html`)
    await expect.poll(() => p.evaluate(() => (window as any).__errs)).toEqual([['load_failed', expect.stringMatching(/could not load/i), 'w', true, true]])
    expect(asked).toHaveLength(1)
    // The chunk carries the script's version, like the other chunks.
    expect(asked[0]).toMatch(/talkdock-element\.js\?v=/)
    expect(await p.evaluate(() => !!document.getElementById('w')!.shadowRoot)).toBe(false)
    expect(await p.evaluate(() => typeof (window as any).TalkDock.init)).toBe('function')
    // A method call tries again; failing again, the voice call still resolves (nothing to reject into the page).
    expect(await p.evaluate(() => (document.getElementById('w') as any).startVoice().then(() => 'resolved'))).toBe('resolved')
    expect(asked).toHaveLength(2)
    expect(await p.evaluate(() => (window as any).__errs.length)).toBe(2)

    // Loadable again: the element's next change loads it and the element mounts.
    blocked = false
    await p.evaluate(() => document.getElementById('w')!.setAttribute('bot-name', 'Second try'))
    await visible(p.getByRole('dialog', { name: 'Second try' }))
    expect(asked).toHaveLength(3)
    expect(await p.evaluate(() => (window as any).__errs.length)).toBe(2)
    expect(await p.evaluate(() => (window as any).__thrown)).toEqual([])
    expect(pageErrors).toEqual([])
    await p.close()
  })

  it('while it loads: properties set apply, method calls are made in order once it is there, and a page without elements never fetches it', async () => {
    await context.addInitScript(WATCH)
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    await context.route(/talkdock-element\.js/, async (r) => {
      await held
      await r.continue()
    })
    const element = `<talkdock-widget id="w" api-url="${server.scriptOrigin}" api-key="${KEY}" bot-name="From attribute" inline style="display:block;height:480px"></talkdock-widget>`
    const p = await hostPage(context, server, element + scriptTag(server, 'data-manual'), '/element-early.html')
    // Not waiting for `load`: the held chunk holds it back.
    await p.goto(`${server.pageOrigin}/element-early.html`, { waitUntil: 'domcontentloaded' })
    await p.waitForFunction(() => (window as any).TalkDock?.on)
    const before = await p.evaluate(() => {
      const el = document.getElementById('w') as any
      el.botName = 'From property'
      el.strings = { send: 'Go' }
      el.send('first')
      el.send('second')
      return { mounted: !!el.shadowRoot, botName: el.botName }
    })
    // Not mounted yet (the chunk is held back); the property reads back.
    expect(before).toEqual({ mounted: false, botName: 'From property' })
    release()
    await visible(p.getByRole('dialog', { name: 'From property' }))
    await visible(p.getByRole('button', { name: 'Go' }))
    await expect.poll(() => server.state.posts.length).toBe(2)
    expect(posts().map((b) => b.message)).toEqual(['first', 'second'])
    expect(await p.evaluate(() => (window as any).__errs)).toEqual([])
    await p.close()

    // The script tag's own floating widget (its host is a talkdock-widget too) loads no element chunk.
    const fetched: string[] = []
    const q = await hostPage(context, server, scriptTag(server, 'data-bot-name="Amara"'), '/no-element.html')
    q.on('request', (r) => void (/talkdock-element/.test(r.url()) && fetched.push(r.url())))
    await q.goto(`${server.pageOrigin}/no-element.html`)
    await q.waitForFunction(() => (window as any).TalkDock?.on)
    await q.evaluate(() => (window as any).TalkDock.open())
    await visible(q.getByRole('dialog', { name: 'Amara' }))
    expect(await q.locator('talkdock-widget').count()).toBe(1)
    expect(fetched).toEqual([])
    await q.close()
  })
})
