// How every browser run here starts Chromium: the E2E tests (test/helpers/browser.ts),
// the LiveKit tests (test/livekit/browser.mjs), the bench and the size measurement
// (bench/browser.mjs). Plain ESM so the .mjs scripts can import it; types in
// chromium.d.mts. Debian's /usr/bin/chromium (CHROMIUM_PATH overrides) through
// playwright-core, never a downloaded browser.
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

/** Fake microphone and camera, no permission prompt, audio may play without a gesture. */
export const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required']

/** @param {string[]} [extra] flags after BASE_FLAGS, e.g. MEDIA_FLAGS */
export function launch(extra = []) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...BASE_FLAGS, ...extra] })
}

/**
 * Hermetic network without request interception (which would make Playwright answer
 * CORS preflights itself): every host name but localhost and 127.0.0.1 fails to
 * resolve, so only the dev server answers and its real CORS checks apply.
 */
export const OFFLINE_FLAGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']
