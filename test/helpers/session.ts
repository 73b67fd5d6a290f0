/**
 * The E2E file setup in one call: `useE2E(options)` at the top of a test file
 * registers the hooks every browser test file needs, and the objects they make
 * are exported as live bindings, so test bodies use `server`, `browser`,
 * `context` and `page` as if they were the file's own variables:
 *
 *   beforeAll   dev server (startServer) and Chromium (launch(options.args))
 *   beforeEach  resetServer; a new context (options.context), options.onContext(context);
 *               `page` opened in it unless `page: false`
 *   afterEach   no page error in any page the test opened; the context closed (a
 *               browser that does not close it within 15 s is replaced)
 *   afterAll    Chromium and the dev server closed
 *
 * Page errors are collected from every page of the context (`context.on('page')`),
 * including pages a test opens itself, into `pageErrors`. Hooks a file registers
 * after `useE2E()` run after its beforeEach and before its afterEach (vitest's
 * default stack order), so they see the open context and page.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import type { BrowserContextOptions } from 'playwright-core'
import { launch, watchErrors, type Browser, type BrowserContext, type Page } from './browser'
import { resetServer, startServer, type DevServer } from './e2e'

export let server: DevServer
export let browser: Browser
/** This test's context. */
export let context: BrowserContext
/** This test's page (with `page: false`, not opened: the file opens its own). */
export let page: Page
/** `pageerror: …` of every page opened in this test's contexts (emptied before each test). */
export const pageErrors: string[] = []

export interface E2EOptions {
  /** Chromium flags after the shared ones, e.g. MEDIA_FLAGS. */
  args?: string[]
  /** Options of each test's context: viewport, locale, isMobile… */
  context?: BrowserContextOptions
  /** Open `page` before each test (default true). */
  page?: boolean
  /** Runs on each new context before any page is opened in it: routes, init scripts, listeners. */
  onContext?: (context: BrowserContext) => unknown
}

let file: E2EOptions = {}

/** Registers the file's hooks (see above). Call once, at the top level of a test file. */
export function useE2E(options: E2EOptions = {}): void {
  file = options
  beforeAll(async () => {
    server = await startServer()
    browser = await launch(options.args)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  beforeEach(async () => {
    pageErrors.length = 0
    await resetServer(server)
    await newContext()
    if (options.page !== false) page = await context.newPage()
  })
  afterEach(async () => {
    expect(pageErrors).toEqual([])
    // Chromium very rarely never acknowledges closing a context (seen once in CI, after the
    // test that reloads the page inside page.evaluate): the next test gets a new browser
    // instead of the whole file hanging on the hook timeout.
    if (context && !(await settles(context.close(), 15_000))) {
      await settles(browser.close(), 5_000)
      browser = await launch(options.args)
    }
  })
}

/** Whether `p` settles (resolves or rejects) within `ms`. */
function settles(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  return Promise.race([p.then(() => true, () => true), late]).finally(() => clearTimeout(timer))
}

/**
 * Replaces this test's context (the current one is closed) by a new one with
 * `options` (default the file's) on `from` (default the file's browser). Errors of
 * its pages go to `pageErrors` too, and the file's `onContext` runs on it.
 */
export async function newContext(options: BrowserContextOptions | undefined = file.context, from: Browser = browser): Promise<BrowserContext> {
  await context?.close().catch(() => {})
  context = await from.newContext(options)
  context.on('page', (p) => watchErrors(p, pageErrors))
  await file.onContext?.(context)
  return context
}
