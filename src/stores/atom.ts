/**
 * The store every other store here is made of: a value, `set`, and listeners
 * called when it changes. Our own instead of nanostores' `atom`, which also
 * carries mount/unmount lifecycles, a global epoch and a notification queue that
 * nothing here uses (about 0.2 KiB brotli of the panel).
 */
export interface ReadableAtom<T> {
  get(): T
  /** Calls `fn` after each change; returns the function that stops it. */
  listen(fn: (value: T) => void): () => void
}

export interface WritableAtom<T> extends ReadableAtom<T> {
  /** Changes the value; setting the same value again notifies nobody. */
  set(value: T): void
}

export function atom<T>(value: T): WritableAtom<T> {
  const fns = new Set<(value: T) => void>()
  return {
    get: () => value,
    set(next) {
      if (next === value) return
      value = next
      // `value`, not `next`: a listener that sets the store again leaves the rest the newest value.
      for (const fn of fns) fn(value)
    },
    listen(fn) {
      // A listener removed while others are being called is not called after (Set iteration).
      fns.add(fn)
      return () => void fns.delete(fn)
    },
  }
}
