/** Replaced by build.mjs (and vitest.config.ts) with package.json's version. */
declare const __VERSION__: string
