import type { ComponentType, FunctionComponent } from 'preact'
import { Component, h } from 'preact'

/**
 * Re-renders `fn` only when a prop changed identity (a shallow compare of the new
 * props' keys: the memoised component always gets the same ones), like
 * `preact/compat`'s memo without pulling in compat.
 */
export function memo<P extends object>(fn: FunctionComponent<P>): ComponentType<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const prev = this.props as Record<string, unknown>
      for (const k in next) if (k !== 'children' && next[k] !== prev[k]) return true
      return false
    }
    override render() {
      return h(fn, this.props)
    }
  }
  return Memo as unknown as ComponentType<P>
}
