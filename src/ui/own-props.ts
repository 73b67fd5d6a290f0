import { options, type VNode } from 'preact'

let installed = false

/**
 * Keeps a host page's enumerable junk on `Object.prototype` (old MooTools- or
 * Prototype-style libraries: `Object.prototype.extend = ...`) out of every vnode.
 * Preact's `h` copies props with `for…in`, which also walks inherited keys, so
 * without this each element's props would carry the junk as its own and
 * components would pass it on. The `options.vnode` hook runs for every vnode:
 * any key whose value is the inherited junk itself is deleted (and a junk `key`
 * or `ref` dropped). On a page without such junk, `for…in` over
 * `Object.prototype` finds nothing and the hook does nothing.
 *
 * A prop whose name and value are both exactly a junk entry's cannot be told
 * apart from it and is dropped too. Installed once, by the panel, on the Preact it
 * renders with (in the script-tag build the panel chunk's own, which the voice and
 * attach chunks share; in the npm package the app's), chained to any hook already
 * there.
 */
export function ownPropsOnly() {
  if (installed) return
  installed = true
  const proto = Object.prototype as Record<string, unknown>
  const next = options.vnode
  options.vnode = (vnode: VNode) => {
    const v = vnode as unknown as Record<string, unknown>
    const props = v.props as Record<string, unknown>
    for (const k in proto) {
      if (typeof props == 'object' && props[k] === proto[k]) delete props[k]
      if ((k == 'key' || k == 'ref') && v[k] === proto[k]) v[k] = undefined
    }
    next?.(vnode)
  }
}
