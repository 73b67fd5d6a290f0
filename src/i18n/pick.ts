/**
 * Which locale to show. Shipped: `en` (bundled), `zh` (Simplified), `ms`, `ta`,
 * and `ar` as a right-to-left sample; each non-English table is its own chunk.
 * No DOM and no globals: the loader passes in what the page says.
 */
import type { ErrorCode } from '../core/errors'
import type { Strings } from './types'

export const LOCALES = ['en', 'zh', 'ms', 'ta', 'ar'] as const
export type Locale = (typeof LOCALES)[number]

/** What a locale chunk exports. */
export interface LocaleModule {
  strings: Strings
}

/**
 * The first of `candidates` (the `locale` option, the page's `lang`, the
 * browser's languages) whose primary subtag we ship; else `en`. Only the first
 * non-empty candidate counts, so `lang="en"` on the page wins over a Chinese
 * browser, and an unsupported explicit locale shows English.
 */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  const primary = candidates.map((c) => (typeof c === 'string' ? c.trim() : '')).find(Boolean)?.toLowerCase().split(/[-_]/)[0]
  return (LOCALES as readonly (string | undefined)[]).includes(primary) ? (primary as Locale) : 'en'
}

/** The message to show for an error: the locale's `e_<code>` unless the server wrote it. */
export function errorText(t: Strings, error: { code: ErrorCode; message: string; fromServer?: boolean } | undefined, fallback: string): string {
  if (!error) return fallback
  return (!error.fromServer && t[`e_${error.code}`]) || error.message || fallback
}
