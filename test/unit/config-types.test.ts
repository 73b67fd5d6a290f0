import { describe, expect, it } from 'vitest'
import { DEFAULTS, resolveConfig } from '../../src/core/config'

const FALLBACK = 'https://cdn.example'
const resolve = (input: Record<string, unknown>) => resolveConfig(input, FALLBACK) as unknown as Record<string, unknown>

/**
 * resolveConfig has one rule per type of default (talkdock.js resolves every
 * option with it at boot; the panel gets values): these pin each rule.
 */
describe('resolveConfig: one rule per type of default', () => {
  it('booleans: true, "true" and "1" are true; anything else false; "" keeps the default', () => {
    for (const key of ['openOnLoad', 'enableVoice']) {
      expect(resolve({ [key]: '1' })[key]).toBe(true)
      expect(resolve({ [key]: 'yes' })[key]).toBe(false)
      expect(resolve({ [key]: '' })[key]).toBe(false)
    }
  })

  it('numbers: positive; 0 only for historyLimit, radius and the offsets', () => {
    expect(resolve({ historyLimit: '0', radius: '0', offsetX: 0, offsetY: '0' })).toMatchObject({ historyLimit: 0, radius: 0, offsetX: 0, offsetY: 0 })
    for (const key of ['maxMessageLength', 'timeoutMs', 'sessionTtlHours', 'maxImageBytes', 'maxImageDimension']) {
      expect(resolve({ [key]: '0' })[key]).toBe((DEFAULTS as unknown as Record<string, unknown>)[key])
    }
    expect(resolve({ radius: '-1', offsetX: 'x', offsetY: '12.5' })).toMatchObject({ radius: 16, offsetX: 20, offsetY: 12.5 })
  })

  it('strings: converted; storage, position and theme only take their words', () => {
    expect(resolve({ greeting: 42, launcherText: 'Chat' })).toMatchObject({ greeting: '42', launcherText: 'Chat' })
    expect(resolve({ theme: 'auto', position: 'bottom-left', storage: 'none' })).toMatchObject({ theme: 'auto', position: 'bottom-left', storage: 'none' })
    expect(resolve({ theme: 'blue', position: 'top', storage: 'cookie' })).toMatchObject({ theme: 'light', position: 'bottom-right', storage: 'local' })
  })

  it('starterPrompts: an array, A|B|C or a JSON array; at most 6 non-blank strings', () => {
    expect(resolve({ starterPrompts: 'A|B| |C' }).starterPrompts).toEqual(['A', 'B', 'C'])
    expect(resolve({ starterPrompts: '["x", 1, "y"]' }).starterPrompts).toEqual(['x', 'y'])
    expect(resolve({ starterPrompts: ['1', '2', '3', '4', '5', '6', '7'] }).starterPrompts).toHaveLength(6)
    expect(resolve({ starterPrompts: '[broken' }).starterPrompts).toEqual([])
    expect(resolve({ starterPrompts: 5 }).starterPrompts).toEqual([])
  })

  it('strings and voice: an object or its JSON; arrays and malformed JSON keep the default', () => {
    expect(resolve({ strings: '{"send":"Go"}' }).strings).toEqual({ send: 'Go' })
    expect(resolve({ strings: { send: 'Go' } }).strings).toEqual({ send: 'Go' })
    expect(resolve({ strings: '["Go"]' }).strings).toEqual({})
    expect(resolve({ strings: '{nope' }).strings).toEqual({})
    expect(resolve({ voice: '{"pushToTalk":true,"agentTimeoutMs":5}' }).voice).toEqual({ pushToTalk: true, agentTimeoutMs: 5 })
    expect(resolve({ voice: { pushToTalk: 'true', agentTimeoutMs: -3, extra: 1 } }).voice).toEqual({ pushToTalk: true })
    expect(resolve({ voice: [] }).voice).toEqual({})
  })

  it('voicePushToTalk (data-voice-push-to-talk): present means on, and it adds to voice', () => {
    expect(resolve({ voicePushToTalk: '' }).voice).toEqual({ pushToTalk: true })
    expect(resolve({ voicePushToTalk: 'false', voice: '{"agentTimeoutMs":5}' }).voice).toEqual({ pushToTalk: false, agentTimeoutMs: 5 })
    expect(resolve({ voicePushToTalk: null }).voice).toEqual({})
  })

  it('container: an element or a selector, else none', () => {
    const el = { nodeType: 1 } as unknown as HTMLElement
    expect(resolve({ container: el }).container).toBe(el)
    expect(resolve({ container: '#chat' }).container).toBe('#chat')
    expect(resolve({ container: true }).container).toBeNull()
  })

  it('a throwing getter keeps that default and never throws', () => {
    const input: Record<string, unknown> = { botName: 'Ava' }
    for (const key of ['apiUrl', 'maxMessageLength', 'voicePushToTalk', 'theme']) {
      Object.defineProperty(input, key, { get: () => { throw new Error('no') }, enumerable: true })
    }
    const c = resolve(input)
    expect(c).toMatchObject({ botName: 'Ava', apiUrl: FALLBACK, maxMessageLength: 1000, theme: 'light', voice: {} })
  })
})
