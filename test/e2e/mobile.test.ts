/**
 * Phones, in Chromium's mobile emulation (390×844, touch): the panel fills the
 * screen, the composer stays above the on-screen keyboard (the visual viewport),
 * inputs are 16px so iOS does not zoom, the host page neither scrolls nor gets
 * its viewport meta changed.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from '../helpers/browser'
import { hidden, isFocused, visible } from '../helpers/e2e'
import { context, server, useE2E } from '../helpers/session'
import { openFixture } from '../fixtures/hosts/serve'

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }

useE2E({ context: PHONE, page: false })

const input = (page: Page) => page.getByRole('textbox', { name: 'Message' })

/** Where the composer is, and the visual viewport it must fit in. */
function composerFit(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('talkdock-widget')!.shadowRoot!
    const c = root.querySelector('.td-composer')!.getBoundingClientRect()
    const vv = window.visualViewport!
    return { top: c.top, bottom: c.bottom, vvTop: vv.offsetTop, vvBottom: vv.offsetTop + vv.height }
  })
}

describe('mobile', () => {
  it('full-screen panel, 16px input, no scroll jump, no viewport meta change, composer above the keyboard', async () => {
    const page = await openFixture(context, server, 'mobile')
    const metaBefore = await page.evaluate(() => [...document.querySelectorAll('meta[name=viewport]')].map((m) => m.getAttribute('content')))
    await page.evaluate(() => window.scrollTo(0, 1500))
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(1500)

    const launcher = page.getByRole('button', { name: 'Open chat' })
    const lb = (await launcher.boundingBox())!
    expect(lb.width).toBeGreaterThanOrEqual(44) // touch target
    await launcher.tap()
    await visible(input(page))
    expect(await page.getByRole('dialog').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 })
    await expect.poll(() => isFocused(input(page))).toBe(true)
    const fontSize = await input(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(fontSize).toBeGreaterThanOrEqual(16)
    expect(await page.evaluate(() => window.scrollY)).toBe(1500)

    // The on-screen keyboard takes ~40% of the screen: the layout and visual viewport shrink.
    await page.setViewportSize({ width: 390, height: 500 })
    // The panel follows the visual viewport's resize event, which fires at the next frame: poll until it has.
    await expect.poll(async () => {
      const f = await composerFit(page)
      return f.vvBottom === 500 && f.bottom <= f.vvBottom && f.top >= f.vvTop
    }).toBe(true)
    await input(page).fill('Do you have the PS5?')
    await input(page).press('Enter')
    await expect.poll(() => page.getByRole('log').textContent()).toContain('PlayStation 5 Slim')

    // iOS-style: only the visual viewport shrinks and moves (here by pinch-zoom): the panel follows it.
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 })
    await expect.poll(() => page.evaluate(() => Math.round(window.visualViewport!.height))).toBe(250)
    await expect.poll(async () => {
      const f = await composerFit(page)
      return f.bottom <= f.vvBottom + 0.5 && f.top >= f.vvTop - 0.5
    }).toBe(true)
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 })

    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByRole('button', { name: 'Close chat' }).tap()
    await hidden(page.getByRole('dialog'))
    expect(await page.evaluate(() => window.scrollY)).toBe(1500)
    const metaAfter = await page.evaluate(() => [...document.querySelectorAll('meta[name=viewport]')].map((m) => m.getAttribute('content')))
    expect(metaAfter).toEqual(metaBefore)
  })

  it('the launcher respects the safe-area inset and sits 20px from the corner', async () => {
    const page = await openFixture(context, server, 'mobile')
    const box = (await page.getByRole('button', { name: 'Open chat' }).boundingBox())!
    expect({ right: 390 - (box.x + box.width), bottom: 844 - (box.y + box.height) }).toEqual({ right: 20, bottom: 20 })
  })
})
