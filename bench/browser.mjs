// Chromium for the bench and the size measurement: Debian's /usr/bin/chromium
// (CHROMIUM_PATH overrides) through playwright-core, never a downloaded browser.
// The path, flags and launch() are the tests' own, from test/helpers/chromium.mjs.
export { BASE_FLAGS, CHROMIUM, MEDIA_FLAGS, launch } from '../test/helpers/chromium.mjs'
