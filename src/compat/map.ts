/**
 * Maps the old widget's `TradeZoneChatEnhanced.init(options)` onto TalkDock's
 * config. Pure: no DOM, no globals (unit-tested).
 */
import type { TalkDockConfig } from '../core/config'

/** What existing embeds pass to `TradeZoneChatEnhanced.init`. */
export interface TradeZoneOptions {
  apiUrl?: string
  apiKey?: string
  botName?: string
  botSubtitle?: string
  greeting?: string
  placeholder?: string
  primaryColor?: string
  /** Not carried over: TalkDock picks the text colour on the brand colour itself. */
  secondaryColor?: string
  position?: string
  /** Default true, as in the old widget. */
  enableVoice?: boolean
  /** Not carried over: TalkDock has no video avatar. */
  videoUrl?: string
  [other: string]: unknown
}

/** Old options TalkDock has no equivalent for (ignored, with one console warning). */
export const NOT_CARRIED = ['secondaryColor', 'videoUrl'] as const

export function fromTradeZone(options: TradeZoneOptions | null | undefined): { config: TalkDockConfig; ignored: string[] } {
  const o: Record<string, unknown> = options && typeof options === 'object' ? options : {}
  const config: Record<string, unknown> = {}
  const ignored: string[] = []
  for (const key of Object.keys(o)) {
    if (o[key] === undefined || o[key] === null || o[key] === '') continue
    if ((NOT_CARRIED as readonly string[]).includes(key)) ignored.push(key)
    else config[key] = o[key]
  }
  // The old widget offered voice unless told not to (its default was true).
  config.enableVoice = o.enableVoice === undefined || o.enableVoice === null || o.enableVoice === '' ? true : o.enableVoice
  // The old widget also accepted "left"/"right" and "bottom-left"/"bottom-right".
  if (typeof o.position === 'string') config.position = /left/i.test(o.position) ? 'bottom-left' : 'bottom-right'
  return { config: config as TalkDockConfig, ignored }
}
