/**
 * Creates the `<talkdock-widget>` host element with an open shadow root and
 * installs styles without inline `<style>` where the browser allows it
 * (constructable stylesheets work under a strict style-src CSP).
 */
import type { ResolvedConfig } from '../core/config'
import { isPlaceholder } from './attributes'

export interface Host {
  element: HTMLElement
  root: ShadowRoot
  /** Inline mode: in `container` or the page's `<talkdock-widget inline>`, not floating. */
  inline: boolean
  /** Adds a stylesheet to the shadow root (before the `customCss` one, which stays last). */
  addStyles(css: string): void
  remove(): void
}

/**
 * The host for `config`: `self`, a `<talkdock-widget>` element mounting itself (inline
 * with its `inline` attribute, else floating; kept on destroy); inline in `container`
 * (an element, or a selector), or in a `<talkdock-widget inline>` placeholder already on
 * the page (no option attribute, and no widget in it: used as it is, and kept on destroy); otherwise a floating
 * one at the end of the body. The hosts made here get their shadow root before they
 * are connected: that is how the registered element (src/element/define.ts) tells
 * them from elements a page placed.
 */
export function createHost(doc: Document, config: ResolvedConfig, self?: HTMLElement): Host {
  const target = self ? null : typeof config.container === 'string' ? doc.querySelector<HTMLElement>(config.container) : config.container
  const placed = self || (target ? null : [...doc.querySelectorAll<HTMLElement>('talkdock-widget[inline]')].find((e) => !e.shadowRoot?.firstChild && isPlaceholder(e)))
  const inline = !!(target || (placed && placed.hasAttribute('inline')))
  const own = !placed
  const element = placed || doc.createElement('talkdock-widget')
  // (Not set again on an element that has it: that would be an attribute change for the element to react to.)
  if (inline && !element.hasAttribute('inline')) element.setAttribute('inline', '')
  const root = element.shadowRoot || element.attachShadow({ mode: 'open' })
  const sheets: CSSStyleSheet[] = []
  const styles: HTMLStyleElement[] = []
  // The customCss sheet is added first (at most one) and stays last: the others go in before it.
  let custom = 0
  const add = (css: string) => {
    try {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      sheets.splice(sheets.length - custom, 0, sheet)
      root.adoptedStyleSheets = [...sheets]
    } catch {
      // No constructable stylesheets: <style> elements, in the same order.
      const style = doc.createElement('style')
      if (config.nonce) style.setAttribute('nonce', config.nonce)
      style.textContent = css
      styles.splice(styles.length - custom, 0, style)
      root.prepend(...styles)
    }
  }
  if (own) (target || doc.body).appendChild(element)
  if (config.customCss) {
    add(config.customCss)
    custom = 1
  }
  if (!inline && !self) {
    // The top layer puts the widget above any z-index on the page (where supported). Not for an
    // element hosting itself: the page placed it, and may move it (which would leave the top layer).
    element.setAttribute('popover', 'manual')
    try {
      element.showPopover()
    } catch {
      // Older browser: the z-index in the styles has to do.
    }
  }
  return {
    element,
    root,
    inline,
    addStyles: add,
    remove() {
      if (own) element.remove()
      else {
        root.replaceChildren()
        root.adoptedStyleSheets = []
      }
    },
  }
}
