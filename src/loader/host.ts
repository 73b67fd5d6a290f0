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
  let tail: CSSStyleSheet | null = null
  let tailStyle: HTMLStyleElement | null = null
  const add = (css: string, last: boolean) => {
    try {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      if (last) tail = sheet
      else sheets.push(sheet)
      root.adoptedStyleSheets = tail ? [...sheets, tail] : [...sheets]
      return
    } catch {
      // No constructable stylesheets: fall back to <style> elements, in order.
    }
    const style = doc.createElement('style')
    if (opts.nonce) style.setAttribute('nonce', opts.nonce)
    style.textContent = css
    if (last) tailStyle = style
    else styles.push(style)
    root.prepend(...styles, ...(tailStyle ? [tailStyle] : []))
  }
  if (own) opts.parent.appendChild(element)
  if (opts.customCss) add(opts.customCss, true)
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
    addStyles: (css) => add(css, false),
    remove() {
      if (own) element.remove()
      else {
        root.replaceChildren()
        root.adoptedStyleSheets = []
      }
    },
  }
}
