import type { ReadableAtom } from '../stores/atom'
import { useLayoutEffect, useState } from 'preact/hooks'

/**
 * The store's current value; the component re-renders when it changes.
 *
 * Our own instead of `@nanostores/preact`'s, which defers every re-render to a
 * `setTimeout`: a message sent in a keydown would then be rendered after the
 * frame it belongs to and shown one frame late. Here the change goes through
 * the renderer's own queue (a microtask), so it lands in the same frame.
 */
export function useStore<T>(store: ReadableAtom<T>): T {
  const value = store.get()
  // Holds the last value heard from the store: setting an equal one does not re-render.
  const [, set] = useState<T>(value)
  useLayoutEffect(() => {
    const off = store.listen((next) => set(() => next))
    // A change between this render and the subscription would otherwise be missed.
    if (store.get() !== value) set(() => store.get())
    return off
  }, [store])
  return value
}
