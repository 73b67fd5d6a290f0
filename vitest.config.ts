import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const define = { __VERSION__: JSON.stringify(pkg.version), __OWN_LIVEKIT__: 'false' }
// Production JSX, like the build: no __self/__source props (they would become attributes).
const oxc = { jsx: { runtime: 'automatic' as const, importSource: 'preact', development: false } }

export default defineConfig({
  define,
  oxc,
  test: {
    projects: [
      {
        define,
        oxc,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'] },
      },
      {
        define,
        oxc,
        test: { name: 'component', environment: 'happy-dom', include: ['test/component/**/*.test.tsx'] },
      },
      {
        define,
        oxc,
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
