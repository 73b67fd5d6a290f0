/**
 * The five hooks the widget uses: useState, useRef, useContext, useEffect and
 * useLayoutEffect, with Preact's signatures (build.mjs and vitest alias
 * 'preact/hooks' to this file).
 *
 * Each component keeps its hooks' slots in its instance (`s`), one per hook call in
 * call order. Effects: an effect whose deps changed is stored in its slot (`f`) and
 * run by `run`: layout effects once the render is committed (the DOM updated, before
 * paint), effects after the next frame is painted (src/render/diff.ts schedules both;
 * a component's run after its children's, as in Preact). A slot's pending effect is
 * replaced by a newer render's (deps changed twice before it ran: only the latest runs).
 */
import type { useContext as UseContext, useRef as UseRef, useState as UseState } from 'preact/hooks'
import { current, enqueue, layout, passive, type Inst, type Slot } from './diff'

const slot = (): Slot => ((current.s ||= [])[current.i!++] ||= {})

/** Runs the slot's pending effect, after the previous run's cleanup. */
function run(s: Slot) {
  const f = s.f
  if (f) {
    s.f = 0
    if (typeof s.x == 'function') s.x()
    s.x = f()
  }
}

function effect(isLayout: boolean, f: () => unknown, deps?: readonly unknown[]) {
  const s = slot()
  const d = s.d
  if (!d || !deps || deps.length != d.length || deps.some((a, i) => !Object.is(a, d[i]))) {
    s.f = f
    s.d = deps
    ;(isLayout ? layout : passive).push(() => run(s))
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
        enqueue(c)
      }
    },
  ])
}) as typeof UseState

export const useRef = ((init?: unknown) => (slot().v ||= { current: init })) as typeof UseRef

/** The nearest Provider's value (the default without one); re-renders when it changes. */
export const useContext = ((ctx: { Provider: unknown; d: unknown }) => {
  const c = current
  const s = slot()
  let p: Inst | undefined = c.u
  while (p && p.t !== ctx.Provider) p = p.u
  if (!p) return ctx.d
  if (!s.v) {
    const subs = (p.c ||= new Set())
    subs.add(c)
    s.v = 1
    s.x = () => subs.delete(c)
  }
  return p.p.value
}) as unknown as typeof UseContext

export const useEffect = (f: () => unknown, deps?: readonly unknown[]): void => effect(false, f, deps)

export const useLayoutEffect = (f: () => unknown, deps?: readonly unknown[]): void => effect(true, f, deps)
