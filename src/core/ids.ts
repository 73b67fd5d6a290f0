/** A random RFC 4122 version-4 UUID from the given random source (crypto.getRandomValues-like). */
export function uuid(fill: (bytes: Uint8Array) => Uint8Array): string {
  const b = fill(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** A session id: `td_` and a UUID, well within the backend's 100-character limit. */
export function newSessionId(fill: (bytes: Uint8Array) => Uint8Array): string {
  return `td_${uuid(fill)}`
}
