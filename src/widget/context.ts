import { createContext } from 'preact'
import type { ResolvedConfig } from '../core/config'
import type { Conversation } from '../core/conversation'

/** What every panel component may need, provided once by the panel root. */
export interface PanelServices {
  config: ResolvedConfig
  conversation: Conversation
  requestClose: () => void
}

export const Services = createContext<PanelServices>(null as unknown as PanelServices)
