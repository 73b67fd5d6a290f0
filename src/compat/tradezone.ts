/**
 * dist/tradezone-compat.js: a drop-in replacement for the old TradeZone widget
 * script. It is talkdock.js plus `window.TradeZoneChatEnhanced`, so a shop
 * switches by changing one script URL and keeps its `init({...})` call:
 *
 *   <script src="https://…/tradezone-compat.js"></script>
 *   <script>TradeZoneChatEnhanced.init({ apiUrl, apiKey, botName, … })</script>
 *
 * Like boot.ts, this entry may touch window globals. Chunks (panel, locales)
 * load from this script's folder with its `?v=`.
 */
import './manual'
import '../boot'
import type { TalkDockHandle } from '../api'
import { fromTradeZone, type TradeZoneOptions } from './map'

const w = window as unknown as { TalkDock: TalkDockHandle & { init(c: unknown): TalkDockHandle }; TradeZoneChatEnhanced?: unknown; console?: Console }

if (!w.TradeZoneChatEnhanced) {
  const td = () => w.TalkDock
  w.TradeZoneChatEnhanced = {
    init(options?: TradeZoneOptions) {
      const { config, ignored } = fromTradeZone(options)
      if (ignored.length) w.console?.warn?.(`[TalkDock] TradeZoneChatEnhanced options not carried over: ${ignored.join(', ')}`)
      return td().init(config)
    },
    open: () => td().open(),
    close: () => td().close(),
    toggle: () => td().toggle(),
    send: (text: string) => td().send(text),
    destroy: () => td().destroy(),
  }
}
