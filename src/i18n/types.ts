/**
 * The types of the UI text: the keys, a locale table or override (`Strings`),
 * and the full table the panel reads (`Texts`). Types only, beside the tables
 * they describe (./en.ts, ./en-voice.ts, ./en-attach.ts and the locales).
 */
import type { ErrorCode } from '../core/errors'

/**
 * Every UI string key: the panel's (./en.ts), the loader's, and the ones only the voice and attach
 * chunks show, whose English comes with those chunks (./en-voice.ts, ./en-attach.ts).
 */
export type StringKey = keyof typeof import('./en').EN | LoaderKey | keyof typeof import('./en-voice').VOICE_EN | keyof typeof import('./en-attach').ATTACH_EN

/** The launcher button's name: only the loader shows it, with its own English ('Open chat'), so it is not in the panel's table. */
type LoaderKey = 'openChat'

/**
 * A locale table or per-string overrides: any subset of the English keys, plus
 * `e_<code>` error messages (e.g. `e_network`) and `dir: "rtl"` for
 * right-to-left scripts.
 */
export type Strings = { [K in StringKey | `e_${ErrorCode}`]?: string } & { dir?: 'rtl' | 'ltr' }

/** The full string table: every English key present. */
export type Texts = typeof import('./en').EN & Strings
