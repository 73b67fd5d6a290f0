/**
 * The npm package can be imported during server-side rendering: importing it in
 * Node (no window, no document) has no side effects and does not throw.
 * Runs against the built package (npm test builds first).
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const entry = new URL('../../dist/npm/index.js', import.meta.url)

describe('npm package under SSR', () => {
  it('imports without a window and exposes createWidget and the version', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const mod = await import(entry.href)
    expect(typeof mod.createWidget).toBe('function')
    expect(mod.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(() => mod.createWidget()).toThrow(/needs a browser/)
  })

  it('ships type declarations for the public API', () => {
    expect(existsSync(new URL('../../dist/npm/index.d.ts', import.meta.url))).toBe(true)
    expect(existsSync(new URL('../../dist/npm/api.d.ts', import.meta.url))).toBe(true)
  })
})
