/**
 * Keeps the conversation between page loads in a Storage-like object that is
 * passed in (localStorage, sessionStorage, or nothing). Namespaced and versioned;
 * expires after the TTL. Corrupt, full or blocked storage never throws out of here.
 * There is no `clear`: a new conversation is saved over the old one under the same key.
 */
import type { ChatMessage } from './types'
import { isObject, isString, parseObject, toJson } from './json'

export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** What is stored under one key per site + backend. */
export interface Saved {
  v: 1
  sessionId: string
  messages: ChatMessage[]
  /** Unsent composer text. */
  draft: string
  /** Whether the panel was open, so navigation keeps it open. */
  open: boolean
  /** Epoch ms of the last change; the conversation expires `ttlMs` after it. */
  updatedAt: number
  /** Free-form extras (identity, context, visitor preferences). */
  extra?: Record<string, unknown>
}

export interface Persistence {
  /** The stored conversation, or null when none, expired, corrupt or unreadable. */
  load(): Saved | null
  /** Saves; returns false when storage refused (full, blocked). */
  save(data: Saved): boolean
  /** The storage key, so cross-tab `storage` events can be matched. */
  readonly key: string
}

export const STORAGE_VERSION = 1
/** Most messages kept in storage; older ones are dropped first. */
export const MAX_STORED_MESSAGES = 200

export function storageKey(namespace: string): string {
  return `talkdock:v${STORAGE_VERSION}:${namespace}`
}

export function createPersistence(opts: { storage: StorageLike | null; namespace: string; ttlMs: number; now: () => number }): Persistence {
  const key = storageKey(opts.namespace)
  const store = opts.storage
  return {
    key,
    load() {
      if (!store) return null
      try {
        const raw = store.getItem(key)
        if (!raw) return null
        const data = parseSaved(raw)
        if (!data || opts.now() - data.updatedAt > opts.ttlMs) {
          store.removeItem(key)
          return null
        }
        return data
      } catch {
        return null
      }
    },
    save(data) {
      if (!store) return true
      let messages = data.messages.slice(-MAX_STORED_MESSAGES)
      for (;;) {
        try {
          store.setItem(key, toJson({ ...data, messages }))
          return true
        } catch {
          // Quota exceeded: keep the newest half and try again.
          if (messages.length <= 1) return false
          messages = messages.slice(Math.ceil(messages.length / 2))
        }
      }
    },
  }
}

/** Parses and validates stored text; anything malformed yields null. */
export function parseSaved(raw: string): Saved | null {
  const o = parseObject(raw)
  if (!o || o.v !== STORAGE_VERSION || !isString(o.sessionId) || !o.sessionId || typeof o.updatedAt !== 'number') return null
  return {
    v: 1,
    sessionId: o.sessionId.slice(0, 100),
    messages: Array.isArray(o.messages) ? o.messages.filter(isMessage) : [],
    draft: isString(o.draft) ? o.draft : '',
    open: o.open === true,
    updatedAt: o.updatedAt,
    extra: isObject(o.extra) ? o.extra : undefined,
  }
}

const STATUSES = ['queued', 'sending', 'sent', 'failed', 'no_reply', 'streaming', 'done', 'stopped', 'cut']

function isMessage(o: unknown): o is ChatMessage {
  if (!isObject(o)) return false
  // (STATUSES holds strings only, so `includes` is also the type check of `status`.)
  return (
    isString(o.id) &&
    (o.role === 'user' || o.role === 'assistant') &&
    isString(o.text) &&
    STATUSES.includes(o.status as string) &&
    typeof o.at === 'number'
  )
}
