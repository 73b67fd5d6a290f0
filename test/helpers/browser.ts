import type { Browser, BrowserContext, Page } from 'playwright-core'

/** Debian's Chromium (CHROMIUM_PATH overrides), its flags and `launch(extra)`: one source, chromium.mjs. */
export { BASE_FLAGS, CHROMIUM, MEDIA_FLAGS, OFFLINE_FLAGS, launch } from './chromium.mjs'

/** Collects page errors (into `errors`, default a new list), so a test can assert none reached the host page. */
export function watchErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  return errors
}

export type { Browser, BrowserContext, Page }
