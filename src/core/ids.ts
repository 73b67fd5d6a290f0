/** A random RFC 4122 version-4 UUID from the given random source (crypto.getRandomValues-like). */
export function uuid(fill: (bytes: Uint8Array) => Uint8Array): string {
  const b = fill(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  // Two hex digits per byte ((x + 256) has three), a dash before bytes 4, 6, 8 and 10: 8-4-4-4-12.
  return Array.from(b, (x, i) => (i > 3 && i < 11 && !(i & 1) ? '-' : '') + (x + 256).toString(16).slice(1)).join('')
}

/** A session id: `td_` and a UUID, well within the backend's 100-character limit. */
export function newSessionId(fill: (bytes: Uint8Array) => Uint8Array): string {
  return `td_${uuid(fill)}`
}
