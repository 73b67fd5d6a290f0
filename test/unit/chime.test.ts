/**
 * The chime (the panel's browser services, `chime`): the AudioContext is made and resumed at once,
 * inside the click that primes it; the sound itself comes from the `sound` chunk.
 */
import { describe, expect, it, vi } from 'vitest'
import { browserServices } from '../../src/panel-env'
import { blip } from '../../src/loader/sound'

function fakeAudio() {
  const made: FakeContext[] = []
  class FakeContext {
    state = 'suspended'
    currentTime = 5
    destination = {}
    played: Array<{ freq: number; start: number; stop: number }> = []
    resume = vi.fn(() => ((this.state = 'running'), Promise.resolve()))
    constructor() {
      made.push(this)
    }
    createOscillator() {
      const osc = {
        frequency: { value: 0 },
        connect: (g: unknown) => g,
        start: (t: number) => this.played.push({ freq: osc.frequency.value, start: t, stop: 0 }),
        stop: (t: number) => (this.played[this.played.length - 1].stop = t),
      }
      return osc
    }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (d: unknown) => d }
    }
  }
  return { made, FakeContext }
}

function env(AudioContext: unknown, loadSound?: () => Promise<{ blip: typeof blip }>) {
  const win = { document: {}, navigator: { language: 'en' }, AudioContext } as unknown as Window & typeof globalThis
  return browserServices(win, loadSound)
}

describe('chime', () => {
  it('prime: makes and resumes the AudioContext at once, fetches the sound, plays nothing', async () => {
    const { made, FakeContext } = fakeAudio()
    const loadSound = vi.fn(() => Promise.resolve({ blip }))
    const { chime } = env(FakeContext, loadSound)
    chime!(true)
    expect(made).toHaveLength(1)
    expect(made[0].resume).toHaveBeenCalledTimes(1)
    expect(loadSound).toHaveBeenCalledTimes(1)
    await Promise.resolve()
    await Promise.resolve()
    expect(made[0].played).toEqual([])
  })

  it('a chime plays the chunk\'s 300 ms, 880 Hz blip on the same context', async () => {
    const { made, FakeContext } = fakeAudio()
    const { chime } = env(FakeContext, () => Promise.resolve({ blip }))
    chime!(true)
    chime!()
    await vi.waitFor(() => expect(made[0].played).toEqual([{ freq: 880, start: 5, stop: 5.3 }]))
    expect(made).toHaveLength(1)
  })

  it('is silent, never throwing, without WebAudio or when the chunk does not load', async () => {
    expect(() => env(undefined, () => Promise.resolve({ blip })).chime!()).not.toThrow()
    const { made, FakeContext } = fakeAudio()
    const { chime } = env(FakeContext, () => Promise.reject(new Error('offline')))
    expect(() => chime!()).not.toThrow()
    await Promise.resolve()
    expect(made[0].played).toEqual([])
    expect(() => blip({} as AudioContext)).not.toThrow()
  })
})
