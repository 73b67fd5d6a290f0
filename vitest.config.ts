import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const define = { __VERSION__: JSON.stringify(pkg.version), __OWN_LIVEKIT__: 'false' }
const oxc = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } }
// The same renderer as the build (build.mjs): ours (src/render/), not Preact. Testing
// Library and preact/test-utils are inlined so their imports of 'preact' resolve to it too.
const src = (f: string) => fileURLToPath(new URL(`./src/render/${f}`, import.meta.url))
const resolve = {
  alias: [
    { find: /^preact$/, replacement: src('index.ts') },
    { find: /^preact\/hooks$/, replacement: src('hooks.ts') },
  ],
}
const server = { deps: { inline: [/@testing-library\/preact/, /node_modules\/preact\//] } }

export default defineConfig({
  define,
  oxc,
  resolve,
  test: {
    projects: [
      {
        define,
        oxc,
        resolve,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'], server },
      },
      {
        define,
        oxc,
        resolve,
        test: { name: 'component', environment: 'happy-dom', include: ['test/component/**/*.test.tsx'], server },
      },
      {
        define,
        oxc,
        resolve,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A real browser on a loaded 2-core CI machine: give polled assertions time.
          expect: { poll: { timeout: 5_000, interval: 50 } },
          fileParallelism: false,
        },
      },
    ],
  },
})
