/**
 * How the renderer sets one prop on an element, with Preact's rules: `on*` is a
 * listener (lower-cased event name, one shared proxy per element, so swapping the
 * handler never re-adds it); a name the element has as a property is set as one
 * (`disabled`, `value`, `className`...), except those whose property differs from the
 * attribute (href, list, form, tabIndex, download, role, width, height); anything
 * else, and everything on SVG, is an attribute, removed for null/undefined and for
 * `false` unless it is an `aria-`/`data-` one (where "false" is a value).
 */
/** Sets one prop on an element: a listener, a property where the element has one, or an attribute. */
export function prop(d: any, k: string, v: any, svg: boolean) {
  if (k == 'children') return
  if (k[0] == 'o' && k[1] == 'n') {
    const type = k.slice(2).toLowerCase()
    const l = (d.l ||= {})
    if (v && !l[type]) d.addEventListener(type, proxy)
    else if (!v && l[type]) d.removeEventListener(type, proxy)
    l[type] = v
  } else {
    if (!svg && k in d && !/^(href|list|form|tabIndex|download|role|width|height)$/.test(k))
      try {
        d[k] = v ?? ''
        // Gone: also drop the attribute the property reflects to (title="" is not no title).
        if (v != null) return
      } catch {
        // A read-only property: set the attribute instead.
      }
    if (typeof v == 'function') return
    if (v != null && (v !== false || k[4] == '-')) d.setAttribute(k, v)
    else d.removeAttribute(k)
  }
}

function proxy(this: any, ev: Event) {
  return this.l[ev.type](ev)
}
