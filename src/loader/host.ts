/**
 * Creates the `<talkdock-widget>` host element with an open shadow root and
 * installs styles without inline `<style>` where the browser allows it
 * (constructable stylesheets work under a strict style-src CSP).
 */
export interface Host {
  element: HTMLElement
  root: ShadowRoot
  /** Adds a stylesheet to the shadow root (before the `customCss` one, which stays last). */
  addStyles(css: string): void
  remove(): void
}

export function createHost(
  doc: Document,
  opts: { parent: HTMLElement; nonce: string; inline: boolean; element?: HTMLElement | null; customCss?: string },
): Host {
  // A `<talkdock-widget inline>` the page already has is used as it is (and kept on destroy).
  const own = !opts.element
  const element = opts.element || doc.createElement('talkdock-widget')
  if (opts.inline) element.setAttribute('inline', '')
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
      if (opts.nonce) style.setAttribute('nonce', opts.nonce)
      style.textContent = css
      styles.splice(styles.length - custom, 0, style)
      root.prepend(...styles)
    }
  }
  if (own) opts.parent.appendChild(element)
  if (opts.customCss) {
    add(opts.customCss)
    custom = 1
  }
  if (!opts.inline) {
    // The top layer puts the widget above any z-index on the page (where supported).
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
