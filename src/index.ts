/**
 * The npm entry: `import { createWidget } from 'talkdock'`.
 *
 * Importing is side-effect free and safe under SSR (nothing touches `window`
 * until `createWidget` is called in a browser).
 */
import type { TalkDockEvents, TalkDockHandle } from './api'
import type { TalkDockConfig } from './core/config'
import { resolveConfig } from './core/config'
import { createEmitter } from './core/emitter'
import { npmEnv } from './npm-env'
import { mountWidget } from './loader/mount'

export type * from './api'


/** The build's version (package.json). */
export const version: string = __VERSION__

/**
 * Creates a widget: floating over the page, or inside `config.container`.
 * Returns the same handle as the script tag's `TalkDock`. Call `destroy()` to remove it.
 * Throws only when called where there is no browser window (SSR).
 */
export function createWidget(config: TalkDockConfig = {}): TalkDockHandle {
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new Error('TalkDock: createWidget() needs a browser; call it on the client.')
  }
  const resolved = resolveConfig(config as Record<string, unknown>, window.location.origin)
  const env = npmEnv(window, resolved.storage)
  const events = createEmitter<TalkDockEvents>((err) => console.error(err))
  // The widget emits `ready` itself, after this call.
  return mountWidget(resolved, env, events, __VERSION__)
}
