// A small deterministic shop agent for the demo and the tests: answers from a
// built-in product list, otherwise with a helpful default. Same input, same reply.

export const PRODUCTS = [
  { id: 'ps5', name: 'PlayStation 5 Slim', price: 'S$599', words: ['ps5', 'playstation'], img: '/demo-img/ps5.svg' },
  { id: 'switch', name: 'Nintendo Switch OLED', price: 'S$469', words: ['switch', 'nintendo'], img: '/demo-img/switch.svg' },
  { id: 'xm5', name: 'Sony WH-1000XM5', price: 'S$399', words: ['headphone', 'xm5', 'sony'], img: '/demo-img/xm5.svg' },
  { id: 'iphone15', name: 'iPhone 15 128GB', price: 'S$1,199', words: ['iphone', 'apple'], img: '/demo-img/iphone.svg' },
  { id: 'steamdeck', name: 'Steam Deck OLED 512GB', price: 'S$889', words: ['steam deck', 'steamdeck'], img: '/demo-img/deck.svg' },
  { id: 'rtx4070', name: 'GeForce RTX 4070 Super', price: 'S$899', words: ['rtx', 'graphics card', 'gpu', 'nvidia'], img: '/demo-img/rtx.svg' },
]

/**
 * The reply text (markdown) for a message. Product images are the dev server's own files
 * (demo/img/, served at /demo-img/): `imageOrigin` makes their URLs absolute, as the widget requires.
 */
export function answer(message, shopUrl = 'https://tradezone.sg', imageOrigin = '') {
  const text = String(message).toLowerCase()
  const hits = PRODUCTS.filter((p) => p.words.some((w) => text.includes(w)))
  if (hits.length) {
    const lines = hits.map((p) => `![${p.name}](${imageOrigin}${p.img})\n**[${p.name}](${shopUrl}/p/${p.id})** — ${p.price}`)
    return `Here is what we have in stock:\n\n${lines.join('\n\n')}\n\nWould you like to reserve one for pickup?`
  }
  if (/trade|sell/.test(text)) {
    return 'We buy used consoles, phones and graphics cards. Send a **photo** of the item and tell me its condition, and I will give you a trade-in estimate.'
  }
  if (/^(hi|hello|hey)\b/.test(text)) return 'Hi! I am Amara from TradeZone. Ask me about consoles, phones, headphones or trade-ins.'
  if (/hour|open|location|where/.test(text)) return 'Our store at 21 Hougang St 51 is open **daily, 11am to 8pm**.'
  return `Thanks for your message! I can help with product availability, prices and trade-ins. Try asking about the PS5 or a Nintendo Switch.`
}

/** Quick replies offered with an answer. */
export function suggestionsFor(message) {
  const text = String(message).toLowerCase()
  if (PRODUCTS.some((p) => p.words.some((w) => text.includes(w)))) return ['Reserve for pickup', 'Do you deliver?']
  return undefined
}
