/**
 * The modules the panel chunk lends to the voice and attach chunks. Chunks are
 * separate classic scripts, so a component in one of them must run on the
 * panel's Preact (one `options`, one render queue, one hooks state), not on a copy:
 * build.mjs turns a chunk's imports of these modules into reads from this
 * object, which the loader hands to the chunk's factory.
 *
 * Exactly the names in ./shared-modules.json (test/unit/shared-modules.test.ts
 * checks): importing any other name from a shared module in a chunk fails the
 * build. Explicit imports (not `export * as`) so the panel keeps only these.
 */
import { Fragment, h } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

export const shared = {
  preact: { Fragment, h },
  'preact/hooks': { useEffect, useRef },
}

export type SharedModules = typeof shared
