import { Component, h, type ComponentChildren, type FunctionComponent } from 'preact'

/**
 * `preact/compat`'s `memo` on Preact's own `Component`: the wrapped component
 * re-renders only when a prop (children included) changed identity, or its own
 * state or a context it reads changed. Not imported from `preact/compat`: that
 * module cannot be tree-shaken (its import alone adds ~3.5 KiB brotli and swaps
 * Preact's event and prop handling for React's through global `options` hooks).
 */
export function memo<P extends object>(fn: FunctionComponent<P>) {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P) {
      return differs(this.props, next)
    }
    render(props: P & { children?: ComponentChildren }) {
      return h(fn, props)
    }
  }
}

/** Whether two props objects differ in any value (compared with ===) or key. */
function differs(a: object, b: object) {
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  for (const k in x) if (x[k] !== y[k]) return true
  for (const k in y) if (!(k in x)) return true
  return false
}
