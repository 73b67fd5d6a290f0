/**
 * Hostile host pages in real Chromium: a strict CSP (with and without Trusted
 * Types, and the nonce fallback), aggressive global CSS with a full-page overlay,
 * patched prototypes with an AMD loader and the script twice, and a single-page
 * app that destroys and re-creates the widget. Each fixture is a file in
 * test/fixtures/hosts/; the widget always loads from the other origin.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from '../helpers/browser'
import { API_KEY, hidden, shadowStyle, visible } from '../helpers/e2e'
import { context, newContext, server, useE2E } from '../helpers/session'
import { openFixture, recordViolations, violations } from '../fixtures/hosts/serve'

useE2E({ page: false })

const launcher = (page: Page) => page.getByRole('button', { name: 'Open chat', exact: true })
const input = (page: Page) => page.getByRole('textbox', { name: 'Message' })

/** Opens the chat, sends `text` and waits for the reply to contain `expected`. */
async function chat(page: Page, text = 'Do you have the PS5?', expected = 'PlayStation 5 Slim'): Promise<void> {
  if (!(await input(page).isVisible())) await launcher(page).click()
  await visible(input(page))
  await input(page).fill(text)
  await input(page).press('Enter')
  await expect.poll(() => page.getByRole('log').textContent()).toContain(expected)
}

async function widgetCount(page: Page): Promise<number> {
  return page.locator('talkdock-widget').count()
}

describe('strict Content-Security-Policy', () => {
  // Images: https, and the demo backend's own product images (served by the API origin, plain http locally).
  const csp = (extra = '') =>
    `default-src 'self'; script-src 'self' ${server.scriptOrigin}; style-src 'self'; connect-src 'self' ${server.scriptOrigin}; img-src 'self' https: ${server.scriptOrigin}${extra}`

  it('no unsafe-inline, no unsafe-eval, no blob: — styled and working, zero violations', async () => {
    await recordViolations(context)
    const page = await openFixture(context, server, 'shop', { headers: { 'Content-Security-Policy': csp() } })
    await visible(launcher(page))
    expect(await shadowStyle(page, '.td-launcher', ['width', 'height', 'background-color'])).toEqual({
      width: '56px',
      height: '56px',
      'background-color': 'rgb(37, 99, 235)',
    })
    await chat(page)
    expect(await shadowStyle(page, '.td-panel', ['width', 'border-top-left-radius'])).toEqual({ width: '380px', 'border-top-left-radius': '16px' })
    expect(await violations(page)).toEqual([])
  })

  it("under require-trusted-types-for 'script' (policy `talkdock`) it loads its chunks and works", async () => {
    await recordViolations(context)
    const page = await openFixture(context, server, 'shop', {
      headers: { 'Content-Security-Policy': csp("; require-trusted-types-for 'script'; trusted-types talkdock") },
    })
    await chat(page)
    expect(await violations(page)).toEqual([])
  })

  it('a locale chunk loads under the same CSP and Trusted Types', async () => {
    await recordViolations(context)
    const page = await openFixture(context, server, 'shop', {
      attrs: 'data-locale="zh"',
      headers: { 'Content-Security-Policy': csp("; require-trusted-types-for 'script'; trusted-types talkdock") },
    })
    await visible(page.getByRole('button', { name: '打开聊天' }))
    expect(await violations(page)).toEqual([])
  })

  it('without constructable stylesheets, the `nonce` option styles it under style-src with a nonce', async () => {
    await recordViolations(context)
    await context.addInitScript(() => {
      // An older browser: no constructable stylesheets.
      ;(CSSStyleSheet.prototype as unknown as { replaceSync: unknown }).replaceSync = undefined
    })
    const nonce = 'r4nd0mN0nce'
    const page = await openFixture(context, server, 'shop', {
      attrs: `data-nonce="${nonce}"`,
      headers: { 'Content-Security-Policy': csp().replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`) },
    })
    await visible(launcher(page))
    expect(await shadowStyle(page, '.td-launcher', ['width', 'background-color'])).toEqual({ width: '56px', 'background-color': 'rgb(37, 99, 235)' })
    await chat(page)
    expect(await shadowStyle(page, '.td-panel', ['width'])).toEqual({ width: '380px' })
    expect(await violations(page)).toEqual([])
  })
})

describe('aggressive global CSS', () => {
  it('62.5% root font, * { all: revert }, button { display: none !important }, div { position: absolute } and a max z-index overlay change nothing', async () => {
    await newContext({ viewport: { width: 1280, height: 800 } })
    const page = await openFixture(context, server, 'hostile-css')
    await visible(launcher(page))
    // Same size and place as on a clean page: 56×56, 20px from the bottom-right corner.
    const box = (await launcher(page).boundingBox())!
    expect(box).toEqual({ x: 1280 - 20 - 56, y: 800 - 20 - 56, width: 56, height: 56 })
    // Above the page's overlay (z-index 2147483647, later in the DOM): a real click at its centre reaches it.
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [box.x + 28, box.y + 28])
    expect(hit).toBe('TALKDOCK-WIDGET')
    await page.mouse.click(box.x + 28, box.y + 28)
    await visible(input(page))
    expect(await shadowStyle(page, '.td-panel', ['width', 'height', 'font-size', 'position'])).toEqual({
      width: '380px',
      height: '600px',
      'font-size': '14px',
      position: 'static',
    })
    expect(await shadowStyle(page, '.td-input', ['font-size'])).toEqual({ 'font-size': '16px' })
    expect(await shadowStyle(page, '.td-name', ['font-size', 'font-family'])).toMatchObject({ 'font-size': '16px' })
    expect((await shadowStyle(page, '.td-name', ['font-family']))['font-family']).not.toContain('Georgia')
    await chat(page)
    expect(await shadowStyle(page, '.td-bubble', ['font-size', 'line-height'])).toEqual({ 'font-size': '14px', 'line-height': '20.3px' })
    await page.keyboard.press('Escape')
    await hidden(page.getByRole('dialog'))
  })
})

describe('patched prototypes, an AMD define, the script twice', () => {
  it('one working widget; history is still a JSON array; a reload restores the conversation', async () => {
    const page = await openFixture(context, server, 'patched')
    await visible(launcher(page))
    expect(await widgetCount(page)).toBe(1)
    await chat(page, 'hello', 'I am Amara')
    await chat(page, 'ps5?', 'PlayStation 5 Slim')
    expect(server.state.posts).toHaveLength(2)
    expect(server.state.posts[1].body.history).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: expect.stringContaining('I am Amara') },
    ])
    expect(await page.evaluate(() => (window as unknown as { __amdCalls?: number }).__amdCalls ?? 0)).toBe(0)
    // The page's Object.prototype junk is not rendered as attributes in the widget.
    expect(await page.evaluate(() => document.querySelector('talkdock-widget')!.shadowRoot!.querySelectorAll('[junk]').length)).toBe(0)
    await page.reload()
    await visible(input(page))
    await expect.poll(() => page.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    expect(await widgetCount(page)).toBe(1)
  })
})

describe('single-page app', () => {
  it('route changes with destroy() + init() leave exactly one working widget each time', async () => {
    const page = await openFixture(context, server, 'spa')
    await visible(launcher(page))
    for (const route of ['/products', '/cart', '/checkout']) {
      await page.evaluate(
        ([r, apiKey]) => {
          const w = window as unknown as { TalkDock: { destroy(): void; init(c: object): void } }
          history.pushState({}, '', r)
          document.getElementById('app')!.innerHTML = `<h1>${r}</h1>`
          w.TalkDock.destroy()
          w.TalkDock.init({ botName: 'Amara', apiKey })
        },
        [route, API_KEY],
      )
      await visible(launcher(page))
      expect(await widgetCount(page)).toBe(1)
    }
    await chat(page)
    expect(await page.getByRole('dialog').count()).toBe(1)
    expect(server.state.posts).toHaveLength(1)
  })
})

describe('a loader pasted inline into a document with an opaque base', () => {
  it('boots in a top-level about:blank page (no src, a base that cannot resolve one): the API exists, nothing throws', async () => {
    const page = await (await newContext()).newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const code = await (await fetch(`${server.scriptOrigin}/talkdock.js`)).text()
    expect(await page.evaluate(() => document.baseURI)).toBe('about:blank')
    await page.addScriptTag({ content: `${code}\nwindow.__ok = typeof window.TalkDock.init === 'function'` })
    expect(await page.evaluate(() => (window as unknown as { __ok?: boolean }).__ok)).toBe(true)
    expect(errors).toEqual([])
  })
})
