/**
 * Creates the `<talkdock-widget>` host element with an open shadow root and
 * installs styles without inline `<style>` where the browser allows it
 * (constructable stylesheets work under a strict style-src CSP).
 */
export interface Host {
  element: HTMLElement
  root: ShadowRoot
  /** Adds a stylesheet to the shadow root. */
  addStyles(css: string): void
  remove(): void
}

export function createHost(doc: Document, opts: { parent: HTMLElement; nonce: string; inline: boolean }): Host {
  const element = doc.createElement('talkdock-widget')
  if (opts.inline) element.setAttribute('inline', '')
  const root = element.attachShadow({ mode: 'open' })
  const sheets: CSSStyleSheet[] = []
  const addStyles = (css: string) => {
    try {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      sheets.push(sheet)
      root.adoptedStyleSheets = [...sheets]
      return
    } catch {
      // No constructable stylesheets: fall back to a <style> element.
    }
    const style = doc.createElement('style')
    if (opts.nonce) style.setAttribute('nonce', opts.nonce)
    style.textContent = css
    root.prepend(style)
  }
  opts.parent.appendChild(element)
  return { element, root, addStyles, remove: () => element.remove() }
}
