/**
 * Shared E2E setup: the dev server (serving the built dist/) and Chromium. The
 * page is served from http://localhost:PORT and the widget from
 * http://127.0.0.1:PORT, two origins, as in production. A test file's hooks:
 * useE2E() in session.ts.
 */
import type { BrowserContext, Page } from 'playwright-core'
// @ts-expect-error plain ESM JavaScript without types
import { startDevServer } from '../../demo/server.mjs'

export interface DevServer {
  port: number
  pageOrigin: string
  scriptOrigin: string
  state: {
    posts: { key: string; body: any; at: number }[]
    acted: number
    mode: unknown
    pages: Map<string, { html: string; headers?: Record<string, string> }>
  }
  close(): Promise<void>
}

export async function startServer(opts: Record<string, unknown> = {}): Promise<DevServer> {
  return startDevServer({ port: 0, quiet: true, ...opts })
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

/** The script tag as a shop would paste it. */
export function scriptTag(server: DevServer, attrs = 'data-bot-name="Amara"', v = 'test1'): string {
  return `<script src="${server.scriptOrigin}/talkdock.js?v=${v}" ${attrs} async></script>`
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
