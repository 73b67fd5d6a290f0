/**
 * Brand options → attributes and CSS custom properties on the host element.
 * Only values that differ from the defaults are set inline, so a page can also
 * theme the widget from its own CSS (`talkdock-widget { --td-primary: … }`).
 * The text colour on the brand colour (`--td-on-primary`) is chosen in CSS.
 */
import type { ResolvedConfig } from '../core/config'

export function applyLook(el: HTMLElement, c: ResolvedConfig): void {
  el.setAttribute('data-position', c.position)
  el.setAttribute('data-theme', c.theme)
  // A value back at its default is removed (an element's options change live).
  const set = (name: string, value: string | false) => (value ? el.style.setProperty(`--td-${name}`, value) : el.style.removeProperty(`--td-${name}`))
  set('primary', c.primaryColor !== '#2563eb' && c.primaryColor)
  set('text', c.textColor)
  set('bg', c.backgroundColor)
  set('font', c.fontFamily)
  set('radius', c.radius !== 16 && `${c.radius}px`)
  set('x', c.offsetX !== 20 && `${c.offsetX}px`)
  set('y', c.offsetY !== 20 && `${c.offsetY}px`)
}
