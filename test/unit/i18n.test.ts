import { describe, expect, it } from 'vitest'
import { fromTradeZone } from '../../src/compat/map'
import { EN as PANEL_EN, fmt } from '../../src/i18n/en'
import { ATTACH_EN } from '../../src/i18n/en-attach'
import { VOICE_EN } from '../../src/i18n/en-voice'
import { errorText, pickLocale } from '../../src/i18n/pick'
import { strings as ar } from '../../src/i18n/ar'
import { strings as ms } from '../../src/i18n/ms'
import { strings as ta } from '../../src/i18n/ta'
import { strings as zh } from '../../src/i18n/zh'
import { CHAT_ERROR_CODES as ERROR_CODES, defaultMessage } from '../../src/core/errors'

/** Every English string: the loader's launcher name (src/loader/mount.ts), the panel's, and those the voice and attach chunks carry. */
const EN = { openChat: 'Open chat', ...PANEL_EN, ...VOICE_EN, ...ATTACH_EN }

describe('pickLocale', () => {
  it.each([
    [['zh-SG'], 'zh'],
    [['zh-Hans-CN'], 'zh'],
    [['ms_MY'], 'ms'],
    [['TA-in'], 'ta'],
    [['ar'], 'ar'],
    [['en-GB'], 'en'],
    [['fr'], 'en'],
    [[undefined, '', '  ', 'ms'], 'ms'],
    [['', 'zh-CN', 'ta'], 'zh'],
    [['en', 'zh-CN'], 'en'], // the page says English: the browser's Chinese does not win
    [[null, undefined], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (candidates, expected) => {
    expect(pickLocale(...candidates)).toBe(expected)
  })
})

describe('locale tables', () => {
  const tables = { zh, ms, ta }
  for (const [name, table] of Object.entries(tables)) {
    it(`${name} translates every UI string and every error code`, () => {
      expect(Object.keys(EN).filter((k) => !(k in table) && k !== 'said')).toEqual([])
      expect(ERROR_CODES.filter((c) => !table[`e_${c}`])).toEqual([])
    })
    it(`${name} has no unknown keys and keeps every {placeholder}`, () => {
      for (const [k, v] of Object.entries(table)) {
        if (k.startsWith('e_') || k === 'dir') continue
        expect(k in EN, `unknown key ${k}`).toBe(true)
        const want = (EN[k as keyof typeof EN].match(/\{\w+\}/g) ?? []).sort()
        expect((String(v).match(/\{\w+\}/g) ?? []).sort(), `${name}.${k}`).toEqual(want)
      }
    })
  }
  it('ar is a right-to-left sample with only known keys', () => {
    expect(ar.dir).toBe('rtl')
    for (const k of Object.keys(ar)) expect(k === 'dir' || k.startsWith('e_') || k in EN, k).toBe(true)
  })
  it('the panel and the voice and attach chunks each carry their own English strings, none twice', () => {
    const keys = [...Object.keys(PANEL_EN), ...Object.keys(VOICE_EN), ...Object.keys(ATTACH_EN)]
    expect(keys.length).toBe(new Set(keys).size)
    // What shows before a chunk arrives stays in the panel: the buttons, a failed chunk's words.
    for (const k of ['startVoice', 'dismiss', 'attach', 'photo', 'photoMessage', 'photoDecode']) expect(k in PANEL_EN, k).toBe(true)
  })
  it('every error code has an English default the UI falls back to', () => {
    for (const c of ERROR_CODES) expect(defaultMessage(c).length).toBeGreaterThan(10)
  })
})

describe('errorText', () => {
  const t = { ...PANEL_EN, ...zh }
  it('shows the locale message for a code, the English message when the locale has none', () => {
    expect(errorText(t, { code: 'network', message: defaultMessage('network') }, '')).toBe(zh.e_network)
    expect(errorText(PANEL_EN, { code: 'network', message: defaultMessage('network') }, '')).toBe(defaultMessage('network'))
    expect(errorText(t, { code: 'voice_mic_denied', message: 'Microphone blocked.' }, '')).toBe('Microphone blocked.')
  })
  it("shows the server's own sentence as it is", () => {
    expect(errorText(t, { code: 'unavailable', message: 'Daily usage limit reached.', fromServer: true }, '')).toBe('Daily usage limit reached.')
  })
  it('uses the fallback without an error', () => {
    expect(errorText(t, undefined, t.notSent)).toBe('未发送。')
  })
})

describe('fmt', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(fmt(PANEL_EN.over, { n: '1,500', max: '1,000' })).toBe('1,500 / 1,000 characters. Shorten your message to send it.')
    expect(fmt('{a} {b}', { a: 1 })).toBe('1 {b}')
  })
})

describe('TradeZone compatibility mapping', () => {
  it('maps the old options, normalises position and reports what is not carried over', () => {
    const { config, ignored } = fromTradeZone({
      apiUrl: 'https://trade.rezult.co',
      apiKey: 'pk_1',
      botName: 'Izacc',
      botSubtitle: 'Assistant',
      greeting: 'Hi',
      placeholder: 'Ask…',
      primaryColor: '#7c3aed',
      secondaryColor: '#a855f7',
      position: 'left',
      enableVoice: true,
      videoUrl: 'https://x/y.mp4',
    })
    expect(config).toEqual({
      apiUrl: 'https://trade.rezult.co',
      apiKey: 'pk_1',
      botName: 'Izacc',
      botSubtitle: 'Assistant',
      greeting: 'Hi',
      placeholder: 'Ask…',
      primaryColor: '#7c3aed',
      position: 'bottom-left',
      enableVoice: true,
    })
    expect(ignored).toEqual(['secondaryColor', 'videoUrl'])
    expect(fromTradeZone({ position: 'bottom-right' }).config.position).toBe('bottom-right')
    expect(fromTradeZone(null)).toEqual({ config: { enableVoice: true }, ignored: [] })
  })

  it('keeps voice on without enableVoice, as the old widget did (its default was true); false still turns it off', () => {
    expect(fromTradeZone({ apiUrl: 'https://trade.rezult.co', apiKey: 'pk_1' }).config).toEqual({ apiUrl: 'https://trade.rezult.co', apiKey: 'pk_1', enableVoice: true })
    expect(fromTradeZone({ enableVoice: false }).config.enableVoice).toBe(false)
  })
})
