/**
 * Accessibility in real Chromium: axe-core on the open panel (with a conversation,
 * with an error, in voice mode, in dark theme and right-to-left), focus
 * management, keyboard, the polite live region, reduced motion.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { MEDIA_FLAGS, type Page } from '../helpers/browser'
import { hidden, isFocused, setMode, visible } from '../helpers/e2e'
import { context, newContext, server, useE2E } from '../helpers/session'
import { openFixture } from '../fixtures/hosts/serve'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

useE2E({ args: MEDIA_FLAGS, context: { viewport: { width: 1280, height: 900 } }, page: false })

const launcher = (page: Page) => page.getByRole('button', { name: 'Open chat', exact: true })
const input = (page: Page) => page.getByRole('textbox', { name: 'Message' })
const log = (page: Page) => page.getByRole('log')

interface AxeResult {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** axe-core over the whole page (shadow DOM included); serious and critical violations only. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeResult[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    })
    return r.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`)
}

async function conversation(page: Page): Promise<void> {
  await launcher(page).click()
  await visible(input(page))
  await input(page).fill('Do you have the PS5?')
  await input(page).press('Enter')
  await expect.poll(() => log(page).textContent()).toContain('PlayStation 5 Slim')
}

describe('axe-core: zero serious or critical violations', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`open panel with a conversation (${theme})`, async () => {
      const page = await openFixture(context, server, 'shop', { attrs: `data-bot-name="Amara" data-theme="${theme}" data-greeting="Hi!" data-starter-prompts="PS5 price?|Trade-in"` })
      await launcher(page).click()
      await visible(input(page))
      expect(await axe(page)).toEqual([]) // empty conversation: greeting and starter prompts
      await page.getByRole('button', { name: 'PS5 price?' }).click()
      await expect.poll(() => log(page).textContent()).toContain('PlayStation 5 Slim')
      expect(await axe(page)).toEqual([])
    })

    it(`with an error and Retry shown (${theme})`, async () => {
      const page = await openFixture(context, server, 'shop', { attrs: `data-bot-name="Amara" data-theme="${theme}"` })
      await setMode(server, '500', { times: 1 })
      await launcher(page).click()
      await input(page).fill('hello')
      await input(page).press('Enter')
      await visible(page.getByRole('button', { name: 'Retry' }))
      expect(await axe(page)).toEqual([])
    })
  }

  it('right-to-left (ar) with a conversation', async () => {
    const page = await openFixture(context, server, 'rtl')
    await page.getByRole('button', { name: 'فتح الدردشة' }).click()
    await page.getByRole('textbox', { name: 'رسالة' }).fill('PS5?')
    await page.getByRole('textbox', { name: 'رسالة' }).press('Enter')
    await expect.poll(() => log(page).textContent()).toContain('PlayStation 5 Slim')
    expect(await axe(page)).toEqual([])
  })

  it('in voice mode', async () => {
    const voice = (server.state as unknown as { voice: { livekit(): Promise<unknown> } }).voice
    await voice.livekit()
    const page = await openFixture(context, server, 'shop', { attrs: 'data-bot-name="Amara" data-enable-voice="true"' })
    await launcher(page).click()
    await visible(input(page))
    // With enableVoice the header has "Start voice": without it, this check fails (it never skips).
    const start = page.getByRole('button', { name: 'Start voice' })
    await visible(start)
    await start.click()
    const cont = page.getByRole('button', { name: 'Continue' })
    await visible(cont)
    expect(await axe(page)).toEqual([]) // the first-time microphone notice
    await cont.click()
    await visible(page.getByRole('button', { name: 'End voice' }), 20_000)
    await page.waitForTimeout(500)
    expect(await axe(page)).toEqual([])
    // Toggle buttons in the voice bar expose their state.
    const mute = page.getByRole('button', { name: 'Mute microphone' })
    expect(await mute.getAttribute('aria-pressed')).toBe('false')
    await mute.click()
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('true')
    await page.getByRole('button', { name: 'End voice' }).click()
  })
})

describe('focus and keyboard', () => {
  it('focus moves into the dialog on open, back to the launcher on close; Esc closes', async () => {
    const page = await openFixture(context, server, 'shop')
    await launcher(page).focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Amara' })
    await visible(dialog)
    await expect.poll(() => isFocused(input(page))).toBe(true)
    await page.keyboard.press('Escape')
    await hidden(dialog)
    await expect.poll(() => isFocused(launcher(page))).toBe(true)
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('Enter')
    await visible(dialog)
    // The launcher hides while the panel is open; it still says so.
    expect(await page.locator('.td-launcher').getAttribute('aria-expanded')).toBe('true')
    await page.getByRole('button', { name: 'Close chat' }).click()
    await expect.poll(() => isFocused(launcher(page))).toBe(true)
  })

  it('Tab order is header → conversation → composer, each with a visible focus indicator', async () => {
    const page = await openFixture(context, server, 'shop')
    await conversation(page)
    await input(page).focus()
    const seen: string[] = []
    while (seen.length < 20 && seen.at(-1) !== 'New conversation') {
      await page.keyboard.press('Shift+Tab')
      seen.push(
        await page.evaluate(() => {
          const el = document.querySelector('talkdock-widget')!.shadowRoot!.activeElement as HTMLElement | null
          if (!el) return 'left the widget'
          const cs = getComputedStyle(el)
          const styled = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none'
          return `${el.getAttribute('aria-label') ?? el.tagName}${styled ? '' : ' (NO FOCUS STYLE)'}`
        }),
      )
    }
    // Backwards from the composer: whatever the reply offers (quick replies, card links), the log, then the header.
    expect(seen.slice(-3)).toEqual(['Conversation', 'Close chat', 'New conversation'])
    expect(seen.filter((s) => s.includes('NO FOCUS STYLE'))).toEqual([])
  })
})

describe('screen reader announcements', () => {
  it('the log is not live; a polite live region says each completed reply once, not each streamed token', async () => {
    const page = await openFixture(context, server, 'shop')
    await setMode(server, 'normal', { stream: true })
    await launcher(page).click()
    expect(await log(page).getAttribute('aria-live')).toBe('off')
    // Record every text the live region ever holds.
    await page.evaluate(() => {
      const region = document.querySelector('talkdock-widget')!.shadowRoot!.querySelector('[aria-live=polite]')!
      const w = window as unknown as { __said: string[] }
      w.__said = []
      new MutationObserver(() => w.__said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true })
    })
    await input(page).fill('Do you have the PS5?')
    await input(page).press('Enter')
    await expect.poll(() => log(page).textContent()).toContain('PlayStation 5 Slim')
    await expect.poll(() => page.evaluate(() => (window as unknown as { __said: string[] }).__said.filter(Boolean))).toHaveLength(1)
    const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said.filter(Boolean))
    expect(said[0]).toMatch(/^Amara: \S/)
  })
})

describe('motion', () => {
  it('prefers-reduced-motion: no transitions or animations', async () => {
    await newContext({ reducedMotion: 'reduce' })
    const page = await openFixture(context, server, 'shop')
    await visible(launcher(page))
    const launcherMotion = await page.evaluate(() => {
      const el = document.querySelector('talkdock-widget')!.shadowRoot!.querySelector('.td-launcher')!
      return getComputedStyle(el).transitionDuration
    })
    expect(launcherMotion).toBe('0s')
  })
})
