/**
 * src/render/hooks.ts, the widget's hooks, through real components rendered by
 * our renderer into happy-dom. Imports say 'preact' and 'preact/hooks', like the
 * widget's: vitest.config.ts (and build.mjs) resolve those to src/render/.
 */
import { act } from '@testing-library/preact'
import { createContext, render, type ComponentChildren } from 'preact'
import * as hooks from 'preact/hooks'
import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { memo } from '../../src/render/h'
import * as own from '../../src/render/hooks'

let root: HTMLElement | undefined
afterEach(() => {
  if (root) render(null, root)
  root?.remove()
  root = undefined
})
/** A fresh container in the document (the one afterEach unmounts and removes). */
function container() {
  root = document.createElement('div')
  document.body.append(root)
  return root
}
/** Renders into a fresh container, flushing effects and re-renders (act). */
function mount(ui: preact.ComponentChild) {
  act(() => render(ui, container()))
  return root!
}
/** A component whose effect (no deps) counts its runs. */
function effectCounter() {
  let runs = 0
  function C() {
    useEffect(() => {
      runs++
    })
    return null
  }
  return { C, runs: () => runs }
}
const unmount = () => act(() => render(null, root!))
/** Lets a frame go by: effects scheduled outside act() run after the next paint. */
const frame = () => new Promise((r) => setTimeout(r, 60))

/** A parent that never re-renders its children: only their own state or context can. */
const Wall = memo(({ children }: { children: ComponentChildren }) => children as preact.VNode)

it("'preact/hooks' resolves to our hooks in the tests", () => {
  expect(hooks.useState).toBe(own.useState)
  expect(hooks.useEffect).toBe(own.useEffect)
  expect('useReducer' in hooks).toBe(false)
})

describe('useState', () => {
  it('starts from the initial value (or its initialiser) and re-renders with what the setter sets', () => {
    let set!: (v: number | ((n: number) => number)) => void
    let renders = 0
    function Counter() {
      const [n, setN] = useState(() => 40)
      const [label] = useState('n=')
      set = setN
      renders++
      return <p>{label + n}</p>
    }
    const el = mount(<Counter />)
    expect(el.textContent).toBe('n=40')
    act(() => set(41))
    expect(el.textContent).toBe('n=41')
    act(() => set((n) => n + 1))
    expect(el.textContent).toBe('n=42')
    expect(renders).toBe(3)
  })

  it('skips a value equal to the current one (Object.is) and keeps one setter for the life of the component', () => {
    const setters = new Set<unknown>()
    let set!: (v: number) => void
    let renders = 0
    function C() {
      const [n, setN] = useState(NaN)
      setters.add((set = setN))
      renders++
      return <p>{String(n)}</p>
    }
    mount(<C />)
    act(() => set(NaN))
    expect(renders).toBe(1)
    act(() => set(1))
    act(() => set(1))
    expect(renders).toBe(2)
    expect(setters.size).toBe(1)
  })

  it('re-renders the component itself, under a parent that does not re-render', () => {
    let set!: (v: string) => void
    function C() {
      const [s, setS] = useState('a')
      set = setS
      return <p>{s}</p>
    }
    const el = mount(
      <Wall>
        <C />
      </Wall>,
    )
    act(() => set('b'))
    expect(el.textContent).toBe('b')
  })

  it('keeps each component its own state, slot by slot in call order', () => {
    const sets: Array<(v: string) => void> = []
    function C({ id }: { id: string }) {
      const [a, setA] = useState(id + 'a')
      const [b, setB] = useState(id + 'b')
      sets.push(setA, setB)
      return <i>{a + b}</i>
    }
    const el = mount(
      <>
        <C id="1" />
        <C id="2" />
      </>,
    )
    expect(el.textContent).toBe('1a1b2a2b')
    act(() => sets[3]!('X'))
    expect(el.textContent).toBe('1a1b2aX')
  })

  it('a setter called after unmount does nothing', () => {
    let set!: (v: number) => void
    function C() {
      const [n, setN] = useState(0)
      set = setN
      return <p>{n}</p>
    }
    const el = mount(<C />)
    unmount()
    act(() => set(5))
    expect(el.textContent).toBe('')
  })
})

describe('useRef', () => {
  it('returns the same object on every render, starting at the initial value', () => {
    const refs: Array<{ current: unknown }> = []
    let set!: (v: number) => void
    function C() {
      const r = useRef(7)
      const [, setN] = useState(0)
      set = setN
      refs.push(r)
      return null
    }
    mount(<C />)
    expect(refs[0]!.current).toBe(7)
    refs[0]!.current = 8
    act(() => set(1))
    expect(refs).toHaveLength(2)
    expect(refs[1]).toBe(refs[0])
    expect(refs[1]!.current).toBe(8)
  })
})

describe('useContext', () => {
  const Ctx = createContext('default')
  function Show() {
    return <b>{useContext(Ctx)}</b>
  }

  it("is the context's default value without a provider", () => {
    expect(mount(<Show />).textContent).toBe('default')
  })

  it("is the nearest provider's value, and a changed value re-renders the consumer past a parent that does not", () => {
    const el = mount(
      <Ctx.Provider value="a">
        <Wall>
          <Show />
        </Wall>
      </Ctx.Provider>,
    )
    expect(el.textContent).toBe('a')
    act(() =>
      render(
        <Ctx.Provider value="b">
          <Wall>
            <Show />
          </Wall>
        </Ctx.Provider>,
        el,
      ),
    )
    expect(el.textContent).toBe('b')
  })

  it('subscribes once per component, and not after it unmounted', () => {
    let renders = 0
    let setOn!: (v: boolean) => void
    function Counted() {
      renders++
      return <b>{useContext(Ctx)}</b>
    }
    function Toggle() {
      const [on, set] = useState(true)
      setOn = set
      return on ? <Counted /> : null
    }
    const tree = (v: string) => (
      <Ctx.Provider value={v}>
        <Wall>
          <Toggle />
        </Wall>
      </Ctx.Provider>
    )
    const el = mount(tree('a'))
    act(() => render(tree('b'), el))
    act(() => render(tree('c'), el))
    expect(renders).toBe(3)
    expect(el.textContent).toBe('c')
    act(() => setOn(false))
    act(() => render(tree('d'), el))
    expect(renders).toBe(3)
    expect(el.textContent).toBe('')
  })
})

describe('useLayoutEffect', () => {
  it('runs once the DOM is committed, before render() returns; again only when a dep changed, after the cleanup', () => {
    const log: string[] = []
    function C({ dep, text }: { dep: number; text: string }) {
      const ref = useRef<HTMLParagraphElement>(null)
      useLayoutEffect(() => {
        log.push(`run ${dep} ${ref.current?.textContent}`)
        return () => log.push(`cleanup ${dep}`)
      }, [dep])
      return <p ref={ref}>{text}</p>
    }
    const el = container()
    render(<C dep={1} text="one" />, el)
    expect(log).toEqual(['run 1 one'])
    render(<C dep={1} text="two" />, el)
    expect(log).toEqual(['run 1 one'])
    render(<C dep={2} text="three" />, el)
    expect(log).toEqual(['run 1 one', 'cleanup 1', 'run 2 three'])
    render(null, el)
    expect(log).toEqual(['run 1 one', 'cleanup 1', 'run 2 three', 'cleanup 2'])
  })

  it('without deps runs after every render; with [] only after the first', () => {
    let every = 0
    let once = 0
    let set!: (v: number) => void
    function C() {
      const [n, setN] = useState(0)
      set = setN
      useLayoutEffect(() => {
        every++
      })
      useLayoutEffect(() => {
        once++
      }, [])
      return <p>{n}</p>
    }
    mount(<C />)
    act(() => set(1))
    act(() => set(2))
    expect([every, once]).toEqual([3, 1])
  })

  it('a state set in it re-renders before the test (or the browser) sees the first result', () => {
    function C() {
      const [w, setW] = useState(0)
      const ref = useRef<HTMLParagraphElement>(null)
      useLayoutEffect(() => setW(ref.current!.textContent!.length), [])
      return <p ref={ref}>{w ? `width ${w}` : 'measuring'}</p>
    }
    expect(mount(<C />).textContent).toBe('width 9')
  })
})

describe('useEffect', () => {
  it('runs after paint, not during render(); act() flushes it through options.requestAnimationFrame', () => {
    const log: string[] = []
    function C() {
      useEffect(() => {
        log.push('effect')
      }, [])
      useLayoutEffect(() => {
        log.push('layout')
      }, [])
      return null
    }
    const el = container()
    act(() => {
      render(<C />, el)
      expect(log).toEqual(['layout'])
    })
    expect(log).toEqual(['layout', 'effect'])
  })

  it('without act(), runs after the next frame', async () => {
    const { C, runs } = effectCounter()
    render(<C />, container())
    expect(runs()).toBe(0)
    await frame()
    expect(runs()).toBe(1)
  })

  it('re-runs only when a dep changed, after the previous cleanup; cleans up on unmount', () => {
    const log: string[] = []
    let set!: (v: { a: number; b: string }) => void
    function C() {
      const [s, setS] = useState({ a: 1, b: 'x' })
      set = setS
      useEffect(() => {
        log.push(`run ${s.a}`)
        return () => log.push(`cleanup ${s.a}`)
      }, [s.a])
      return <p>{s.b}</p>
    }
    const el = mount(<C />)
    act(() => set({ a: 1, b: 'y' }))
    expect(el.textContent).toBe('y')
    expect(log).toEqual(['run 1'])
    act(() => set({ a: 2, b: 'y' }))
    expect(log).toEqual(['run 1', 'cleanup 1', 'run 2'])
    unmount()
    expect(log).toEqual(['run 1', 'cleanup 1', 'run 2', 'cleanup 2'])
  })

  it('an effect still waiting for its frame never runs once its component unmounted', async () => {
    const { C, runs } = effectCounter()
    render(<C />, container())
    render(null, root!)
    await frame()
    expect(runs()).toBe(0)
  })

  it("a state set in it re-renders the component; every component's effect runs", () => {
    function C({ id }: { id: string }) {
      const [ready, setReady] = useState(false)
      useEffect(() => setReady(true), [])
      return <i>{ready ? id : '-'}</i>
    }
    const el = mount(
      <>
        <C id="a" />
        <C id="b" />
      </>,
    )
    expect(el.textContent).toBe('ab')
  })

  it("an effect that throws is reported, and the other components' effects still run", () => {
    const boom = new Error('boom')
    let ran = false
    function Bad() {
      useEffect(() => {
        throw boom
      }, [])
      return null
    }
    function Good() {
      useEffect(() => {
        ran = true
      }, [])
      return null
    }
    // The error is rethrown from a task of its own: catch that task instead of letting it fail the run.
    let reported = 0
    const timeout = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
      expect(fn).toThrow(boom)
      reported++
      return 0
    }) as unknown as typeof setTimeout)
    try {
      mount(
        <>
          <Bad />
          <Good />
        </>,
      )
    } finally {
      timeout.mockRestore()
    }
    expect(ran).toBe(true)
    expect(reported).toBe(1)
  })
})
