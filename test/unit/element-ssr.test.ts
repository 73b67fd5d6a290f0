/**
 * The element's npm entry (`talkdock/element`) under SSR, and its registration guard:
 * importing it in Node registers nothing and touches no window; the element is
 * defined once per window, whichever copy (script tag or npm) comes first.
 * The import runs against the built package (npm test builds first).
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defineElement } from '../../src/element/define'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))

describe('talkdock/element under SSR', () => {
  it('imports without a window; defineTalkDockElement() does nothing there', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const mod = await import(new URL('../../dist/npm/element.js', import.meta.url).href)
    expect(typeof mod.defineTalkDockElement).toBe('function')
    expect(() => mod.defineTalkDockElement()).not.toThrow()
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined')
  })

  it('package.json exports the entry and its React and Vue types, and they are built', () => {
    for (const sub of ['./element', './element/react', './element/vue']) {
      const target = pkg.exports[sub]
      expect(target, sub).toBeTruthy()
      for (const file of Object.values(target) as string[]) expect(existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true)
    }
  })
})

describe('registration', () => {
  /** A window with just what defineElement touches. */
  function fakeWindow() {
    const defined = new Map<string, { observedAttributes: string[] }>()
    const win = {
      HTMLElement: class {},
      customElements: {
        get: (name: string) => defined.get(name),
        define: (name: string, cls: { observedAttributes: string[] }) => {
          if (defined.has(name)) throw new Error(`${name} already defined`)
          defined.set(name, cls)
        },
      },
    }
    return { win: win as unknown as Window & typeof globalThis, defined }
  }

  it('defines talkdock-widget once per window, observing every option attribute and inline', () => {
    const { win, defined } = fakeWindow()
    const mount = () => {
      throw new Error('nothing is mounted by registering')
    }
    const load = () => {
      throw new Error('nothing is loaded by registering')
    }
    defineElement(win, 'https://api.example', mount, load)
    // A second copy (the script tag after the npm entry, or twice) leaves the first.
    expect(() => defineElement(win, 'https://other.example', mount, load)).not.toThrow()
    expect([...defined.keys()]).toEqual(['talkdock-widget'])
    const observed = defined.get('talkdock-widget')!.observedAttributes
    expect(observed).toEqual(expect.arrayContaining(['api-url', 'api-key', 'bot-name', 'locale', 'theme', 'primary-color', 'enable-voice', 'starter-prompts', 'voice-push-to-talk', 'inline']))
    expect(observed.every((a) => a === a.toLowerCase())).toBe(true)
  })

  it('does nothing where there are no custom elements', () => {
    const win = { HTMLElement: class {} } as unknown as Window & typeof globalThis
    expect(() => defineElement(win, 'https://api.example', () => null as never, () => null as never)).not.toThrow()
  })
})
