import { describe, expect, it } from 'vitest'
import { composerKeyAction, type ComposerKeyAction, type KeyInfo } from '../../src/core/keys'

const key = (over: Partial<KeyInfo>): KeyInfo => ({ key: 'Enter', shiftKey: false, isComposing: false, repeat: false, keyCode: 13, ...over })

describe('composerKeyAction', () => {
  it.each<[string, Partial<KeyInfo>, ComposerKeyAction]>([
    ['Enter sends', {}, 'send'],
    ['Shift+Enter is a newline', { shiftKey: true }, 'newline'],
    ['held Enter (auto-repeat) is swallowed: no second send, no newline', { repeat: true }, 'swallow'],
    ['held Shift+Enter is swallowed too', { repeat: true, shiftKey: true }, 'swallow'],
    ['Enter committing an IME composition is left to the IME', { isComposing: true }, 'default'],
    ['Safari late IME Enter (keyCode 229) is left to the IME', { keyCode: 229 }, 'default'],
    ['IME Enter with Shift is left to the IME', { isComposing: true, shiftKey: true }, 'default'],
    ['IME auto-repeat is left to the IME', { isComposing: true, repeat: true }, 'default'],
    ['keyCode 229 with repeat is left to the IME', { keyCode: 229, repeat: true }, 'default'],
    ['letters type normally', { key: 'a', keyCode: 65 }, 'default'],
    ['Escape is not handled here', { key: 'Escape', keyCode: 27 }, 'default'],
    ['Tab is not handled here', { key: 'Tab', keyCode: 9 }, 'default'],
    ['numpad Enter reports key "Enter" and sends', { key: 'Enter', keyCode: 13 }, 'send'],
    ['IME process key (key "Process") is default', { key: 'Process', keyCode: 229 }, 'default'],
  ])('%s', (_name, over, expected) => {
    expect(composerKeyAction(key(over))).toBe(expected)
  })
})
