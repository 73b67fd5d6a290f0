// @vitest-environment happy-dom
/**
 * The panel lends its Preact to the voice and attach chunks (src/shared.ts):
 * build.mjs turns a chunk's imports of the modules in src/shared-modules.json
 * into reads from the object the panel chunk exports. Checked on the built files
 * (npm test and test:unit build first; a missing dist/ file fails, it is not
 * skipped): the panel lends exactly the listed names, the chunks read nothing
 * else and bundle no Preact or nanostores of their own, and the voice chunk's
 * bar, which uses hooks, renders inside the built panel (a second copy of
 * preact/hooks could not: its hooks would not know the panel's component).
 *
 * happy-dom: the built chunks run as the page runs them, in this window.
 */
import { fireEvent, waitFor, within } from '@testing-library/preact'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import list from '../../src/shared-modules.json'
import type { TalkDockEvents } from '../../src/api'
import { createEmitter } from '../../src/core/emitter'
import type { PanelApi, PanelModule, VoiceModule } from '../../src/contracts'
import { shared as sourceShared } from '../../src/shared'
import { createFakeEnv, testConfig } from '../helpers/fakes'

const listed = list as Record<string, string[]>
// A path, not a URL: in happy-dom, the global URL is happy-dom's, which node:fs does not take.
const dist = (name: string) => join(dirname(fileURLToPath(import.meta.url)), '../../dist', name)

/** A built file's text; a missing one fails the test with what to do. */
function built(name: string): string {
  const file = dist(name)
  if (!existsSync(file)) throw new Error(`dist/${name} is missing: run \`node build.mjs\` first (npm test and npm run test:unit do)`)
  return readFileSync(file, 'utf8')
}

type Factory = (shared?: unknown) => Record<string, unknown>

/**
 * Runs a built chunk as the page does (a classic script calling
 * self.__talkdockLoaded) and returns the factory it handed over. `global`: in
 * this window (the panel renders into it; livekit-client in the voice chunk
 * needs the browser's globals); otherwise in an empty context with only `self`.
 */
function factoryOf(name: string, { global = false } = {}): Factory {
  const js = built(`talkdock-${name}.js`)
  const registered: Array<[string, Factory]> = []
  const self = { __talkdockLoaded: (n: string, f: Factory) => registered.push([n, f]) }
  if (global) new Function('self', js)(self)
  else runInNewContext(js, { self })
  expect(registered.map(([n]) => n)).toEqual([name])
  return registered[0][1]
}

/** The built outputs (dist/meta.json) and the files each was made from. */
function outputs(): Array<[string, string[]]> {
  const metas = JSON.parse(built('meta.json')) as Array<{ outputs: Record<string, { inputs: Record<string, unknown> }> }>
  return metas.flatMap((m) => Object.entries(m.outputs)).filter(([out]) => /talkdock(-[a-z-]+)?\.js$/.test(out)).map(([out, info]) => [out, Object.keys(info.inputs)])
}

/** The panel's shared object, wrapped so every module and name a chunk reads is recorded. */
function recording(shared: Record<string, Record<string, unknown>>) {
  const reads: string[] = []
  const modules = new Proxy(shared, {
    get(target, m: string) {
      const mod = target[m]
      if (!mod) return (reads.push(`${m} (not lent)`), undefined)
      return new Proxy(mod, {
        get(inner, n: string) {
          reads.push(`${m} ${n}`)
          return inner[n]
        },
      })
    },
  })
  return { modules, reads }
}

let panel: PanelModule
beforeAll(() => {
  panel = factoryOf('panel', { global: true })() as unknown as PanelModule
})

const mounted: Array<{ api: PanelApi; slot: HTMLElement }> = []
afterEach(() => {
  for (const m of mounted.splice(0)) {
    m.api.destroy()
    m.slot.remove()
  }
})

describe('modules shared with the voice and attach chunks', () => {
  it('the built panel lends exactly the modules and names in src/shared-modules.json (as src/shared.ts says)', () => {
    const names = (s: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(s).map(([m, n]) => [m, Object.keys(n).sort()]))
    const expected = Object.fromEntries(Object.entries(listed).map(([m, n]) => [m, [...n].sort()]))
    expect(names(panel.shared as unknown as Record<string, Record<string, unknown>>)).toEqual(expected)
    expect(names(sourceShared as unknown as Record<string, Record<string, unknown>>)).toEqual(expected)
    for (const [m, n] of Object.entries(panel.shared as unknown as Record<string, Record<string, unknown>>)) {
      for (const [name, value] of Object.entries(n)) expect(typeof value, `${m} ${name}`).toBe(name === 'options' ? 'object' : 'function')
    }
  })

  it('the voice and attach chunks take Preact from the panel: they read only listed names of its shared object', () => {
    const allowed = new Set(Object.entries(listed).flatMap(([m, names]) => names.map((n) => `${m} ${n}`)))
    for (const name of ['voice', 'attach']) {
      const { modules, reads } = recording(panel.shared as unknown as Record<string, Record<string, unknown>>)
      const exports = factoryOf(name, { global: name === 'voice' })(modules)
      expect(Object.keys(exports).length, name).toBeGreaterThan(0)
      // Both render components: `h` at least comes from the panel.
      expect(reads, name).toContain('preact h')
      expect(reads.filter((r) => !allowed.has(r)), name).toEqual([])
    }
  })

  it('one Preact in the built chunks, the panel\'s: the voice and attach chunks bundle no Preact, hooks or nanostores', () => {
    const all = outputs()
    const inputsOf = (name: string) => all.find(([out]) => out.endsWith(`dist/talkdock-${name}.js`))?.[1] ?? []
    const libs = (inputs: string[]) => inputs.filter((i) => /node_modules\/(preact|nanostores|@nanostores)\//.test(i))
    expect(libs(inputsOf('panel'))).toEqual(expect.arrayContaining(['node_modules/preact/dist/preact.mjs', 'node_modules/preact/hooks/dist/hooks.mjs', 'node_modules/@nanostores/preact/index.js']))
    for (const name of ['voice', 'attach']) {
      expect(inputsOf(name).length, `dist/talkdock-${name}.js in dist/meta.json`).toBeGreaterThan(0)
      expect(libs(inputsOf(name)), name).toEqual([])
      expect(inputsOf(name).filter((i) => /src\/widget\/context\.ts$/.test(i)), name).toEqual([])
    }
    // The loader and the locale and sound chunks carry no Preact at all.
    for (const [out, inputs] of all) if (!/talkdock-(panel)\.js$/.test(out)) expect(libs(inputs), out).toEqual([])
  })

  it('no built file bundles preact/jsx-runtime: every src .tsx compiles JSX to h (its first-line pragma)', () => {
    const all = outputs()
    expect(all.length).toBeGreaterThan(2)
    for (const [out, inputs] of all) expect(inputs.filter((i) => i.includes('jsx-runtime')), out).toEqual([])
  })

  it("the voice chunk's bar (hooks and all) renders and updates inside the built panel", async () => {
    const voice = factoryOf('voice', { global: true })(panel.shared) as unknown as VoiceModule
    const env = createFakeEnv()
    env.loadVoice = () => Promise.resolve(voice)
    const slot = document.createElement('div')
    document.body.appendChild(slot)
    const emit = createEmitter<TalkDockEvents>().emit
    const api = panel.mountPanel({ config: testConfig({ enableVoice: true }), env, slot, addStyles: () => {}, emit, requestClose: () => {} })
    mounted.push({ api, slot })
    const ui = within(slot)
    fireEvent.click(ui.getByRole('button', { name: 'Start voice' }))
    // The first start: the chunk's bar explains why the microphone is needed.
    const notNow = await waitFor(() => ui.getByRole('button', { name: 'Not now' }))
    expect(ui.getByRole('button', { name: 'Continue' })).toBeTruthy()
    expect(slot.querySelector('.td-voice')).not.toBeNull()
    fireEvent.click(notNow)
    await waitFor(() => expect(slot.querySelector('.td-voice')).toBeNull())
    expect(ui.getByRole('button', { name: 'Start voice' })).toBeTruthy()
    expect(env.reported).toEqual([])
  })
})

/**
 * build.mjs bundles each chunk as an ES module and turns its closing export clause
 * into the factory's `return{...}`: running a built chunk as a classic script hands
 * the loader a factory whose result has exactly the entry's exports.
 */
describe('built chunks', () => {
  it('the panel, sound and locale chunks return their exports as a plain object', async () => {
    const exports = factoryOf('panel')()
    expect(Object.keys(exports).sort()).toEqual(['mountPanel', 'shared'])
    expect(typeof exports.mountPanel).toBe('function')
    expect(Object.keys(factoryOf('sound')())).toEqual(['blip'])
    const zh = factoryOf('locale-zh')() as { strings: Record<string, string> }
    expect(Object.keys(zh)).toEqual(['strings'])
    expect(zh.strings).toEqual((await import('../../src/i18n/zh')).strings)
  })

  it("the voice and attach chunks, given the panel's shared modules, return their exports", async () => {
    const attach = factoryOf('attach')(panel.shared)
    expect(Object.keys(attach).sort()).toEqual(Object.keys(await import('../../src/attach/chunk')).sort())
    const voice = factoryOf('voice', { global: true })(panel.shared)
    expect(Object.keys(voice).sort()).toEqual(Object.keys(await import('../../src/voice/chunk')).sort())
    for (const name of ['attach', 'voice']) expect(built(`talkdock-${name}.js`)).not.toMatch(/\bexport\s*\{/)
  })
})
