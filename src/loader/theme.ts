/**
 * Brand options → attributes and CSS custom properties on the host element.
 * Only values that differ from the defaults are set inline, so a page can also
 * theme the widget from its own CSS (`talkdock-widget { --td-primary: … }`).
 * The text colour on the brand colour (`--td-on-primary`) is chosen in CSS.
 */
import type { ResolvedConfig } from '../core/config'

/** The custom properties applyLook set on each element (so it never removes one the page set inline). */
const ours = new WeakMap<HTMLElement, Set<string>>()

export function applyLook(el: HTMLElement, c: ResolvedConfig): void {
  el.setAttribute('data-position', c.position)
  el.setAttribute('data-theme', c.theme)
  // A value back at its default is removed, if it was ours (an element's options change live).
  const mine = ours.get(el) || new Set<string>()
  ours.set(el, mine)
  const set = (name: string, value: string | false) => {
    const p = `--td-${name}`
    if (value) el.style.setProperty(p, value), mine.add(p)
    else if (mine.delete(p)) el.style.removeProperty(p)
  }
  set('primary', c.primaryColor !== '#2563eb' && c.primaryColor)
  set('text', c.textColor)
  set('bg', c.backgroundColor)
  set('font', c.fontFamily)
  set('radius', c.radius !== 16 && `${c.radius}px`)
  set('x', c.offsetX !== 20 && `${c.offsetX}px`)
  set('y', c.offsetY !== 20 && `${c.offsetY}px`)
}
