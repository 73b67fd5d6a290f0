/**
 * Size budgets, on the real built files (npm test builds first; a missing dist/
 * file fails, it is not skipped):
 * - dist/talkdock.js, on every page view: ≤ 5 KiB brotli;
 * - everything loaded to open the panel and chat, as requested by Chromium: ≤ 26 KiB
 *   brotli in total (real Preact, nanostores, the markdown renderer);
 * - no voice chunk and no livekit code is fetched before voice starts;
 * - dist/talkdock-voice.js: ≤ livekit-client's own bundle (measured now) + 6 KiB;
 * - the table in docs/performance.md matches these figures (`npm run sizes` rewrites it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kib, measureSizes, docTable, sizesTable, tableDiff, type SizeMeasurement } from '../../bench/sizes.mjs'
import { launch, type Browser } from '../helpers/browser'

describe('size budgets', () => {
  let browser: Browser
  let m: SizeMeasurement

  beforeAll(async () => {
    browser = await launch()
    m = await measureSizes({ browser })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('dist/talkdock.js (everything to show the launcher, on every page view) is at most 5 KiB brotli', () => {
    expect(m.loader.brotli, `talkdock.js is ${kib(m.loader.brotli)} KiB brotli`).toBeLessThanOrEqual(m.budgets.loader)
  })

  it('everything loaded to open the panel and chat is at most 26 KiB brotli in total', () => {
    const list = m.chat.files.map((f) => `${f.file} ${kib(f.brotli)} KiB`).join(', ')
    expect(m.chat.files.map((f) => f.file)).toContain('talkdock.js')
    expect(m.chat.files.length).toBeGreaterThanOrEqual(2) // the loader and the panel, at least
    expect(m.chat.brotli, `loaded to chat: ${list}; total ${kib(m.chat.brotli)} KiB`).toBeLessThanOrEqual(m.budgets.chat)
    expect(m.otherRequests, 'the widget fetched files from another origin').toEqual([])
  })

  it('no voice code is fetched before voice starts (voice enabled, panel opened, two replies)', () => {
    expect(m.voiceFetched, 'voice chunk requested before voice started').toEqual([])
    expect(m.livekitInChat, 'livekit code inside files loaded to chat').toEqual([])
    expect(m.voiceSourcesInChat, 'src/voice/ code inside files loaded to chat').toEqual([])
  })

  it("dist/talkdock-voice.js is built and at most livekit-client's own bundle + 6 KiB brotli", () => {
    expect(m.voice, 'dist/talkdock-voice.js is missing from the build').not.toBeNull()
    expect(
      m.voice!.brotli,
      `voice chunk ${kib(m.voice!.brotli)} KiB vs livekit-client ${m.livekit.version} alone ${kib(m.livekit.brotli)} KiB`,
    ).toBeLessThanOrEqual(m.budgets.voice)
  })

  it('docs/performance.md shows the current sizes (run `npm run sizes` to update)', () => {
    const expected = sizesTable(m)
    const actual = docTable()
    expect(actual, 'docs/performance.md has no <!-- sizes:start --> … <!-- sizes:end --> table').not.toBeNull()
    const diffs = tableDiff(actual!, expected)
    expect(diffs, `docs/performance.md size table is out of date; run \`npm run sizes\`.\n${diffs.join('\n')}`).toEqual([])
  })
})
