/**
 * The launcher button, in plain DOM: it is all the first script has to show, so
 * it costs no framework on pages where the visitor never opens the chat.
 */
const SVG = 'http://www.w3.org/2000/svg'
const CHAT_PATH = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'

/**
 * The launcher: `text` (visible, and then its accessible name) and `icon` (an
 * image URL instead of the chat bubble) come from the options. Without text, the
 * caller sets its `aria-label` (in the visitor's language). `onIntent` runs when
 * the visitor first points at, focuses or touches it.
 */
export function createLauncher(doc: Document, text: string, icon: string, onActivate: () => void, onIntent: () => void): HTMLButtonElement {
  const button = doc.createElement('button')
  button.type = 'button'
  button.className = text ? 'td-launcher td-pill' : 'td-launcher'
  button.setAttribute('aria-haspopup', 'dialog')
  button.setAttribute('aria-expanded', 'false')
  // Built node by node: no HTML parsing, so Trusted Types pages accept it.
  if (icon) {
    const img = button.appendChild(doc.createElement('img'))
    img.src = icon
    img.alt = ''
  } else {
    const svg = button.appendChild(doc.createElementNS(SVG, 'svg'))
    svg.setAttribute('viewBox', '0 0 24 24')
    svg.setAttribute('aria-hidden', 'true')
    svg.appendChild(doc.createElementNS(SVG, 'path')).setAttribute('d', CHAT_PATH)
  }
  if (text) button.appendChild(doc.createElement('span')).textContent = text
  button.addEventListener('click', onActivate)
  // Start fetching the panel as soon as the visitor shows intent.
  for (const type of ['pointerenter', 'focus', 'touchstart']) button.addEventListener(type, onIntent, { once: true, passive: true })
  return button
}
