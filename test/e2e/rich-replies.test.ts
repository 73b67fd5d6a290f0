/**
 * Rich replies end to end in real Chromium (built dist/talkdock.js on a page of
 * another origin, dev server agent): markdown product listings become product
 * cards, structured `cards` render the same way, `suggestions` become quick-reply
 * buttons that send like typed messages, and links open in a new tab safely.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { OFFLINE_FLAGS } from '../helpers/browser'
import { hidden, openChat, visible } from '../helpers/e2e'
import { page, server, useE2E } from '../helpers/session'

// Product images on other hosts never load: no host but the dev server resolves (no request
// interception, so the dev server's real CORS checks apply).
useE2E({ args: OFFLINE_FLAGS })
beforeEach(async () => {
  await page.goto(`${server.pageOrigin}/`)
  await openChat(page)
})

const input = () => page.getByRole('textbox', { name: 'Message' })
const log = () => page.getByRole('log')
const reply = (body: unknown) => fetch(`${server.scriptOrigin}/__dev/reply`, { method: 'POST', body: JSON.stringify(body) })

describe('rich replies', () => {
  it('renders a TradeZone markdown listing as product cards (image, linked name, price)', async () => {
    await input().fill('Do you have the PS5 or a Nintendo Switch?')
    await input().press('Enter')
    const cards = log().locator('.td-card')
    await expect.poll(() => cards.count()).toBe(2)
    const ps5 = cards.first()
    const link = ps5.getByRole('link', { name: 'PlayStation 5 Slim' })
    expect(await link.getAttribute('href')).toBe('https://tradezone.sg/p/ps5')
    expect(await link.getAttribute('target')).toBe('_blank')
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(await ps5.locator('.td-card-price').textContent()).toBe('S$599')
    // The demo's product images are the dev server's own files: the demo works offline.
    expect(await ps5.locator('img').getAttribute('src')).toBe(`${server.scriptOrigin}/demo-img/ps5.svg`)
    await expect.poll(() => ps5.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240)
    // The rest of the reply is ordinary markdown around the cards.
    expect(await log().locator('.td-assistant p').first().textContent()).toBe('Here is what we have in stock:')
    // The raw markdown never shows.
    expect(await log().textContent()).not.toContain('](')
  })

  it('renders markdown constructs and structured cards; raw HTML shows as text', async () => {
    await reply({
      response: '## Trade-in\n\n**Bold** and *italic* with `code`:\n\n- one\n- two\n\n1. first\n2. second\n\n```\nconst x = 1\n```\n\n<b>not bold</b> [Shop](https://tradezone.sg) [bad](javascript:alert(1))',
      cards: [{ title: 'Steam Deck OLED', url: 'https://tradezone.sg/p/deck', imageUrl: 'https://img.example/deck.jpg', price: 'S$889', subtitle: '512GB' }, { title: 'No link', url: 'javascript:alert(1)' }],
    })
    await input().fill('hello there')
    await input().press('Enter')
    const bubble = log().locator('.td-assistant').last()
    await visible(bubble.locator('.td-card'))
    expect(await bubble.getByRole('heading', { name: 'Trade-in' }).count()).toBe(1)
    expect(await bubble.locator('strong').textContent()).toBe('Bold')
    expect(await bubble.locator('em').textContent()).toBe('italic')
    expect(await bubble.locator('p code').textContent()).toBe('code')
    expect(await bubble.locator('.td-md > ul > li').count()).toBe(2)
    expect(await bubble.locator('.td-md > ol > li').count()).toBe(2)
    expect(await bubble.locator('pre code').textContent()).toBe('const x = 1')
    expect(await bubble.textContent()).toContain('<b>not bold</b>')
    expect(await bubble.locator('b').count()).toBe(0)
    expect(await bubble.getByRole('link', { name: 'Shop' }).getAttribute('href')).toBe('https://tradezone.sg/')
    expect(await bubble.getByRole('link', { name: 'bad' }).count()).toBe(0)
    const cards = bubble.locator('.td-card')
    expect(await cards.count()).toBe(2)
    const deck = cards.first()
    expect(await deck.getByRole('link', { name: 'Steam Deck OLED' }).getAttribute('href')).toBe('https://tradezone.sg/p/deck')
    expect(await deck.locator('.td-card-price').textContent()).toBe('S$889')
    expect(await deck.locator('.td-card-sub').textContent()).toBe('512GB')
    expect(await deck.locator('img').getAttribute('src')).toBe('https://img.example/deck.jpg')
    // A card whose URL is not allowed keeps its name as plain text.
    expect(await cards.nth(1).locator('a').count()).toBe(0)
    expect(await cards.nth(1).textContent()).toBe('No link')
  })

  it('shows suggestions as quick replies; tapping one sends it like a typed message', async () => {
    await input().fill('Do you have the Steam Deck?')
    await input().press('Enter')
    const group = page.getByRole('group', { name: 'Quick replies' })
    await visible(group)
    const chip = group.getByRole('button', { name: 'Do you deliver?' })
    expect(await group.getByRole('button').count()).toBe(2)
    await chip.click()
    await expect.poll(() => server.state.posts.length).toBe(2)
    const second = server.state.posts[1].body
    expect(second.message).toBe('Do you deliver?')
    expect(second.history).toEqual([
      { role: 'user', content: 'Do you have the Steam Deck?' },
      { role: 'assistant', content: expect.stringContaining('Steam Deck OLED') },
    ])
    await expect.poll(() => log().locator('.td-user').last().textContent()).toBe('Do you deliver?')
    // The quick replies belong to the last reply only: the new answer has none, so they are gone.
    await expect.poll(() => log().locator('.td-assistant').count()).toBe(2)
    await hidden(group)
  })

  it('streams markdown without flashing raw syntax', async () => {
    await reply({ response: 'Our **opening hours** are [here](https://tradezone.sg/hours) and `daily`.\n\n- a\n- b', stream: true })
    const seen: string[] = []
    await input().fill('When are you open?')
    await input().press('Enter')
    const bubble = log().locator('.td-assistant').last()
    for (let i = 0; i < 40 && (await bubble.locator('li').count()) < 2; i++) {
      seen.push((await bubble.textContent().catch(() => '')) || '')
      await page.waitForTimeout(5)
    }
    await expect.poll(() => bubble.locator('li').count()).toBe(2)
    for (const s of seen) expect(s).not.toMatch(/\*\*|\]\(|`/)
    expect(await bubble.locator('strong').textContent()).toBe('opening hours')
  })

  it('streams a table and a nested list: real table and list structure, no raw syntax on the way', async () => {
    const table = '| Model | Storage | Price |\n|:--|:-:|--:|\n| **PS5 Slim** | 1 TB | S$599 |\n| PS5 Pro | 2 TB | `S$999` |'
    const list = '- PS5 Slim bundle\n  1. Console\n  2. DualSense controller\n     - white\n- PS5 Pro\n  - Console only'
    await reply({ response: `Here is the comparison:\n\n${table}\n\nWhat is in the box:\n\n${list}\n\n> Trade-in policy: *bring the box*.`, stream: true })
    const seen: string[] = []
    await input().fill('Compare the PS5 models')
    await input().press('Enter')
    const bubble = log().locator('.td-assistant').last()
    for (let i = 0; i < 60 && !(await bubble.locator('blockquote').count()); i++) {
      seen.push((await bubble.textContent().catch(() => '')) || '')
      await page.waitForTimeout(5)
    }
    await visible(bubble.locator('blockquote em'))
    // Table: header cells, rows, alignment, inline markup in cells: what a screen reader reads as a table.
    const grid = bubble.getByRole('table')
    expect(await grid.count()).toBe(1)
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['Model', 'Storage', 'Price'])
    expect(await grid.getByRole('row').count()).toBe(3)
    expect(await grid.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['PS5 Slim', '1 TB', 'S$599'])
    expect(await grid.locator('td strong').textContent()).toBe('PS5 Slim')
    expect(await grid.locator('td code').textContent()).toBe('S$999')
    expect(await grid.getByRole('cell', { name: 'S$599' }).evaluate((el) => getComputedStyle(el).textAlign)).toMatch(/right$/)
    expect(await grid.getByRole('cell', { name: '1 TB' }).first().evaluate((el) => getComputedStyle(el).textAlign)).toMatch(/center$/)
    // Nested list: an ordered list inside the first item, an unordered one inside that.
    const outer = bubble.locator('.td-md > ul')
    expect(await outer.locator(':scope > li').count()).toBe(2)
    const inner = outer.getByRole('listitem').first().getByRole('list').first()
    expect(await inner.evaluate((el) => el.tagName)).toBe('OL')
    expect(await inner.locator(':scope > li').allTextContents()).toEqual(['Console', 'DualSense controllerwhite'])
    expect(await inner.locator('li ul > li').textContent()).toBe('white')
    // Never any raw table or list syntax, while streaming or after.
    seen.push((await bubble.textContent()) || '')
    for (const s of seen) expect(s).not.toMatch(/\||:?--|\*\*|`|^- |\n- /)
  })

  it('a wide table scrolls inside its box on a narrow panel, the panel does not overflow', async () => {
    await page.setViewportSize({ width: 320, height: 640 })
    const cols = ['Model', 'Storage', 'Controller', 'Disc drive', 'Price', 'Trade-in value', 'Warranty']
    const row = (s: string) => `| ${cols.map((c) => `${s} ${c}`).join(' | ')} |`
    await reply({ response: `${row('')}\n|${cols.map(() => '---').join('|')}|\n${row('PS5 Slim')}\n${row('PS5 Pro')}`, stream: true })
    await input().fill('Full comparison please')
    await input().press('Enter')
    const bubble = log().locator('.td-assistant').last()
    await expect.poll(() => bubble.getByRole('row').count()).toBe(3)
    const box = bubble.locator('.td-table')
    const m = await box.evaluate((el) => {
      const logEl = el.closest('[role=log]')!
      const b = el.getBoundingClientRect()
      const l = logEl.getBoundingClientRect()
      return { scroll: el.scrollWidth, client: el.clientWidth, right: b.right, logRight: l.right, logScroll: logEl.scrollWidth, logClient: logEl.clientWidth, overflowX: getComputedStyle(el).overflowX }
    })
    expect(m.overflowX).toBe('auto')
    expect(m.scroll).toBeGreaterThan(m.client) // the table is wider than its box…
    expect(m.right).toBeLessThanOrEqual(m.logRight) // …and the box stays inside the panel
    expect(m.logScroll).toBeLessThanOrEqual(m.logClient) // the conversation itself never scrolls sideways
    // It scrolls (also by keyboard: the box is focusable).
    expect(await box.evaluate((el) => ((el.scrollLeft = 120), el.scrollLeft))).toBeGreaterThan(0)
    expect(await box.getAttribute('tabindex')).toBe('0')
  })
})
