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

  it('the launcher sits 20px from the corner, and moves in by the safe-area insets; the full-screen panel pads by them', async () => {
    const page = await openFixture(context, server, 'mobile')
    const launcher = page.getByRole('button', { name: 'Open chat' })
    const gap = async () => {
      const box = (await launcher.boundingBox())!
      return { right: 390 - (box.x + box.width), bottom: 844 - (box.y + box.height) }
    }
    expect(await gap()).toEqual({ right: 20, bottom: 20 })

    // A phone with a notch and a home indicator: Chromium reports these insets to env(safe-area-inset-*).
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 47, right: 12, bottom: 34, left: 8 } })
    // The page itself sees them (so a zero below would be the widget's fault, not the emulation's).
    const seen = await page.evaluate(() => {
      const probe = document.createElement('div')
      probe.style.cssText = 'position:fixed;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)'
      document.body.append(probe)
      const cs = getComputedStyle(probe)
      const out = [cs.paddingTop, cs.paddingRight, cs.paddingBottom, cs.paddingLeft]
      probe.remove()
      return out
    })
    expect(seen).toEqual(['47px', '12px', '34px', '8px'])
    await expect.poll(gap).toEqual({ right: 20 + 12, bottom: 20 + 34 })

    // The full-screen panel keeps its header and composer out of the notch and the home indicator.
    await launcher.tap()
    await visible(input(page))
    const padding = await page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('talkdock-widget')!.shadowRoot!.querySelector('.td-panel')!)
      return [cs.paddingTop, cs.paddingRight, cs.paddingBottom, cs.paddingLeft]
    })
    expect(padding).toEqual(['47px', '12px', '34px', '8px'])
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: {} })
  })
})
