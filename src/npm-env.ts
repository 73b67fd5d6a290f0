/**
 * The npm package's widget env: chunks are dynamic imports (the app's bundler splits
 * them). Shared by `createWidget` (src/index.ts) and the element (src/element.ts).
 */
import type { StorageKind } from './core/config'
import type { LocaleModule } from './i18n/pick'
import { browserEnv } from './loader/browser-env'
import type { LoaderEnv } from './contracts'

/** Non-English locale tables, each its own chunk. */
function loadLocale(locale: string): Promise<LocaleModule> {
  if (locale === 'zh') return import('./i18n/zh')
  if (locale === 'ms') return import('./i18n/ms')
  if (locale === 'ta') return import('./i18n/ta')
  if (locale === 'ar') return import('./i18n/ar')
  return Promise.reject(new Error(`TalkDock: no locale ${locale}`))
}

export function npmEnv(win: Window & typeof globalThis, storage: StorageKind): LoaderEnv {
  const env = browserEnv(win, storage, () => import('./panel'), loadLocale, () => import('./attach/chunk'), () => import('./loader/sound'))
  env.loadVoice = () => import('./voice/chunk')
  return env
}
