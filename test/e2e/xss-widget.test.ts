/**
 * The XSS corpus (test/fixtures/xss-vectors.txt) through the real widget in
 * Chromium: the built dist/talkdock.js on a page of another origin, every vector
 *   1. as agent replies (JSON and streamed in 7-character deltas), with the same
 *      vector in the reply's structured cards and suggestions;
 *   2. as a conversation restored from localStorage (assistant replies with cards
 *      and suggestions, and user messages whose text and photo are the vector);
 *   3. as voice transcripts: voice has no transcript entry into the conversation
 *      log yet, so they are stored messages with `via: "voice"` (both roles),
 *      restored like 2;
 *   4. as host config strings (greeting, bot name, subtitle, placeholder, starter prompts).
 * After each: a global trap (`__xss`, and alert/confirm/prompt/print) stays uncalled
 * even after poking every element with events, no dialog opened, and the widget's
 * shadow DOM has no on* attribute, no javascript: (or other non-allow-listed) URL,
 * no script/iframe/object/embed, and data: images only in the visitor's own bubbles.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { OFFLINE_FLAGS, type Page } from '../helpers/browser'
import { hostPage, scriptTag } from '../helpers/e2e'
import { context, server, useE2E } from '../helpers/session'

const vectors = readFileSync(join(__dirname, '../fixtures/xss-vectors.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) =>
    l.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|([nrt\\]))/g, (_, x, u, c) =>
      x || u ? String.fromCharCode(parseInt(x || u, 16)) : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : '\\',
    ),
  )

const card = (v: string) => ({ title: v, url: v, imageUrl: v, price: v, subtitle: v })

const TRAP = `<script>
  window.__xssCalls = [];
  window.__xss = (...a) => window.__xssCalls.push(String(a[0] ?? 'called'));
  for (const k of ['alert', 'confirm', 'prompt', 'print']) window[k] = () => window.__xss(k);
</script>`

let page: Page
let dialogs: string[]

useE2E({
  page: false,
  // Hermetic: vectors point images and links everywhere; only the dev server answers (no
  // request interception, so its real CORS checks apply).
  args: OFFLINE_FLAGS,
})
beforeEach(() => {
  dialogs = []
})

async function widgetPage(attrs = 'data-bot-name="Amara"'): Promise<void> {
  page = await hostPage(context, server, scriptTag(server, attrs), '/xss.html', TRAP)
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(`${server.pageOrigin}/xss.html`)
}

/** Stores a conversation for the widget to restore on the next load. */
async function storeConversation(messages: unknown[]): Promise<void> {
  const key = `talkdock:v1:${server.scriptOrigin}`
  const saved = JSON.stringify({ v: 1, sessionId: 'td_xss', messages, draft: '', open: true, updatedAt: Date.now() })
  await context.addInitScript(
    ([k, v]) => {
      // Not in a new page's about:blank, which has no storage (and would throw a page error).
      if (location.protocol === 'about:') return
      localStorage.setItem(k, v)
      localStorage.setItem(`${k}:open`, '1')
    },
    [key, saved] as const,
  )
}

/** Pokes every element in the widget, then reports what the page and the shadow DOM hold. */
async function inspect() {
  return page.evaluate(async () => {
    const root = document.querySelector('talkdock-widget')!.shadowRoot!
    // A long restored conversation shows its newest messages first: bring every one back.
    for (let b; (b = root.querySelector<HTMLElement>('.td-earlier')); ) {
      b.click()
      await new Promise((r) => requestAnimationFrame(r))
    }
    const all = Array.from(root.querySelectorAll('*'))
    for (const el of all)
      for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'pointerdown', 'animationstart', 'toggle', 'load', 'error'])
        el.dispatchEvent(new Event(type, { bubbles: true }))
    await new Promise((r) => setTimeout(r, 300))
    const attrs = all.flatMap((e) => e.getAttributeNames().map((n) => [e.tagName, n, e.getAttribute(n) || ''] as const))
    const imgs = Array.from(root.querySelectorAll('img'))
    return {
      calls: (window as any).__xssCalls as string[],
      messages: root.querySelectorAll('.td-msg').length,
      cards: root.querySelectorAll('.td-card').length,
      text: root.querySelector('.td-log')?.textContent?.length ?? 0,
      tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
      handlers: attrs.filter(([, n]) => n.startsWith('on')).map((a) => a.join(' ')),
      badUrls: attrs.filter(([, n, v]) => /^(href|src|action|formaction|xlink:href|srcset|poster|data)$/.test(n) && /^\s*(javascript|vbscript|data:text|data:application|file):/i.test(v)).map((a) => a.join(' ')),
      links: [...new Set(Array.from(root.querySelectorAll('a')).map((a) => a.protocol))].sort(),
      linkAttrs: [...new Set(Array.from(root.querySelectorAll('a')).map((a) => `${a.target} ${a.rel}`))],
      imgs: [...new Set(imgs.map((i) => new URL(i.src).protocol))].sort(),
      foreignData: imgs.filter((i) => i.src.startsWith('data:') && !i.closest('.td-user, .td-attached')).length,
      pageDanger: document.querySelectorAll('iframe, object, embed, body > img, body > svg').length,
      frames: window.frames.length,
    }
  })
}

const WIDGET_TAGS = ['a', 'blockquote', 'br', 'button', 'code', 'del', 'div', 'em', 'form', 'hr', 'img', 'input', 'li', 'ol', 'p', 'path', 'pre', 'span', 'strong', 'svg', 'table', 'tbody', 'td', 'textarea', 'th', 'thead', 'tr', 'ul']

function expectClean(r: Awaited<ReturnType<typeof inspect>>): void {
  expect(r.calls).toEqual([])
  expect(dialogs).toEqual([])
  expect(r.handlers).toEqual([])
  expect(r.badUrls).toEqual([])
  expect(r.tags.filter((t) => !WIDGET_TAGS.includes(t))).toEqual([])
  for (const p of r.links) expect(['http:', 'https:', 'mailto:', 'tel:']).toContain(p)
  for (const a of r.linkAttrs) expect(a).toBe('_blank noopener noreferrer')
  for (const p of r.imgs) expect(['https:', 'data:']).toContain(p)
  expect(r.foreignData).toBe(0)
  expect(r.pageDanger).toBe(0)
  expect(r.frames).toBe(0)
}

describe('XSS corpus through the widget in Chromium', () => {
  it('has at least 150 vectors', () => expect(vectors.length).toBeGreaterThanOrEqual(150))

  it('agent replies: each vector as a JSON reply with cards and suggestions, and streamed in batches', async () => {
    const replies = [
      ...vectors.map((v) => ({ response: v, cards: [card(v)], suggestions: [v] })),
      ...Array.from({ length: Math.ceil(vectors.length / 20) }, (_, i) => ({ response: vectors.slice(i * 20, i * 20 + 20).join('\n\n'), stream: true })),
    ]
    await fetch(`${server.scriptOrigin}/__dev/reply`, { method: 'POST', body: JSON.stringify({ replies }) })
    await widgetPage()
    const replied = await page.evaluate(async (n) => {
      const td = (window as any).TalkDock
      let got = 0
      let wake = () => {}
      td.on('message', (m: { role: string; status: string }) => {
        if (m.role === 'assistant') (got++, wake())
      })
      td.open()
      for (let i = 0; i < n; i++) {
        const want = got + 1
        td.send(`question ${i}`)
        while (got < want) await new Promise<void>((r) => ((wake = r), setTimeout(r, 2000)))
      }
      return got
    }, replies.length)
    expect(replied).toBe(replies.length)
    expect(server.state.posts).toHaveLength(replies.length)
    const r = await inspect()
    expect(r.messages).toBe(replies.length * 2)
    expect(r.text).toBeGreaterThan(5000)
    expectClean(r)
  })

  it('restored history: every vector as replies (with cards, suggestions) and as the visitor\'s text and photo', async () => {
    const at = Date.now()
    await storeConversation(
      vectors.flatMap((v, i) => [
        { id: `u${i}`, role: 'user', text: v, status: 'sent', at, image: v, preview: v },
        { id: `a${i}`, role: 'assistant', text: v, status: i % 2 ? 'done' : 'streaming', at, cards: [card(v), v, null], suggestions: [v, 1] },
      ]),
    )
    await widgetPage()
    await page.locator('.td-msg').first().waitFor()
    const r = await inspect()
    expect(r.messages).toBe(vectors.length * 2)
    expectClean(r)
  })

  it('voice transcripts (stored with via: "voice", no live transcript entry point yet)', async () => {
    const at = Date.now()
    await storeConversation(
      vectors.flatMap((v, i) => [
        { id: `vu${i}`, role: 'user', text: v, status: 'sent', at, via: 'voice' },
        { id: `va${i}`, role: 'assistant', text: v, status: 'done', at, via: 'voice' },
      ]),
    )
    await widgetPage()
    await page.locator('.td-msg').first().waitFor()
    const r = await inspect()
    expect(r.messages).toBe(vectors.length * 2)
    expectClean(r)
  })

  it('host config strings: greeting, names, placeholder and starter prompts', async () => {
    page = await hostPage(context, server, `<script src="${server.scriptOrigin}/talkdock.js?v=x" data-manual async></script>`, '/xss.html', TRAP)
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()))
    await page.goto(`${server.pageOrigin}/xss.html`)
    await page.waitForFunction(() => (window as any).TalkDock?.init)
    await page.evaluate((vs) => {
      const v = vs.slice(0, 40)
      ;(window as any).TalkDock.init({ storage: 'none', greeting: vs.join('\n\n'), botName: v[5], botSubtitle: v[6], placeholder: v[7], starterPrompts: v.slice(0, 6), openOnLoad: true })
    }, vectors)
    await page.locator('.td-msg').first().waitFor()
    const r = await inspect()
    expect(r.messages).toBe(1)
    expect(r.text).toBeGreaterThan(5000)
    expectClean(r)
  })

  it('control: the trap catches real injection inside the widget', async () => {
    await widgetPage()
    const calls = await page.evaluate(async () => {
      const root = document.querySelector('talkdock-widget')!.shadowRoot!
      const div = document.createElement('div')
      div.innerHTML = '<img src="x:" onerror="__xss(\'control\')">'
      root.append(div)
      await new Promise((r) => setTimeout(r, 300))
      div.remove()
      return (window as any).__xssCalls.splice(0) as string[]
    })
    expect(calls).toEqual(['control'])
  })
})
