import { createContext } from 'preact'
import type { ResolvedConfig } from '../core/config'
import type { Conversation } from '../core/conversation'
import type { EN, Strings } from '../i18n/en'

/** What every panel component may need, provided once by the panel root. */
export interface PanelServices {
  config: ResolvedConfig
  conversation: Conversation
  requestClose: () => void
  /** UI strings in the visitor's locale (English fills any gaps). */
  t: Texts
  /** Says `text` through the panel's polite live region (completed replies, voice state). */
  announce: (text: string) => void
  /** Adds styles to the widget's shadow root (the attach chunk's, when it is first used). */
  addStyles: (css: string) => void
  /** Outside services (photo attachments load their chunk, decode and upload through it). */
  env: import('../loader/env').WidgetEnv
  /** The voice call (src/core/voice.ts); its heavy part loads on the first start. */
  voice: import('../core/voice').VoiceController
}

/** The full string table: every English key present. */
export type Texts = typeof EN & Strings

export const Services = createContext<PanelServices>(null as unknown as PanelServices)
