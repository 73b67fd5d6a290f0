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
import type { LocaleModule } from './i18n/pick'
import { browserEnv } from './loader/browser-env'
import { mountWidget } from './loader/widget'

export type * from './api'


/** Non-English locale tables, each its own chunk. */
function loadLocale(locale: string): Promise<LocaleModule> {
  if (locale === 'zh') return import('./i18n/zh')
  if (locale === 'ms') return import('./i18n/ms')
  if (locale === 'ta') return import('./i18n/ta')
  if (locale === 'ar') return import('./i18n/ar')
  return Promise.reject(new Error(`TalkDock: no locale ${locale}`))
}

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
  const env = browserEnv(window, resolved.storage, () => import('./panel'), loadLocale, () => import('./attach/chunk'), () => import('./loader/sound'))
  const events = createEmitter<TalkDockEvents>((err) => console.error(err))
  env.loadVoice = () => import('./voice/chunk')
  // The widget emits `ready` itself, after this call.
  return mountWidget(resolved, env, events, __VERSION__)
}
