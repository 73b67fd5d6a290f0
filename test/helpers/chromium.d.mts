// Types for chromium.mjs.
import type { Browser } from 'playwright-core'

export declare const CHROMIUM: string
export declare const BASE_FLAGS: string[]
export declare const MEDIA_FLAGS: string[]
export declare const OFFLINE_FLAGS: string[]
export declare function launch(extra?: string[]): Promise<Browser>
