/** A tiny typed event emitter. A throwing handler never breaks the widget or other handlers. */
export interface Emitter<E extends object> {
  on<K extends keyof E>(event: K, handler: (payload: E[K]) => void): () => void
  emit<K extends keyof E>(event: K, payload: E[K]): void
  clear(): void
}

export function createEmitter<E extends object>(onHandlerError?: (err: unknown) => void): Emitter<E> {
  let handlers: { [K in keyof E]?: Array<(payload: E[K]) => void> } = {}
  return {
    on(event, handler) {
      ;(handlers[event] ||= []).push(handler)
      return () => {
        handlers[event] = handlers[event]?.filter((h) => h !== handler)
      }
    },
    emit(event, payload) {
      for (const h of handlers[event]?.slice() ?? []) {
        try {
          h(payload)
        } catch (err) {
          onHandlerError?.(err)
        }
      }
    },
    clear() {
      handlers = {}
    },
  }
}
