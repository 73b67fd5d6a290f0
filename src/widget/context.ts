import { createContext } from 'preact'
import type { VoiceController, WidgetEnv } from '../contracts'
import type { ResolvedConfig } from '../core/config'
import type { Conversation } from '../core/conversation'
import type { Texts } from '../i18n/types'

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
  env: WidgetEnv
  /** The voice call (src/core/voice.ts); its heavy part loads on the first start. */
  voice: VoiceController
}

export const Services = createContext<PanelServices>(null as unknown as PanelServices)
