/**
 * The attach chunk's photos() (src/attach/ui.tsx): what the panel's composer hands
 * files to once the chunk arrived. Only the current photo reports (Remove or a new
 * photo silences the old one), the refusals use the chunk's English unless the
 * panel's table (locale, `strings`) says otherwise, and the preview's styles come with it.
 */
import { describe, expect, it } from 'vitest'
import type { PhotoState } from '../../src/contracts'
import { ATTACH_CSS, photos } from '../../src/attach/ui'
import { EN } from '../../src/i18n/en'
import { ATTACH_EN } from '../../src/i18n/en-attach'
import type { WidgetEnv } from '../../src/contracts'
import { testConfig } from '../helpers/fakes'

function setup(t: Record<string, string> = {}) {
  const fails: Array<(e: unknown) => void> = []
  const env = { doc: {}, decodeImage: () => new Promise<ImageBitmap>((_, reject) => fails.push(reject)) } as unknown as WidgetEnv
  const states: Array<PhotoState | null> = []
  const styles: string[] = []
  const set = (s: PhotoState | null | ((s: PhotoState | null) => PhotoState | null)) => void states.push(typeof s === 'function' ? s(states.at(-1) ?? null) : s)
  const p = photos({ config: testConfig(), env, t: { ...EN, ...t }, set, addStyles: (css) => styles.push(css) })
  return { p, states, styles, fails }
}

const jpeg = () => new File(['x'], 'a.jpg', { type: 'image/jpeg' })

describe("the attach chunk's photos()", () => {
  it('adds the preview styles once, when the composer first attaches', () => {
    const { styles } = setup()
    expect(styles).toEqual([ATTACH_CSS])
  })

  it('a removed or replaced photo reports nothing more', async () => {
    const { p, states, fails } = setup()
    const first = p.add(jpeg())
    expect(states).toEqual([{}]) // preparing
    p.clear()
    fails[0]('gone')
    await first
    expect(states).toEqual([{}])
    const second = p.add(jpeg())
    const third = p.add(jpeg())
    fails[1]('replaced')
    fails[2]('broken')
    await Promise.all([second, third])
    expect(states).toEqual([{}, {}, {}, { error: EN.photoDecode }])
  })

  it("refuses with the chunk's English, or the panel's own string for the key", async () => {
    const a = setup()
    await a.p.add(new File(['x'], 'a.pdf', { type: 'application/pdf' }))
    expect(a.states).toEqual([{ error: ATTACH_EN.photoType }])
    const b = setup({ photoType: 'Nur Fotos.' })
    await b.p.add(new File(['x'], 'a.pdf', { type: 'application/pdf' }))
    expect(b.states).toEqual([{ error: 'Nur Fotos.' }])
  })
})
