/**
 * The panel lends its Preact to the voice and attach chunks (src/shared.ts):
 * build.mjs turns a chunk's imports of the modules in src/shared-modules.json
 * into reads from the object the panel exports. The panel must provide exactly
 * the names in that list, and they must be the real modules' own exports.
 */
import { existsSync, readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import * as hooks from 'preact/hooks'
import * as preact from 'preact'
import { describe, expect, it } from 'vitest'
import list from '../../src/shared-modules.json'
import { shared as panelShared } from '../../src/panel'
import { shared } from '../../src/shared'

const real: Record<string, Record<string, unknown>> = { preact, 'preact/hooks': hooks }
const meta = new URL('../../dist/meta.json', import.meta.url)

describe('modules shared with the voice and attach chunks', () => {
  it('the panel provides exactly the modules and names in src/shared-modules.json', () => {
    const provided = Object.fromEntries(Object.entries(shared).map(([m, names]) => [m, Object.keys(names).sort()]))
    const listed = Object.fromEntries(Object.entries(list as Record<string, string[]>).map(([m, names]) => [m, [...names].sort()]))
    expect(provided).toEqual(listed)
    expect(panelShared).toBe(shared)
  })

  it("each shared name is the module's own export (one Preact, one hooks state)", () => {
    for (const [m, names] of Object.entries(shared)) {
      expect(real[m], `no reference import for ${m} in this test`).toBeDefined()
      for (const [name, value] of Object.entries(names)) {
        expect(typeof value, `${m} ${name}`).not.toBe('undefined')
        expect(value, `${m} ${name}`).toBe(real[m][name])
      }
    }
  })

  it.skipIf(!existsSync(meta))('the built voice and attach chunks bundle no Preact or nanostores of their own', () => {
    const metas = JSON.parse(readFileSync(meta, 'utf8')) as Array<{ outputs: Record<string, { inputs: Record<string, unknown> }> }>
    let checked = 0
    for (const m of metas) {
      for (const [out, info] of Object.entries(m.outputs)) {
        if (!/talkdock-(voice|attach)\.js$/.test(out)) continue
        checked++
        const inputs = Object.keys(info.inputs)
        expect(inputs.filter((i) => /node_modules\/(preact|nanostores|@nanostores)\//.test(i)), out).toEqual([])
        expect(inputs.filter((i) => /src\/(widget\/(context|use-store)|render\/\w+)\.ts$/.test(i)), out).toEqual([])
      }
    }
    expect(checked).toBe(2)
  })

  it.skipIf(!existsSync(meta))('the built panel renders with src/render/ and no file carries Preact (what the tests run)', () => {
    const metas = JSON.parse(readFileSync(meta, 'utf8')) as Array<{ outputs: Record<string, { inputs: Record<string, unknown> }> }>
    const outputs = metas.flatMap((m) => Object.entries(m.outputs)).filter(([out]) => /talkdock(-[a-z-]+)?\.js$/.test(out))
    const panel = outputs.find(([out]) => out.endsWith('talkdock-panel.js'))![1]
    expect(Object.keys(panel.inputs).filter((i) => i.includes('src/render/')).sort()).toEqual(['src/render/diff.ts', 'src/render/h.ts', 'src/render/hooks.ts', 'src/render/index.ts', 'src/render/props.ts'])
    for (const [out, info] of outputs) expect(Object.keys(info.inputs).filter((i) => i.includes('node_modules/preact/')), out).toEqual([])
  })

  it.skipIf(!existsSync(meta))('no chunk bundles preact/jsx-runtime: every src .tsx compiles JSX to h (its first-line pragma)', () => {
    const metas = JSON.parse(readFileSync(meta, 'utf8')) as Array<{ outputs: Record<string, { inputs: Record<string, unknown> }> }>
    const outputs = metas.flatMap((m) => Object.entries(m.outputs)).filter(([out]) => /talkdock(-[a-z-]+)?\.js$/.test(out))
    expect(outputs.length).toBeGreaterThan(2)
    for (const [out, info] of outputs) expect(Object.keys(info.inputs).filter((i) => i.includes('jsx-runtime')), out).toEqual([])
  })
})

/**
 * build.mjs bundles each chunk as an ES module and turns its closing export clause
 * into the factory's `return{...}`: running a built chunk as a classic script hands
 * the loader a factory whose result has exactly the entry's exports.
 */
describe('built chunks', () => {
  const file = (name: string) => new URL(`../../dist/talkdock-${name}.js`, import.meta.url)
  const factoryOf = (name: string) => {
    const registered: Array<[string, (shared?: unknown) => Record<string, unknown>]> = []
    const self = { __talkdockLoaded: (n: string, f: (shared?: unknown) => Record<string, unknown>) => registered.push([n, f]) }
    runInNewContext(readFileSync(file(name), 'utf8'), { self })
    expect(registered.map(([n]) => n)).toEqual([name])
    return registered[0][1]
  }

  it.skipIf(!existsSync(file('panel')))('the panel, sound and locale chunks return their exports as a plain object', async () => {
    const panel = factoryOf('panel')()
    expect(Object.keys(panel).sort()).toEqual(['mountPanel', 'shared'])
    expect(typeof panel.mountPanel).toBe('function')
    expect(Object.keys(panel.shared as object).sort()).toEqual(Object.keys(list).sort())
    expect(Object.keys(factoryOf('sound')())).toEqual(['blip'])
    const zh = factoryOf('locale-zh')() as { strings: Record<string, string> }
    expect(Object.keys(zh)).toEqual(['strings'])
    expect(zh.strings).toEqual((await import('../../src/i18n/zh')).strings)
  })

  it.skipIf(!existsSync(file('attach')))('the attach chunk, given the panel\'s shared modules, returns its exports', async () => {
    const attach = factoryOf('attach')(shared)
    expect(Object.keys(attach).sort()).toEqual(Object.keys(await import('../../src/attach/chunk')).sort())
    const js = readFileSync(file('attach'), 'utf8')
    expect(js).not.toMatch(/\bexport\s*\{/)
  })
})
