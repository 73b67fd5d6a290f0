// Chromium for the bench and the size measurement: Debian's /usr/bin/chromium
// (CHROMIUM_PATH overrides) through playwright-core, never a downloaded browser.
// Same flags as test/helpers/browser.ts.
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]
export const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required']

/** @param {string[]} [extra] */
export function launch(extra = []) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...BASE_FLAGS, ...extra] })
}
