// @vitest-environment happy-dom
/**
 * src/widget/hooks.ts (our replacement for preact/hooks) relies on Preact's
 * private plug points under their mangled names in Preact 11.2.0's dist. If a
 * Preact upgrade renames or changes one of them, this file fails, naming what
 * changed, before the widget's components break in subtler ways. The checks go
 * straight at Preact (no hooks of ours involved).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Component, createContext, h, options, render, type VNode } from 'preact'
import { afterEach, describe, expect, it } from 'vitest'

// Paths, not URLs: happy-dom replaces the global URL, which node:fs does not take.
const file = (p: string) => join(dirname(fileURLToPath(import.meta.url)), '../..', p)
const pkg = JSON.parse(readFileSync(file('package.json'), 'utf8'))
const installed = JSON.parse(readFileSync(file('node_modules/preact/package.json'), 'utf8'))
const meta = file('dist/meta.json')

/** Preact's options with the private names our hooks use. */
const o = options as typeof options & { __r?: (v: VNode) => void }
type Internal = { __c?: Record<string, any> }

let root: HTMLElement
afterEach(() => {
  if (!root) return
  render(null, root)
  root.remove()
})
const mount = (vnode: VNode<any>) => {
  root = document.createElement('div')
  document.body.append(root)
  render(vnode, root)
}

/** Sets an options hook for the duration of `fn`, chaining to the one installed (our hooks'). */
function withOption<K extends '__r' | 'unmount'>(key: K, probe: (v: VNode) => void, fn: () => void) {
  const prev = o[key]
  o[key] = (v: VNode) => {
    prev?.(v)
    probe(v)
  }
  try {
    fn()
  } finally {
    o[key] = prev
  }
}

describe('the Preact internals src/widget/hooks.ts relies on', () => {
  it('Preact is pinned to the exact version the hooks were written against', () => {
    expect(pkg.dependencies.preact, 'package.json must pin preact exactly (no ^ or ~): hooks.ts reads its internals').toMatch(/^\d+\.\d+\.\d+$/)
    expect(installed.version, 'the installed preact differs from package.json').toBe(pkg.dependencies.preact)
    expect(installed.version, 'Preact was upgraded: re-check the mangled names in src/widget/hooks.ts against its hooks/src/index.js, then update this version').toBe('11.2.0')
  })

  it('options.__r is called before each render with the vnode, whose __c is the component instance', () => {
    const seen: Array<[unknown, unknown]> = []
    let self: unknown
    class C extends Component {
      override render() {
        self = this
        return h('p', null, 'x')
      }
    }
    withOption('__r', (v) => seen.push([v.type, (v as Internal).__c]), () => mount(h(C, null)))
    const mine = seen.filter(([t]) => t === C)
    expect(mine, 'options.__r (the render hook) is not called before a component renders').toHaveLength(1)
    expect(mine[0]![1], 'vnode.__c is not the component instance').toBe(self)
  })

  it("component.__h holds render callbacks, run once after the render's DOM is committed", () => {
    const calls: Array<string | null> = []
    let queued = false
    function F(_: object) {
      return h('p', { id: 'probe' }, 'committed')
    }
    withOption(
      '__r',
      (v) => {
        const c = (v as Internal).__c!
        if (v.type !== F || queued) return
        expect(Array.isArray(c.__h), 'component.__h (render callbacks) is not an array at render time').toBe(true)
        queued = true
        c.__h.push(() => calls.push(root.querySelector('#probe')?.textContent ?? null))
      },
      () => mount(h(F, null)),
    )
    expect(calls, 'a function pushed to component.__h did not run once, after the DOM was committed').toEqual(['committed'])
  })

  it('a context keeps its default in __ and its id in __c; the provider found there has sub() and props.value', () => {
    const Ctx = createContext('default') as unknown as { __: unknown; __c: unknown; Provider: any }
    expect(Ctx.__, 'context.__ is not the default value').toBe('default')
    expect(typeof Ctx.__c, 'context.__c is not the id string').toBe('string')

    let consumer: any
    let renders = 0
    class Consumer extends Component {
      override shouldComponentUpdate() {
        return false
      }
      override render() {
        consumer = this
        renders++
        const p = this.context[Ctx.__c as string]
        expect(typeof p?.sub, 'component.context[context.__c] is not the provider (no sub())').toBe('function')
        if (renders === 1) p.sub(this)
        return h('i', null, String(p.props.value))
      }
    }
    // The consumer refuses updates from its parent: only the subscription re-renders it.
    class Wall extends Component {
      override shouldComponentUpdate() {
        return false
      }
      override render() {
        return h(Consumer, null)
      }
    }
    mount(h(Ctx.Provider, { value: 'a' }, h(Wall, null)))
    expect(root.textContent).toBe('a')
    render(h(Ctx.Provider, { value: 'b' }, h(Wall, null)), root)
    return new Promise<void>((done) =>
      queueMicrotask(() => {
        expect(renders, 'provider.sub(c) did not re-render c when the value changed').toBe(2)
        expect(root.textContent).toBe('b')
        expect(consumer).toBeDefined()
        done()
      }),
    )
  })

  it('options.unmount is called with the vnode of an unmounted component (__c is its instance)', () => {
    let self: unknown
    class C extends Component {
      override render() {
        self = this
        return null
      }
    }
    mount(h(C, null))
    const seen: unknown[] = []
    withOption('unmount', (v) => v.type === C && seen.push((v as Internal).__c), () => render(null, root))
    expect(seen, 'options.unmount did not get the vnode with its component in __c').toEqual([self])
  })

  it.skipIf(!existsSync(meta))('the built panel bundles our hooks, not preact/hooks (what the tests run)', () => {
    const metas = JSON.parse(readFileSync(meta, 'utf8')) as Array<{ outputs: Record<string, { inputs: Record<string, unknown> }> }>
    const inputs = metas.flatMap((m) => Object.entries(m.outputs)).filter(([out]) => /talkdock-panel\.js$/.test(out)).flatMap(([, o]) => Object.keys(o.inputs))
    expect(inputs.some((i) => i.endsWith('src/widget/hooks.ts'))).toBe(true)
    expect(inputs.filter((i) => /node_modules\/preact\/hooks\//.test(i))).toEqual([])
  })
})
