import type { FunctionComponent } from 'preact'

/** A vnode: what `h` returns and the renderer turns into DOM. */
export interface VNode {
  type: any
  props: any
  key: unknown
  ref?: unknown
}

/**
 * Creates a vnode, like Preact's `h`: `key` and `ref` are taken out of the props,
 * one child is `props.children` itself, several are an array.
 */
export function h(type: unknown, props: Record<string, unknown> | null, ...kids: unknown[]): VNode {
  const p: Record<string, unknown> = {}
  let key, ref
  // Own keys only: a host page's enumerable junk on Object.prototype is not a prop.
  for (const k of Object.keys(props || p))
    if (k == 'key') key = props![k]
    else if (k == 'ref') ref = props![k]
    else p[k] = props![k]
  if (kids.length) p.children = kids.length > 1 ? kids : kids[0]
  return { type, props: p, key, ref }
}

export const createRef = () => ({ current: null })

/**
 * A context: its Provider renders its children and hands `value` to every
 * `useContext` below it (src/render/hooks.ts), which gets `d` without one.
 */
export function createContext<T>(d: T) {
  const Provider = (p: { children?: unknown }) => p.children
  // Marks it for the renderer: a changed value re-renders the consumers.
  Provider.c = 1
  return { Provider, d }
}

/**
 * A component that re-renders only when a prop other than `children` changed
 * identity (or its own state changed), like `preact/compat`'s memo.
 */
export function memo<P extends object>(fn: FunctionComponent<P>): FunctionComponent<P> {
  const Memo = (p: P) => fn(p)
  Memo.m = 1
  return Memo
}
