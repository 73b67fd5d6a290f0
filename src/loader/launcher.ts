/**
 * The launcher button, in plain DOM: it is all the first script has to show, so
 * it costs no framework on pages where the visitor never opens the chat.
 */
const SVG = 'http://www.w3.org/2000/svg'
const CHAT_PATH = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'

export function createLauncher(
  doc: Document,
  label: string,
  onActivate: () => void,
  onIntent: () => void,
  look: { text?: string; icon?: string } = {},
): HTMLButtonElement {
  const button = doc.createElement('button')
  button.type = 'button'
  button.className = 'td-launcher'
  // With visible text, that text is the accessible name (what a speech user says).
  if (!look.text) button.setAttribute('aria-label', label)
  button.setAttribute('aria-haspopup', 'dialog')
  button.setAttribute('aria-expanded', 'false')
  // Built node by node: no HTML parsing, so Trusted Types pages accept it.
  const svg = doc.createElementNS(SVG, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('focusable', 'false')
  const path = doc.createElementNS(SVG, 'path')
  path.setAttribute('d', CHAT_PATH)
  svg.appendChild(path)
  if (look.icon) {
    const img = doc.createElement('img')
    img.src = look.icon
    img.alt = ''
    button.appendChild(img)
  } else button.appendChild(svg)
  if (look.text) {
    const span = doc.createElement('span')
    span.textContent = look.text
    button.appendChild(span)
    button.classList.add('td-pill')
  }
  button.addEventListener('click', onActivate)
  // Start fetching the panel as soon as the visitor shows intent.
  button.addEventListener('pointerenter', onIntent, { once: true })
  button.addEventListener('focus', onIntent, { once: true })
  button.addEventListener('touchstart', onIntent, { once: true, passive: true })
  return button
}
