/**
 * The built script-tag files parse in every browser the es2020 build target covers:
 * esbuild lowers syntax but not regular expressions, so a regex lookbehind (Safari
 * before 16.4 cannot parse one) would make a whole chunk fail to load there.
 * `npm run test:unit` and `npm test` build first.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dist = join(__dirname, '../../dist')

describe('built files', () => {
  const files = readdirSync(dist).filter((f) => /^(talkdock|tradezone).*\.js$/.test(f) && f !== 'talkdock-voice.js')
  it('the loader, the panel and the other chunks are all there', () => {
    expect(files).toEqual(expect.arrayContaining(['talkdock.js', 'talkdock-panel.js', 'talkdock-attach.js', 'talkdock-element.js']))
  })
  it.each(files)('%s has no regex lookbehind', (f) => {
    expect(readFileSync(join(dist, f), 'utf8')).not.toMatch(/\(\?<[=!]/)
  })
})
