/**
 * src/render/, the widget's renderer, through what a component author sees: the
 * DOM it produces and keeps, listeners, refs, memo, context, batching and errors.
 * Imports say 'preact', like the widget's: vitest.config.ts resolves it to
 * src/render/index.ts.
 */
import { act } from '@testing-library/preact'
import { createContext, Fragment, h, render, type ComponentChildren } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { memo } from '../../src/render/h'

let root: HTMLElement | undefined
afterEach(() => {
  if (root) render(null, root)
  root?.remove()
  root = undefined
})
function mount(ui: ComponentChildren) {
  root = document.createElement('div')
  document.body.append(root)
  act(() => render(ui, root!))
  return root
}
const again = (ui: ComponentChildren) => act(() => render(ui, root!))
const tags = (el: Element) => [...el.childNodes].map((n) => (n as Element).id || n.textContent)

describe('elements and text', () => {
  it('renders nested elements, text and numbers; skips null, undefined and booleans', () => {
    const el = mount(
      <div id="a" class="x">
        {'hi '}
        {3}
        {null}
        {false}
        {true}
        {undefined}
        <b>bold</b>
      </div>,
    )
    expect(el.innerHTML).toBe('<div id="a" class="x">hi 3<b>bold</b></div>')
  })

  it('updates text and attributes in place, removing the ones that went away', () => {
    const el = mount(
      <p class="a" title="t" aria-pressed={true}>
        one
      </p>,
    )
    const p = el.firstChild
    const text = p!.firstChild
    again(<p aria-pressed={false}>two</p>)
    expect(el.firstChild).toBe(p)
    expect(p!.firstChild).toBe(text)
    expect(el.innerHTML).toBe('<p aria-pressed="false">two</p>')
  })

  it('sets properties where the element has one (disabled, value), attributes otherwise', () => {
    const el = mount(<button type="button" disabled data-n={1} role="tab" tabIndex={-1} />)
    const b = el.querySelector('button')!
    expect(b.disabled).toBe(true)
    expect(b.getAttribute('data-n')).toBe('1')
    expect(b.getAttribute('role')).toBe('tab')
    expect(b.getAttribute('tabindex')).toBe('-1')
    again(<button type="button" disabled={false} />)
    expect(b.disabled).toBe(false)
    expect(b.hasAttribute('data-n')).toBe(false)
    expect(b.hasAttribute('role')).toBe(false)
  })

  it("compares value with what the field holds now: typing is kept until the prop says otherwise", () => {
    const el = mount(<textarea value="" />)
    const t = el.querySelector('textarea')!
    t.value = 'typed'
    again(<textarea value="" />)
    expect(t.value).toBe('')
    t.value = 'typed again'
    again(<textarea value="typed again" />)
    expect(t.value).toBe('typed again')
  })

  it('creates SVG (and its children) in the SVG namespace', () => {
    const el = mount(
      <svg viewBox="0 0 24 24" class="i">
        <path d="M0 0" />
      </svg>,
    )
    const path = el.querySelector('path')!
    expect(path.namespaceURI).toBe('http://www.w3.org/2000/svg')
    expect(el.querySelector('svg')!.getAttribute('viewBox')).toBe('0 0 24 24')
    expect(el.querySelector('svg')!.getAttribute('class')).toBe('i')
  })

  it('render(null) removes everything it rendered and leaves foreign nodes alone', () => {
    const el = mount(<p>x</p>)
    const foreign = document.createElement('i')
    el.append(foreign)
    again(null)
    expect([...el.childNodes]).toEqual([foreign])
  })
})

describe('a hostile host page', () => {
  it("enumerable junk on Object.prototype (old MooTools-style libraries) never becomes a prop, attribute or listener", () => {
    const proto = Object.prototype as Record<string, unknown>
    proto.junk = 'junk'
    proto.onjunk = () => {}
    try {
      const el = mount(
        <p title="t">
          <b>x</b>
        </p>,
      )
      again(
        <p>
          <b>y</b>
        </p>,
      )
      expect(el.innerHTML).toBe('<p><b>y</b></p>')
      expect((el.querySelector('p') as unknown as { l?: object }).l).toBeUndefined()
    } finally {
      delete proto.junk
      delete proto.onjunk
    }
  })
})

describe('listeners', () => {
  it('calls the current handler, swaps it without re-adding, removes it when gone', () => {
    const first = vi.fn()
    const second = vi.fn()
    const el = mount(<button onClick={first} onPointerEnter={first} />)
    const b = el.querySelector('button')!
    b.click()
    again(<button onClick={second} />)
    b.click()
    b.dispatchEvent(new Event('pointerenter'))
    again(<button />)
    b.click()
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledTimes(1)
  })
})

describe('lists', () => {
  const List = ({ ids }: { ids: string[] }) => (
    <ul>
      {ids.map((id) => (
        <li key={id} id={id} />
      ))}
      <li id="tail" />
    </ul>
  )

  it('moves keyed children with their DOM nodes, and an unkeyed sibling after the list keeps its node', () => {
    const el = mount(<List ids={['a', 'b', 'c']} />)
    const ul = el.firstChild as Element
    const [a, b, c, tail] = [...ul.children]
    again(<List ids={['c', 'a', 'x', 'b']} />)
    expect(tags(ul)).toEqual(['c', 'a', 'x', 'b', 'tail'])
    expect([...ul.children].filter((n) => n.id != 'x')).toEqual([c, a, b, tail])
    again(<List ids={[]} />)
    expect(tags(ul)).toEqual(['tail'])
    expect(ul.firstChild).toBe(tail)
  })

  it('a conditional child keeps the position of the siblings after it (their nodes are kept)', () => {
    const T = ({ on }: { on: boolean }) => (
      <div>
        {on && <b id="b" />}
        <input id="i" />
      </div>
    )
    const el = mount(<T on={false} />)
    const input = el.querySelector('input')
    again(<T on />)
    expect(tags(el.firstChild as Element)).toEqual(['b', 'i'])
    expect(el.querySelector('input')).toBe(input)
  })

  it('a component returning several nodes or a Fragment puts them in order among siblings', () => {
    const Two = ({ n }: { n: number }) => (
      <>
        <i id={`x${n}`} />
        {n > 1 && <i id={`y${n}`} />}
      </>
    )
    const el = mount(
      <p>
        <b id="start" />
        <Two n={1} />
        <b id="end" />
      </p>,
    )
    again(
      <p>
        <b id="start" />
        <Two n={2} />
        <b id="end" />
      </p>,
    )
    expect(tags(el.firstChild as Element)).toEqual(['start', 'x2', 'y2', 'end'])
  })

  it("a component's own re-render places its new nodes among its parent's, not at the end", () => {
    let show!: (v: boolean) => void
    function Middle() {
      const [on, set] = useState(false)
      show = set
      return on ? h(Fragment, null, h('i', { id: 'm1' }), h('i', { id: 'm2' })) : null
    }
    const el = mount(
      <p>
        <b id="start" />
        <Middle />
        <b id="end" />
      </p>,
    )
    act(() => show(true))
    expect(tags(el.firstChild as Element)).toEqual(['start', 'm1', 'm2', 'end'])
    act(() => show(false))
    expect(tags(el.firstChild as Element)).toEqual(['start', 'end'])
  })
})

describe('refs', () => {
  it('an object or function ref gets the element, and null when it goes', () => {
    const obj = { current: null as HTMLParagraphElement | null }
    const fn = vi.fn()
    const el = mount(
      <div>
        <p ref={obj} />
        <b ref={fn} />
      </div>,
    )
    expect(obj.current).toBe(el.querySelector('p'))
    expect(fn).toHaveBeenLastCalledWith(el.querySelector('b'))
    again(<div />)
    expect(obj.current).toBe(null)
    expect(fn).toHaveBeenLastCalledWith(null)
  })
})

describe('memo, context and batching', () => {
  it('memo skips a re-render when no prop changed identity, but not its own state changes', () => {
    let renders = 0
    let set!: (n: number) => void
    const Item = memo(({ label }: { label: string }) => {
      const [n, setN] = useState(0)
      set = setN
      renders++
      return <i>{label + n}</i>
    })
    const el = mount(<Item label="a" />)
    again(<Item label="a" />)
    expect(renders).toBe(1)
    again(<Item label="b" />)
    expect(el.textContent).toBe('b0')
    act(() => set(1))
    expect(el.textContent).toBe('b1')
    expect(renders).toBe(3)
  })

  it('the very vnode rendered last time is not rendered again (children passed through, cached blocks)', () => {
    let renders = 0
    let set!: (n: number) => void
    const Counted = () => {
      renders++
      return <b>same</b>
    }
    const child = <Counted />
    function Parent() {
      const [n, setN] = useState(0)
      set = setN
      return (
        <p>
          {n}
          {child}
        </p>
      )
    }
    const el = mount(<Parent />)
    act(() => set(1))
    expect(el.textContent).toBe('1same')
    expect(renders).toBe(1)
  })

  it('several state changes in one task render once, parents before children', () => {
    const order: string[] = []
    let setA!: (n: number) => void
    let setB!: (n: number) => void
    let setC!: (n: number) => void
    function Leaf() {
      const [k, set] = useState(0)
      setC = set
      order.push(`leaf ${k}`)
      return <b>{k}</b>
    }
    function Child({ n }: { n: number }) {
      const [m, set] = useState(0)
      setB = set
      order.push(`child ${n} ${m}`)
      return (
        <i>
          {n + m}
          <Leaf />
        </i>
      )
    }
    function Parent() {
      const [n, set] = useState(0)
      setA = set
      order.push(`parent ${n}`)
      return <Child n={n} />
    }
    const el = mount(<Parent />)
    order.length = 0
    act(() => {
      setB(5)
      setA(1)
      setC(1)
      setA(2)
    })
    expect(order).toEqual(['parent 2', 'child 2 5', 'leaf 1'])
    expect(el.textContent).toBe('71')
  })

  it('without act(), a state change shows after a microtask', async () => {
    let set!: (s: string) => void
    function C() {
      const [s, setS] = useState('a')
      set = setS
      return <i>{s}</i>
    }
    const el = mount(<C />)
    set('b')
    expect(el.textContent).toBe('a')
    await Promise.resolve()
    expect(el.textContent).toBe('b')
  })

  it("a child's effects run before its parent's", () => {
    const log: string[] = []
    function Child() {
      useEffect(() => void log.push('child'), [])
      return null
    }
    function Parent() {
      useEffect(() => void log.push('parent'), [])
      return <Child />
    }
    mount(<Parent />)
    expect(log).toEqual(['child', 'parent'])
  })

  it('a Provider passes its value down; a consumer that unmounted is not re-rendered', () => {
    const Ctx = createContext('none')
    let renders = 0
    const Show = () => {
      renders++
      return <b>{useContext(Ctx)}</b>
    }
    const el = mount(
      <Ctx.Provider value="a">
        <Show />
      </Ctx.Provider>,
    )
    expect(el.textContent).toBe('a')
    again(<Ctx.Provider value="b">{null}</Ctx.Provider>)
    again(<Ctx.Provider value="c">{null}</Ctx.Provider>)
    expect(renders).toBe(1)
  })
})

describe('errors', () => {
  it("a component that throws while re-rendering is reported; the others in the batch still update", async () => {
    const reported: unknown[] = []
    const onError = (e: unknown) => reported.push(e)
    process.on('uncaughtException', onError)
    let setBad!: (b: boolean) => void
    let setGood!: (s: string) => void
    function Bad() {
      const [bad, set] = useState(false)
      setBad = set
      if (bad) throw new Error('boom')
      return <i>fine</i>
    }
    function Good() {
      const [s, set] = useState('a')
      setGood = set
      return <b>{s}</b>
    }
    const el = mount(
      <div>
        <Bad />
        <Good />
      </div>,
    )
    try {
      act(() => {
        setBad(true)
        setGood('b')
      })
      expect(el.querySelector('b')!.textContent).toBe('b')
      await new Promise((r) => setTimeout(r, 10))
    } finally {
      process.off('uncaughtException', onError)
    }
    expect(String(reported[0])).toContain('boom')
    // The failed component did not become stuck: it can render again.
    act(() => setBad(false))
    expect(el.querySelector('i')!.textContent).toBe('fine')
  })
})
