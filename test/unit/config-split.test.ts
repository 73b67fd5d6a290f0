import { describe, expect, it } from 'vitest'
import { DEFAULTS, LAUNCHER_DEFAULTS, PANEL_DEFAULTS, PANEL_KEYS, resolveConfig, resolveLauncherConfig, resolvePanelOptions } from '../../src/core/config'

const FALLBACK = 'https://cdn.example'

/**
 * talkdock.js resolves only the launcher's options at boot and hands the panel the
 * input of PANEL_KEYS, which the panel chunk resolves: together they must give
 * exactly what resolveConfig gives.
 */
describe('launcher / panel config split', () => {
  it('splits every option exactly once', () => {
    const launcher = Object.keys(LAUNCHER_DEFAULTS)
    const panel = Object.keys(PANEL_DEFAULTS)
    expect(launcher.filter((k) => panel.includes(k))).toEqual([])
    expect([...launcher, ...panel].sort()).toEqual(Object.keys(DEFAULTS).sort())
    expect([...PANEL_KEYS].sort()).toEqual([...panel, 'voicePushToTalk'].sort())
  })

  const inputs: Record<string, unknown>[] = [
    {},
    { botName: 'Ava', apiKey: 'pk', maxMessageLength: '200', historyLimit: '0', timeoutMs: -1, voicePushToTalk: '' },
    { voice: '{"pushToTalk":true,"agentTimeoutMs":5}', starterPrompts: 'A|B| |C', storage: 'session', position: 'bottom-left' },
    { starterPrompts: '["x", 1, "y"]', strings: '{"send":"Go"}', offsetX: '0', radius: 'x', theme: 'auto', openOnLoad: '' },
    { maxImageBytes: Symbol('x') as unknown, botName: Object.create(null), container: '#chat', apiUrl: 'https://a.example//' },
  ]
  it.each(inputs)('launcher part + panel part of %o = resolveConfig', (input) => {
    const panelInput: Record<string, unknown> = {}
    for (const key of PANEL_KEYS) panelInput[key] = input[key]
    const split = { ...resolvePanelOptions(panelInput), ...resolveLauncherConfig(input, FALLBACK) }
    expect(split).toEqual(resolveConfig(input, FALLBACK))
  })
})
