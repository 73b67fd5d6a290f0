/**
 * The panel chunk (dist/talkdock-panel.js): everything needed once the visitor
 * opens the chat. Loaded lazily by the launcher; never touches window globals
 * (every outside service arrives in `ctx.env`).
 */
import { h, render } from 'preact'
import { createConversation } from './core/conversation'
import { createPersistence } from './core/persistence'
import type { PanelApi, PanelContext } from './loader/env'
import { Services } from './widget/context'
import { Panel } from './widget/Panel'
import { PANEL_CSS } from './widget/styles'

export function mountPanel(ctx: PanelContext): PanelApi {
  const { config, env } = ctx
  ctx.addStyles(PANEL_CSS)
  const persistence = createPersistence({
    storage: env.storage,
    namespace: config.apiUrl,
    ttlMs: config.sessionTtlHours * 3600_000,
    now: env.clock.now,
  })
  const conversation = createConversation({
    config,
    fetch: env.fetch,
    clock: env.clock,
    persistence,
    fillRandom: env.fillRandom,
    random: env.random,
    frame: env.frame,
    online: env.isOnline(),
    emitMessage: (m) => ctx.emit('message', m),
    emitError: (e) => ctx.emit('error', e),
  })
  const offs = [
    env.listenWindow('online', () => conversation.setOnline(true)),
    env.listenWindow('offline', () => conversation.setOnline(false)),
    env.listenWindow('storage', (e) => {
      const se = e as StorageEvent
      if (se.key === persistence.key) conversation.syncFrom(se.newValue)
    }),
  ]
  const services = { config, conversation, requestClose: ctx.requestClose }
  render(h(Services.Provider, { value: services }, h(Panel, null)), ctx.slot)

  return {
    opened() {
      conversation.setOpen(true)
      const input = ctx.slot.querySelector('textarea')
      input?.focus()
    },
    send(text) {
      conversation.submit(text)
    },
    destroy() {
      for (const off of offs) off()
      conversation.destroy()
      render(null, ctx.slot)
    },
  }
}
