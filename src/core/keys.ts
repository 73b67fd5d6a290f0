/** What a key press in the composer means. */
export type ComposerKeyAction = 'send' | 'newline' | 'swallow' | 'default'

export interface KeyInfo {
  key: string
  shiftKey: boolean
  /** True while an IME (Chinese, Malay, Tamil input...) is composing. */
  isComposing: boolean
  /** True for auto-repeat while a key is held. */
  repeat: boolean
  /** 229 is what browsers report for keys consumed by an IME (Safari's late Enter). */
  keyCode: number
}

/**
 * Enter sends; Shift+Enter is a newline; a held Enter (auto-repeat) does nothing
 * at all; Enter that commits an IME composition is left to the IME.
 */
export function composerKeyAction(e: KeyInfo): ComposerKeyAction {
  if (e.key !== 'Enter') return 'default'
  if (e.isComposing || e.keyCode === 229) return 'default'
  if (e.repeat) return 'swallow'
  return e.shiftKey ? 'newline' : 'send'
}
