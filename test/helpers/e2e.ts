/**
 * Shared E2E setup: the dev server (serving the built dist/) and Chromium. The
 * page is served from http://localhost:PORT and the widget from
 * http://127.0.0.1:PORT, two origins, as in production. The server answers like
 * the deployed TradeZone backend (its CORS per route, validation, token budget;
 * docs/backend.md) and requires `API_KEY`, which every page helper here embeds.
 * Note: while a context or page has a route (`context.route`, `page.route`), Playwright
 * answers CORS preflights itself, so the browser's CORS check is not exercised there;
 * test/e2e/backend.test.ts uses no routes for that reason.
 * A test file's hooks: useE2E() in session.ts.
 */
import type { BrowserContext, Page } from 'playwright-core'
// @ts-expect-error plain ESM JavaScript without types
import { startDevServer } from '../../demo/server.mjs'

/** The shop's API key: the dev server requires it, and scriptTag() and the fixtures embed it. */
export const API_KEY = 'td-test-key'

export interface DevServer {
  port: number
  pageOrigin: string
  scriptOrigin: string
  apiKey: string
  relaxedCors: boolean
  state: {
    /**
     * Every agent POST that reached the server: `key` is the body's `idempotencyKey` (else
     * the Idempotency-Key header, in `header`), `body` as received, `status` answered,
     * `tokens` the backend's estimate for it.
     */
    posts: { key: string; header: string; body: any; at: number; status: number; tokens: number }[]
    acted: number
    /** Every CORS preflight: the path, the headers the browser asked for, what the route allows. */
    preflights: { path: string; headers: string; allowed: string }[]
    mode: unknown
    pages: Map<string, { html: string; headers?: Record<string, string> }>
  }
  close(): Promise<void>
}

/**
 * The dev server as the deployed backend, requiring `API_KEY`. `{ relaxedCors: true }`
 * gives the CORS of a backend updated for the widget's opt-in headers (a test that
 * needs it says why); `{ apiKey: '' }` a server without a key.
 */
export async function startServer(opts: Record<string, unknown> = {}): Promise<DevServer> {
  return startDevServer({ port: 0, quiet: true, apiKey: API_KEY, relaxedCors: false, ...opts })
}

/** Sets the dev agent's failure mode for the next `times` requests. */
export async function setMode(server: DevServer, mode: string, extra: Record<string, unknown> = {}): Promise<void> {
  await fetch(`${server.scriptOrigin}/__dev/mode`, { method: 'POST', body: JSON.stringify({ mode, ...extra }) })
}

export async function resetServer(server: DevServer): Promise<void> {
  await fetch(`${server.scriptOrigin}/__dev/reset`, { method: 'POST' })
}

/**
 * A host page served by the dev server on the page origin with the given body
 * HTML (script tags included) and optional response headers (e.g. a CSP).
 */
export async function hostPage(
  context: BrowserContext,
  server: DevServer,
  body: string,
  path = '/fixture.html',
  head = '',
  headers?: Record<string, string>,
): Promise<Page> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`
  server.state.pages.set(path, { html, headers })
  return context.newPage()
}

/** `data-api-key` with the shop's key, unless `attrs` sets one already. */
export function withKey(attrs: string): string {
  return /\bdata-api-key\b/.test(attrs) ? attrs : `${attrs} data-api-key="${API_KEY}"`
}

/** The script tag as a shop would paste it (with its API key, as the shop's real embed has). */
export function scriptTag(server: DevServer, attrs = 'data-bot-name="Amara"', v = 'test1', file = 'talkdock.js'): string {
  return `<script src="${server.scriptOrigin}/${file}?v=${v}" ${withKey(attrs)} async></script>`
}

export async function openChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open chat', exact: true }).click()
  await page.getByRole('textbox', { name: 'Message' }).waitFor()
}

/** Waits until the server has seen `n` agent POSTs, then a little longer to catch extras. */
export async function settle(page: Page, ms = 400): Promise<void> {
  await page.waitForTimeout(ms)
}

type Locator = ReturnType<Page['locator']>

/** Waits until the element is visible (fails after the timeout). */
export const visible = (l: Locator, timeout = 10000) => l.first().waitFor({ state: 'visible', timeout })
/** Waits until no such element is visible. */
export const hidden = (l: Locator, timeout = 10000) => l.first().waitFor({ state: 'hidden', timeout })
/** Whether the element has focus, looking through shadow roots. */
export const isFocused = (l: Locator) => l.evaluate((el) => (el.getRootNode() as Document | ShadowRoot).activeElement === el && el.ownerDocument.hasFocus())

/** Computed style of an element inside the widget's shadow root (the given properties). */
export function shadowStyle(page: Page, selector: string, props: string[]): Promise<Record<string, string>> {
  return page.evaluate(
    ([sel, ps]) => {
      const el = document.querySelector('talkdock-widget')!.shadowRoot!.querySelector(sel as string)!
      const cs = getComputedStyle(el)
      return Object.fromEntries((ps as string[]).map((p) => [p, cs.getPropertyValue(p)]))
    },
    [selector, props] as const,
  )
}

/**
 * An init script (context.addInitScript) that runs before any page script and records
 * every microphone track the page gets in `window.__tracks`, so a test can count the
 * live ones after a call ended or the widget was removed.
 */
export const recordMicTracks = () => {
  const w = window as any
  w.__tracks = []
  const md = navigator.mediaDevices
  if (md) {
    const gum = md.getUserMedia.bind(md)
    md.getUserMedia = async (c) => {
      const s = await gum(c)
      w.__tracks.push(...s.getTracks())
      return s
    }
  }
}
