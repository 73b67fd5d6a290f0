/**
 * The renderer's core: turns a tree of vnodes into DOM and keeps it up to date.
 *
 * Every rendered vnode becomes an `Inst` (one per element, text node and component
 * call) that remembers what was rendered last time. A render compares the new vnodes
 * with a parent's instances slot by slot (a keyed child by its key, any other by its
 * position), reuses an instance whose type matches, creates the rest and unmounts
 * what is left over; then `place` puts the DOM nodes in order, moving only the ones
 * that are out of place (a focused input that stays in its slot is never moved).
 *
 * The same rules as Preact for the subset the widget uses: function components,
 * Fragment, keyed lists, an array child counting as one slot, SVG, `on*` listeners,
 * properties where the element has one and attributes otherwise, live `value`, and
 * `ref`. State changes are batched: a component whose state changed re-renders in the
 * next microtask, parents first; `options.debounceRendering` and
 * `options.requestAnimationFrame` are Preact's test hooks, so `preact/test-utils`'
 * `act()` drives this renderer too.
 */
import type { VNode } from './h'
import { prop } from './props'

export interface Slot {
  /** The hook's value: useState's pair, useRef's ref, useContext's "subscribed". */
  v?: any
  /** An effect to run (its deps changed) or 0, its deps, the cleanup of the last run. */
  f?: (() => unknown) | 0
  d?: readonly unknown[]
  x?: unknown
}

export interface Inst {
  /** The vnode's type: a tag, a component, or '#' for text. */
  t: any
  /** The vnode last rendered here. */
  v?: VNode
  /** Its props (the text, for a text node). */
  p?: any
  /** Its slot among its siblings: '$' + key, or its position. */
  y?: string | number
  /** The parent instance (none for a root). */
  u?: Inst
  /** The DOM node of an element, a text or a root. */
  d?: any
  /** The child instances, in order. */
  k: Inst[]
  /** Depth, so a batch re-renders parents before children. */
  n: number
  /** A component's element ancestor (whose DOM holds its nodes), and whether it is inside an SVG. */
  e?: Inst
  g?: boolean
  /** A component's hook slots and the next slot's index. */
  s?: Slot[]
  i?: number
  /** An element's ref. */
  r?: any
  /** A Provider's consumers. */
  c?: Set<Inst>
  /** Queued for re-render; unmounted. */
  x?: number
  z?: number
}

export const options: {
  /** Schedules a batch of re-renders (default: a microtask). */
  debounceRendering?: (flush: () => void) => void
  /** Schedules effects (default: after the next paint). */
  requestAnimationFrame?: (flush: () => void) => void
} = {}

/** The component being rendered: its hooks read and write its slots. */
export let current: Inst
/** Effects of what is being rendered: layout ones run once the DOM is committed, the others after paint. */
export const layout: Array<() => void> = []
export const passive: Array<() => void> = []

let queue: Inst[] = []
let scheduled: typeof options.debounceRendering
/** The scheduler the pending effects went to (act() swaps one in), if any. */
let painting: typeof options.requestAnimationFrame | 0 = 0

/** Reports an error from a component without stopping the others. */
const report = (e: unknown) =>
  setTimeout(() => {
    throw e
  })

/** Re-renders `i` in the next batch. */
export function enqueue(i: Inst) {
  if (!i.x && !i.z) {
    i.x = 1
    if (queue.push(i) == 1 || scheduled != options.debounceRendering)
      ((scheduled = options.debounceRendering) || ((f: () => void) => Promise.resolve().then(f)))(flush)
  }
}

function flush() {
  for (let q; (q = queue).length; ) {
    queue = []
    q.sort((a, b) => a.n - b.n)
    for (const i of q)
      if (i.x && !i.z)
        try {
          update(i)
          place(i.e!)
        } catch (e) {
          report(e)
        }
  }
  commit()
}

/** Runs each function, reporting (not throwing) an error so the others still run. */
const all = (fs: Array<() => void>) => {
  for (const f of fs.splice(0))
    try {
      f()
    } catch (e) {
      report(e)
    }
}

/** Like Preact's: after the next frame is painted (rAF, then a task), or 35 ms if no frame comes (hidden tab). */
function afterPaint(f: () => void) {
  const t = setTimeout(f, 35)
  requestAnimationFrame(() => {
    clearTimeout(t)
    setTimeout(f)
  })
}

/** After a render: its layout effects now, its other effects after paint. */
function commit() {
  all(layout)
  if (passive.length && painting !== options.requestAnimationFrame) {
    painting = options.requestAnimationFrame
    ;(painting || afterPaint)(() => {
      painting = 0
      all(passive)
    })
  }
}

const same = (a: any, b: any) => {
  for (const k in b) if (k != 'children' && a[k] !== b[k]) return false
  return true
}

/** Calls a component and renders what it returns as its children (whose effects run before its own). */
function update(i: Inst) {
  i.x = 0
  i.i = 0
  current = i
  const l = layout.length
  const q = passive.length
  const out = i.t(i.p)
  const own = [layout.splice(l), passive.splice(q)]
  children(i, out, i.e!, i.g!)
  layout.push(...own[0])
  passive.push(...own[1])
}

/** The vnode for one child, or null for nothing (null, undefined, booleans). */
function norm(c: any): VNode | null {
  return c == null || typeof c == 'boolean'
    ? null
    : typeof c != 'object'
      ? { type: '#', props: '' + c, key: null }
      : Array.isArray(c)
        ? { type: Fragment, props: { children: c }, key: null }
        : c
}

/** Renders `list` as `u`'s children; their DOM nodes go into `e`'s element. */
function children(u: Inst, list: any, e: Inst, svg: boolean) {
  const old = new Map<unknown, Inst>()
  for (const c of u.k) old.set(c.y, c)
  const out: Inst[] = []
  ;(Array.isArray(list) ? list : [list]).forEach((c, n) => {
    const v = norm(c)
    if (!v) return
    const y = v.key != null ? '$' + v.key : n
    let o = old.get(y)
    if (o && o.t === v.type) old.delete(y)
    else o = undefined
    out.push(diff(u, v, o, y, e, svg))
  })
  old.forEach((o) => unmount(o, true))
  u.k = out
}

/** Renders `v` in place of `o` (an instance of the same type), or as a new instance. */
function diff(u: Inst, v: VNode, o: Inst | undefined, y: string | number, e: Inst, svg: boolean): Inst {
  const t = v.type
  const p = v.props
  const i: Inst = o || { t, k: [], u, n: u.n + 1 }
  const old = i.p
  i.y = y
  // The very vnode rendered here last time (a cached markdown block, children passed
  // through): nothing in it changed.
  if (i.v === v) return i
  i.v = v
  i.p = p
  if (t == '#') {
    if (!o) i.d = e.d.ownerDocument.createTextNode(p)
    else if (old !== p) i.d.data = p
  } else if (typeof t == 'function') {
    i.e = e
    i.g = svg
    // A Provider whose value changed re-renders its consumers, even behind a memo.
    if (o && t.c && old.value !== p.value) i.c?.forEach(enqueue)
    if (o && t.m && same(old, p)) i.p = old
    else update(i)
  } else {
    svg = t == 'svg' || (svg && t != 'foreignObject')
    const doc = e.d.ownerDocument
    const d = (i.d ||= svg ? doc.createElementNS('http://www.w3.org/2000/svg', t) : doc.createElement(t))
    const prev = old || {}
    // Own keys only (see h): never an attribute from a host page's Object.prototype junk.
    for (const k of Object.keys(prev)) if (!(k in p)) prop(d, k, null, svg)
    for (const k of Object.keys(p)) if (k == 'value' || k == 'checked' ? p[k] !== undefined && d[k] !== p[k] : prev[k] !== p[k]) prop(d, k, p[k], svg)
    children(i, p.children, i, svg)
    place(i)
    if (i.r !== v.ref) {
      ref(i.r, null)
      ref((i.r = v.ref), d)
    }
  }
  return i
}

/** Puts the DOM nodes of `e`'s children in order in its element, moving only misplaced ones. */
function place(e: Inst) {
  const dom = e.d
  let at = dom.firstChild
  const walk = (k: Inst[]) => {
    for (const c of k)
      if (!c.d) walk(c.k)
      else if (c.d == at) at = at.nextSibling
      else dom.insertBefore(c.d, at)
  }
  walk(e.k)
}

function ref(r: any, value: unknown) {
  if (typeof r == 'function') r(value)
  else if (r) r.current = value
}

/** Unmounts `i` and its children; `top`: remove its DOM nodes (not done again for their descendants). */
function unmount(i: Inst, top: boolean) {
  i.z = 1
  i.s?.forEach((s) => {
    s.f = 0
    if (typeof s.x == 'function') s.x()
  })
  ref(i.r, null)
  for (const c of i.k) unmount(c, top && !i.d)
  if (top && i.d) i.d.remove()
}

/** Renders `v` into `el`, updating what an earlier call rendered there; `null` unmounts it. */
export function render(v: unknown, el: any) {
  const root: Inst = (el.__td ||= { d: el, k: [], n: 0 })
  children(root, v, root, false)
  place(root)
  commit()
}

export function Fragment(p: { children?: unknown }) {
  return p.children
}
