/**
 * The voice and attach chunks render on the panel's Preact (shared modules,
 * build.mjs): in real Chromium, voice started from the API on a panel that was
 * never opened gets the chunk's bar, and a chunk that fails to load still
 * explains itself with the panel's own message (voice: `load_failed`).
 */
import { beforeAll, expect, it } from 'vitest'
import { MEDIA_FLAGS, type Page } from '../helpers/browser'
import { hostPage, openChat, scriptTag, visible } from '../helpers/e2e'
import { context, server, useE2E } from '../helpers/session'

let page: Page
const VOICE = 'data-bot-name="Amara" data-enable-voice="true"'

useE2E({ args: MEDIA_FLAGS, page: false })
beforeAll(async () => {
  await (server.state as unknown as { voice: { livekit(): Promise<unknown> } }).voice.livekit()
})

async function load(block?: RegExp, attrs = VOICE) {
  if (block) await context.route(block, (r) => r.fulfill({ status: 404, body: '' }))
  page = await hostPage(context, server, scriptTag(server, attrs), '/lazy.html')
  await page.goto(`${server.pageOrigin}/lazy.html`)
  await page.waitForFunction(() => (window as any).TalkDock?.on)
  await page.evaluate(() => {
    const w = window as any
    w.__states = []
    w.__errors = []
    w.TalkDock.on('voicestate', (s: any) => w.__states.push(s.state))
    w.TalkDock.on('error', (e: any) => w.__errors.push(e.code))
  })
}

it('TalkDock.startVoice() on a panel that was never opened shows the chunk’s bar and ends cleanly', async () => {
  await load()
  await page.evaluate(() => (window as any).TalkDock.startVoice())
  await expect.poll(() => page.evaluate(() => (window as any).__states.at(-1)), { timeout: 15_000 }).toBe('listening')
  await visible(page.getByRole('button', { name: 'End voice' }))
  await visible(page.getByRole('button', { name: 'Mute microphone' }))
  await page.getByRole('button', { name: 'End voice' }).click()
  await expect.poll(() => page.evaluate(() => (window as any).__states.at(-1))).toBe('ended')
  await visible(page.getByRole('button', { name: 'Start voice' }))
  expect(await page.evaluate(() => (window as any).__errors)).toEqual([])
})

it('a voice chunk that does not load: a styled alert, error load_failed, Dismiss, and chat still works', async () => {
  await load(/talkdock-voice\.js/)
  await openChat(page)
  await page.getByRole('button', { name: 'Start voice' }).click()
  await expect.poll(() => page.evaluate(() => (window as any).__errors)).toEqual(['load_failed'])
  const alert = page.locator('.td-voice-error')
  await expect.poll(() => alert.textContent()).toMatch(/could not load/)
  expect(await alert.getAttribute('role')).toBe('alert')
  expect(await alert.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(185, 28, 28)')
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect.poll(() => alert.count()).toBe(0)
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('Hello')
  await box.press('Enter')
  await expect.poll(() => server.state.posts.length).toBe(1)
})

it('an attach chunk that does not load: the photo is refused with a message', async () => {
  await load(/talkdock-attach\.js/, 'data-bot-name="Amara"')
  await openChat(page)
  await page.locator('input[type=file]').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('x') })
  const alert = page.locator('.td-photo-error')
  await expect.poll(() => alert.textContent()).toBe('This photo could not be opened. Try a JPEG or PNG.')
  expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true)
})
