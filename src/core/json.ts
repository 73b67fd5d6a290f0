/**
 * `JSON.stringify` that a host page cannot bend: old libraries (Prototype.js)
 * define `Array.prototype.toJSON`, which would turn every array we send or
 * store into a string. The replacer puts the original array back.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const original = this[key]
    return Array.isArray(original) ? original : v
  })
}

/** JSON text parsed to an object (or array); null for anything else or malformed text. */
export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(text)
    return isObject(parsed) ? parsed : null
  } catch {
    return null
  }
}

export const isString = (v: unknown): v is string => typeof v === 'string'

/** An object or array (not null). */
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object'
