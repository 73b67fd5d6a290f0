/** Replaced by build.mjs (and vitest.config.ts) with package.json's version. */
declare const __VERSION__: string
/**
 * True in the script-tag voice chunk (dist/talkdock-voice.js), whose livekit-client
 * copy is the widget's own; false in the npm build (livekit-client is the app's) and
 * in tests. Set by build.mjs (and vitest.config.ts); may be undeclared in other bundles.
 */
declare const __OWN_LIVEKIT__: boolean
