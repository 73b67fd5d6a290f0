/**
 * Languages in real Chromium: the default from the page's `lang` (else the
 * browser's), the `locale` option, the four shipped locales, per-string
 * overrides, localised error messages (the `error` event stays English), and a
 * right-to-left layout under `ar`. Non-English tables load as their own chunk.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from '../helpers/browser'
import { setMode, visible, withKey } from '../helpers/e2e'
import { context, newContext, server, useE2E } from '../helpers/session'
import { openFixture } from '../fixtures/hosts/serve'

let chunks: string[]

useE2E({
  page: false,
  onContext: (context) => {
    chunks = []
    context.on('page', (p) =>
      p.on('request', (r) => {
        if (/talkdock-[a-z-]+\.js/.test(r.url())) chunks.push(new URL(r.url()).pathname)
      }),
    )
  },
})

/** The page's <html lang>, via a tiny script before the widget's. */
function withLang(lang: string) {
  return `<script>document.documentElement.lang=${JSON.stringify(lang)}</script>`
}

const SHIPPED = {
  zh: { open: '打开聊天', message: '消息', send: '发送', close: '关闭聊天', retry: '重试', error: '我们这边出了点问题，请重试。' },
  ms: { open: 'Buka sembang', message: 'Mesej', send: 'Hantar', close: 'Tutup sembang', retry: 'Cuba lagi', error: 'Berlaku masalah di pihak kami. Sila cuba lagi.' },
  ta: { open: 'அரட்டையைத் திற', message: 'செய்தி', send: 'அனுப்பு', close: 'அரட்டையை மூடு', retry: 'மீண்டும் முயல்க', error: 'எங்கள் பக்கத்தில் ஏதோ தவறு நடந்தது. மீண்டும் முயலவும்.' },
} as const

async function page(attrs: string, before = ''): Promise<Page> {
  return openFixture(context, server, 'shop', { script: `${before}<script src="${server.scriptOrigin}/talkdock.js?v=loc1" ${withKey(attrs)} async></script>` })
}

describe('locales', () => {
  it('English by default: no locale chunk is loaded', async () => {
    const p = await page('data-bot-name="Amara"')
    await p.getByRole('button', { name: 'Open chat' }).click()
    await visible(p.getByRole('textbox', { name: 'Message' }))
    expect(await p.getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe('Type a message…')
    expect(chunks.filter((c) => c.includes('locale'))).toEqual([])
  })

  for (const [locale, t] of Object.entries(SHIPPED)) {
    it(`${locale}: from the page's lang; accessible names, placeholder and error messages change; the error event stays English`, async () => {
      const p = await page('data-bot-name="Amara"', withLang(`${locale}-SG`))
      await p.evaluate(() => {
        const w = window as unknown as { __errors: unknown[]; TalkDock: { on(e: string, f: (x: unknown) => void): void } }
        w.__errors = []
      })
      await p.getByRole('button', { name: t.open }).click()
      const box = p.getByRole('textbox', { name: t.message })
      await visible(box)
      await visible(p.getByRole('button', { name: t.close }))
      expect(await p.locator('talkdock-widget').getAttribute('lang')).toBe(locale)
      expect(chunks.filter((c) => c.includes('locale'))).toEqual([`/talkdock-locale-${locale}.js`])
      await p.evaluate(() => {
        const w = window as unknown as { __errors: unknown[]; TalkDock: { on(e: string, f: (x: unknown) => void): void } }
        w.TalkDock.on('error', (e) => w.__errors.push(e))
      })
      await setMode(server, '500', { times: 1 })
      await box.fill('hello')
      await p.getByRole('button', { name: t.send }).click()
      await visible(p.getByRole('button', { name: t.retry }))
      expect(await p.getByRole('alert').first().textContent()).toContain(t.error)
      const events = await p.evaluate(() => (window as unknown as { __errors: { code: string; message: string }[] }).__errors)
      expect(events[0]).toMatchObject({ code: 'server_error', message: 'Something went wrong on our side. Please try again.' })
    })
  }

  it("the browser's language when the page has no lang; the locale option wins over both", async () => {
    await newContext({ locale: 'ms-MY' })
    let p = await page('data-bot-name="Amara"', withLang(''))
    await visible(p.getByRole('button', { name: 'Buka sembang' }))
    p = await page('data-bot-name="Amara" data-locale="zh-Hans"', withLang('ta'))
    await visible(p.getByRole('button', { name: '打开聊天' }))
  })

  it('an unsupported language shows English; per-string overrides apply on top of any locale', async () => {
    let p = await page('data-bot-name="Amara"', withLang('fr-FR'))
    await visible(p.getByRole('button', { name: 'Open chat' }))
    p = await page(`data-bot-name="Amara" data-locale="zh" data-strings='{"send":"提交","openChat":"问问 Amara"}'`)
    await p.getByRole('button', { name: '问问 Amara' }).click()
    await visible(p.getByRole('button', { name: '提交' }))
    await visible(p.getByRole('textbox', { name: '消息' }))
  })

  it('server-provided messages are shown as they are', async () => {
    const p = await page('data-bot-name="Amara" data-locale="zh"')
    await setMode(server, '503', { times: 1 })
    await p.getByRole('button', { name: '打开聊天' }).click()
    await p.getByRole('textbox', { name: '消息' }).fill('hello')
    await p.getByRole('textbox', { name: '消息' }).press('Enter')
    await expect.poll(() => p.getByRole('log').textContent()).toContain('Daily usage limit reached. Please try again tomorrow.')
  })
})

describe('right-to-left', () => {
  it('under dir="rtl" with ar the panel mirrors: user messages on the left, assistant on the right', async () => {
    const p = await openFixture(context, server, 'rtl')
    await p.getByRole('button', { name: 'فتح الدردشة' }).click()
    const box = p.getByRole('textbox', { name: 'رسالة' })
    await box.fill('PS5?')
    await box.press('Enter')
    await expect.poll(() => p.getByRole('log').textContent()).toContain('PlayStation 5 Slim')
    expect(await p.locator('talkdock-widget').getAttribute('dir')).toBe('rtl')
    const layout = await p.evaluate(() => {
      const root = document.querySelector('talkdock-widget')!.shadowRoot!
      const log = root.querySelector('.td-log')!.getBoundingClientRect()
      const user = root.querySelector('.td-user .td-bubble')!.getBoundingClientRect()
      const bot = root.querySelector('.td-assistant .td-bubble')!.getBoundingClientRect()
      const header = getComputedStyle(root.querySelector('.td-header')!)
      return {
        userAtLeft: user.left - log.left < log.right - user.right,
        botAtRight: log.right - bot.right < bot.left - log.left,
        direction: header.direction,
        headerStart: header.paddingRight,
      }
    })
    expect(layout).toEqual({ userAtLeft: true, botAtRight: true, direction: 'rtl', headerStart: '16px' })
  })

  it('an English widget on an rtl page stays left-to-right', async () => {
    const p = await openFixture(context, server, 'rtl', { script: `<script src="${server.scriptOrigin}/talkdock.js" data-locale="en" async></script>` })
    await visible(p.getByRole('button', { name: 'Open chat' }))
    expect(await p.locator('talkdock-widget').getAttribute('dir')).toBe('ltr')
  })
})
