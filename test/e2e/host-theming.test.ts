/**
 * Theming, placement and embedding modes in real Chromium: brand options and
 * page-set custom properties, light/dark/auto, customCss, bottom-left with
 * offsets, launcher text, greeting and starter prompts, inline mode (a
 * `<talkdock-widget inline>` on the page or `data-container`), and the
 * TradeZoneChatEnhanced compatibility entry.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from '../helpers/browser'
import { API_KEY, hidden, shadowStyle, visible } from '../helpers/e2e'
import { context, newContext, server, useE2E } from '../helpers/session'
import { openFixture } from '../fixtures/hosts/serve'

useE2E({ context: { viewport: { width: 1280, height: 800 } }, page: false })

/**
 * Opens the panel. A later page of the same site may reopen it by itself (that state
 * is remembered, and applied just after the launcher's first paint), so a click on the
 * launcher could race it: open through the API, which does nothing when already open.
 */
const open = async (page: Page) => {
  await page.waitForFunction(() => (window as unknown as { TalkDock?: { version?: string } }).TalkDock?.version)
  await page.evaluate(() => (window as unknown as { TalkDock: { open(): void } }).TalkDock.open())
  await visible(page.getByRole('textbox', { name: 'Message' }))
}

describe('theming', () => {
  it('brand options set the custom properties; a light brand colour gets dark text', async () => {
    const page = await openFixture(context, server, 'shop', {
      attrs: `data-primary-color="#fde047" data-text-color="#1e293b" data-background-color="#fffbeb" data-font-family="Verdana, sans-serif" data-radius="6"`,
    })
    await open(page)
    expect(await shadowStyle(page, '.td-header', ['background-color'])).toEqual({ 'background-color': 'rgb(253, 224, 71)' })
    expect((await shadowStyle(page, '.td-header', ['color'])).color).toMatch(/^(rgb\(0, 0, 0\)|lch\(0 0 0\))$/)
    expect(await shadowStyle(page, '.td-panel', ['background-color', 'color', 'border-top-left-radius', 'font-family'])).toEqual({
      'background-color': 'rgb(255, 251, 235)',
      color: 'rgb(30, 41, 59)',
      'border-top-left-radius': '6px',
      'font-family': 'Verdana, sans-serif',
    })
    // The default blue keeps white text.
    const plain = await openFixture(context, server, 'shop')
    await open(plain)
    expect((await shadowStyle(plain, '.td-header', ['color'])).color).toMatch(/^(rgb\(255, 255, 255\)|lch\(100 0 0\))$/)
  })

  it('a page can theme it from its own CSS; customCss is applied last', async () => {
    const page = await openFixture(context, server, 'shop', {
      attrs: `data-custom-css=".td-name{letter-spacing:2px}.td-panel{border-radius:0}"`,
      script: undefined,
    })
    await page.addStyleTag({ content: 'talkdock-widget{--td-primary:#065f46;--td-shadow:none}' })
    await open(page)
    expect(await shadowStyle(page, '.td-header', ['background-color'])).toEqual({ 'background-color': 'rgb(6, 95, 70)' })
    expect(await shadowStyle(page, '.td-panel', ['box-shadow', 'border-top-left-radius'])).toEqual({ 'box-shadow': 'none', 'border-top-left-radius': '0px' })
    expect(await shadowStyle(page, '.td-name', ['letter-spacing'])).toEqual({ 'letter-spacing': '2px' })
  })

  it('theme dark, and auto following prefers-color-scheme', async () => {
    const dark = await openFixture(context, server, 'shop', { attrs: 'data-theme="dark"' })
    await open(dark)
    expect(await shadowStyle(dark, '.td-panel', ['background-color'])).toEqual({ 'background-color': 'rgb(17, 24, 39)' })
    await newContext({ colorScheme: 'dark' })
    const auto = await openFixture(context, server, 'shop', { attrs: 'data-theme="auto"' })
    await open(auto)
    expect(await shadowStyle(auto, '.td-panel', ['background-color'])).toEqual({ 'background-color': 'rgb(17, 24, 39)' })
    const light = await openFixture(context, server, 'shop', { attrs: 'data-theme="light"' })
    await open(light)
    expect(await shadowStyle(light, '.td-panel', ['background-color'])).toEqual({ 'background-color': 'rgb(255, 255, 255)' })
  })
})

describe('placement and launcher', () => {
  it('bottom-left with offsets; launcher text; greeting and starter prompts that send', async () => {
    const page = await openFixture(context, server, 'shop', {
      attrs: `data-position="bottom-left" data-offset-x="32" data-offset-y="48" data-launcher-text="Ask Amara" data-bot-name="Amara" data-greeting="Hi! How can I help?" data-starter-prompts="Do you have the PS5?|Trade-in my Switch"`,
    })
    const launcher = page.getByRole('button', { name: 'Ask Amara' })
    await visible(launcher)
    const box = (await launcher.boundingBox())!
    expect(box.x).toBe(32)
    expect(Math.round(box.y + box.height)).toBe(800 - 48)
    expect(box.width).toBeGreaterThan(100)
    await launcher.click()
    await visible(page.getByText('Hi! How can I help?'))
    const panel = (await page.getByRole('dialog').boundingBox())!
    expect(panel.x).toBe(32)
    await page.getByRole('group', { name: 'Suggested questions' }).getByRole('button', { name: 'Do you have the PS5?' }).click()
    await expect.poll(() => page.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    expect(server.state.posts.map((p) => p.body.message)).toEqual(['Do you have the PS5?'])
    await hidden(page.getByRole('group', { name: 'Suggested questions' }))
  })
})

describe('inline mode', () => {
  it('a <talkdock-widget inline> on the page renders the panel inside it, at its size', async () => {
    const page = await openFixture(context, server, 'inline')
    const dialog = page.getByRole('dialog')
    await visible(dialog)
    const section = (await page.locator('#help').boundingBox())!
    const box = (await dialog.boundingBox())!
    expect(box).toEqual(section)
    expect(await page.locator('talkdock-widget').count()).toBe(1)
    await page.getByRole('textbox', { name: 'Message' }).fill('ps5?')
    await page.getByRole('textbox', { name: 'Message' }).press('Enter')
    await expect.poll(() => page.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    // destroy() + init() reuses the page's element.
    await page.evaluate(() => {
      const w = window as unknown as { TalkDock: { destroy(): void; init(c: object): void } }
      w.TalkDock.destroy()
      w.TalkDock.init({})
    })
    await visible(page.getByRole('dialog'))
    expect(await page.locator('talkdock-widget').count()).toBe(1)
  })

  it('data-container renders inside the element a selector names', async () => {
    const page = await openFixture(context, server, 'shop', {
      script: `<div id="chat" style="width:420px;height:480px"></div><script src="${server.scriptOrigin}/talkdock.js" data-container="#chat" data-api-key="${API_KEY}" async></script>`,
    })
    const dialog = page.getByRole('dialog')
    await visible(dialog)
    expect(await dialog.boundingBox()).toEqual(await page.locator('#chat').boundingBox())
  })
})

describe('migration from the old widget', () => {
  it('TradeZoneChatEnhanced.init({...}) with only the script URL changed gives a TalkDock widget', async () => {
    const page = await openFixture(context, server, 'tradezone-legacy')
    const launcher = page.getByRole('button', { name: 'Open chat' })
    await visible(launcher)
    expect(await page.locator('talkdock-widget').count()).toBe(1)
    expect((await launcher.boundingBox())!.x).toBe(20) // bottom-left
    await launcher.click()
    await visible(page.getByRole('dialog', { name: 'Izacc' }))
    await visible(page.getByText('TradeZone assistant'))
    await visible(page.getByText('Hi! Ask me about trade-ins.'))
    const box = page.getByRole('textbox', { name: 'Message' })
    expect(await box.getAttribute('placeholder')).toBe('Ask Izacc…')
    expect(await shadowStyle(page, '.td-header', ['background-color'])).toEqual({ 'background-color': 'rgb(124, 58, 237)' })
    await box.fill('ps5?')
    await box.press('Enter')
    await expect.poll(() => page.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    // Chunks come from the compat script's folder with its ?v=.
    expect(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('talkdock-panel')))).toEqual([
      `${server.scriptOrigin}/talkdock-panel.js?v=legacy1`,
    ])
    expect(await page.evaluate(() => typeof (window as unknown as { TalkDock: { open: unknown } }).TalkDock.open)).toBe('function')
  })
})
