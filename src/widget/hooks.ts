/**
 * The five hooks the widget uses (useState, useRef, useContext, useEffect,
 * useLayoutEffect), in place of preact/hooks: build.mjs and vitest.config.ts
 * alias every import of 'preact/hooks' to this file. preact/hooks carries a
 * dozen hooks and devtools plumbing the widget never calls; this costs about
 * half as many bytes in the panel chunk.
 *
 * Built, like preact/hooks, on Preact's private but stable plug points, under
 * their mangled names in Preact 11.2.0's dist (package.json pins that exact
 * version; test/unit/preact-internals.test.ts fails if they change):
 *   options.__r(vnode)   called before each render of a component
 *   vnode.__c            the vnode's component instance
 *   component.__h        its render callbacks, called once the DOM is committed
 *   context.__c / .__    a context's id in `component.context` / its default value
 *   provider.sub(c)      re-renders `c` when the provider's value changes
 * and the public options.unmount and options.requestAnimationFrame.
 *
 * Each component keeps its hooks' slots in `component.__td`, one object per
 * hook call in call order. Effects: an effect whose deps changed is stored in
 * its slot (`f`) and run by `run`: layout effects from the component's render
 * callbacks (after the DOM is updated, before paint), effects after the next
 * frame is painted. A slot's pending effect is replaced by a newer render's
 * (deps changed twice before it ran: only the latest runs).
 */
import { options } from 'preact'
import type { useContext as UseContext, useRef as UseRef, useState as UseState } from 'preact/hooks'

type Cleanup = void | (() => void)
interface Slot {
  /** The hook's value: useState's [state, set], useRef's ref, useContext's "subscribed". */
  v?: any
  /** An effect to run (its deps changed), its deps, the cleanup of the last run. */
  f?: (() => Cleanup) | 0
  d?: readonly unknown[]
  x?: Cleanup
}
interface Instance {
  __td?: Slot[]
  __h: Array<() => void>
  context: Record<string, { sub(c: Instance): void; props: { value: unknown } }>
  setState(s: object): void
}
interface Internal {
  __r?(v: { __c: Instance }): void
  unmount?(v: { __c?: Instance }): void
  requestAnimationFrame?(cb: () => void): void
}

const o = options as Internal
let current: Instance
let index: number
/** Slots whose effect waits for the frame after paint. */
let queue: Slot[] = []
/** The scheduler the pending flush went to (act() swaps it in options.requestAnimationFrame). */
let scheduled: Internal['requestAnimationFrame']

const prevRender = o.__r
o.__r = (v) => {
  prevRender?.(v)
  current = v.__c
  index = 0
}

const prevUnmount = o.unmount
o.unmount = (v) => {
  prevUnmount?.(v)
  v.__c?.__td?.forEach((s) => {
    s.f = 0
    if (typeof s.x == 'function') s.x()
  })
}

const slot = (): Slot => ((current.__td ||= [])[index++] ||= {})

/** Runs the slot's pending effect, after the previous run's cleanup. */
function run(s: Slot) {
  const f = s.f
  if (f) {
    s.f = 0
    if (typeof s.x == 'function') s.x()
    s.x = f()
  }
}

function flush() {
  for (const s of queue.splice(0)) {
    try {
      run(s)
    } catch (e) {
      // Report it, but the other components' effects still run.
      setTimeout(() => {
        throw e
      })
    }
  }
}

/** Like Preact's: after the next frame is painted (rAF, then a task), or 35 ms if no frame comes (hidden tab). */
function afterPaint() {
  const t = setTimeout(flush, 35)
  requestAnimationFrame(() => {
    clearTimeout(t)
    setTimeout(flush)
  })
}

function effect(layout: boolean, f: () => Cleanup, deps?: readonly unknown[]) {
  const s = slot()
  const d = s.d
  if (!d || !deps || deps.length != d.length || deps.some((a, i) => !Object.is(a, d[i]))) {
    s.f = f
    s.d = deps
    if (layout) current.__h.push(() => run(s))
    else if (queue.push(s) == 1 || scheduled != o.requestAnimationFrame) ((scheduled = o.requestAnimationFrame) || afterPaint)(flush)
  }
}

export const useState = (<S>(init: S | (() => S)) => {
  const s = slot()
  const c = current
  return (s.v ||= [
    typeof init == 'function' ? (init as () => S)() : init,
    (next: S | ((prev: S) => S)) => {
      const prev = s.v[0]
      if (typeof next == 'function') next = (next as (prev: S) => S)(prev)
      if (!Object.is(next, prev)) {
        s.v = [next, s.v[1]]
        c.setState({})
      }
    },
  ])
}) as typeof UseState

export const useRef = ((init?: unknown) => (slot().v ||= { current: init })) as typeof UseRef

export const useContext = ((ctx: { __c: string; __: unknown }) => {
  const c = current
  const p = c.context[ctx.__c]
  const s = slot()
  if (!p) return ctx.__
  s.v ||= (p.sub(c), 1)
  return p.props.value
}) as unknown as typeof UseContext

export const useEffect = (f: () => Cleanup, deps?: readonly unknown[]): void => effect(false, f, deps)

export const useLayoutEffect = (f: () => Cleanup, deps?: readonly unknown[]): void => effect(true, f, deps)
