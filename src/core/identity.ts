/** Who is asking (`TalkDock.identify`) and what page they are on (`TalkDock.setContext`). */
import { isObject, isString } from './json'

/** Sent as the request's `user` field. Every field is optional. */
export interface Identity {
  id?: string
  name?: string
  email?: string
  /** An HMAC of `id` computed by the site's server, for backends that verify identity. */
  hash?: string
}

/** Largest `context` accepted, as JSON characters. */
export const MAX_CONTEXT_CHARS = 8192

/** Keeps the known string fields (each capped at 200 characters); null when nothing usable. */
export function cleanIdentity(v: unknown): Identity | null {
  if (!isObject(v)) return null
  const out: Identity = {}
  for (const k of ['id', 'name', 'email', 'hash'] as const) {
    if (isString(v[k]) && v[k]) out[k] = (v[k] as string).slice(0, 200)
    else if (typeof v[k] === 'number') out[k] = String(v[k])
  }
  return Object.keys(out).length ? out : null
}

/**
 * A plain JSON copy of the context (so later changes by the page do not leak in),
 * or null when it is not an object, not serialisable, or too large.
 */
export function cleanContext(value: unknown): Record<string, unknown> | null {
  if (!isObject(value) || Array.isArray(value)) return null
  try {
    const json = JSON.stringify(value)
    if (!json || json.length > MAX_CONTEXT_CHARS) return null
    return JSON.parse(json)
  } catch {
    return null
  }
}
