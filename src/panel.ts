/**
 * The panel chunk (dist/talkdock-panel.js): everything needed once the visitor
 * opens the chat. Loaded lazily by the launcher; never touches window globals
 * (every outside service arrives in `ctx.env`).
 */
import { h, render } from 'preact'
import { createConversation } from './core/conversation'
import { createPersistence } from './core/persistence'
import { createVoiceController } from './core/voice'
import type { PanelApi, PanelContext } from './loader/env'
import { atom } from './stores/atom'
import { EN, fmt } from './i18n/en'
import { Services, type PanelServices } from './widget/context'
import { Panel } from './widget/Panel'
import { PANEL_CSS } from './widget/styles'
import { VOICE_CSS } from './widget/VoiceButton'
import { RICH_CSS } from './markdown/styles'

/** The modules this chunk lends to the voice and attach chunks (see src/shared.ts). */
export { shared } from './shared'

export function mountPanel(ctx: PanelContext): PanelApi {
  const { env } = ctx
  ctx.addStyles(PANEL_CSS + RICH_CSS)
  const t = { ...EN, ...ctx.strings }
  // Without botName or placeholder, the locale's words.
  const config = { ...ctx.config, botName: ctx.config.botName || t.assistant, placeholder: ctx.config.placeholder || t.placeholder }
  const live = atom('')
  // The same sentence twice still changes the region, so it is read again.
  const announce = (text: string) => live.set(live.get() === text ? `${text}\u00a0` : text)
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
    emitMessage: (m) => {
      ctx.emit('message', m)
      // Completed replies only (never streamed tokens): the log itself is not live.
      if (m.role === 'assistant' && m.status === 'done') {
        announce(fmt(t.said, { name: config.botName, text: m.text }))
        // The visitor's "Sound" setting: a chime only when they cannot see the reply arrive.
        if (conversation.prefs.get().sound && (ctx.slot.hidden || env.pageHidden?.())) env.chime?.()
      }
    },
    emitError: (e) => ctx.emit('error', e),
  })
  if (ctx.pending?.user !== undefined) conversation.identify(ctx.pending.user)
  if (ctx.pending?.context !== undefined) conversation.setContext(ctx.pending.context)
  const offs = [
    env.listenWindow('online', () => conversation.setOnline(true)),
    env.listenWindow('offline', () => conversation.setOnline(false)),
    env.listenWindow('storage', (e) => {
      const se = e as StorageEvent
      if (se.key === persistence.key) conversation.syncFrom(se.newValue)
    }),
    // Saves are batched to once per frame: the last one is written before the page goes away.
    env.listenWindow('pagehide', () => conversation.flush()),
  ]
  // Full-screen on phones: follow the visual viewport so the composer stays above the keyboard.
  const vv = env.visualViewport
  const fit = () => {
    ctx.slot.style.setProperty('--td-vh', `${vv!.height}px`)
    ctx.slot.style.setProperty('--td-vt', `${vv!.offsetTop}px`)
  }
  if (vv) {
    fit()
    vv.addEventListener('resize', fit)
    vv.addEventListener('scroll', fit)
    offs.push(() => (vv.removeEventListener('resize', fit), vv.removeEventListener('scroll', fit)))
  }
  if (config.enableVoice) ctx.addStyles(VOICE_CSS)
  // The voice chunk announces the call's states (its strings say them) through `announce`.
  // The voice controller gets the panel's services (and the slot and events): it is one of them.
  const services = { config, conversation, requestClose: ctx.requestClose, t, announce, addStyles: ctx.addStyles, live, env } as Omit<PanelServices, 'voice'> as PanelServices
  const voice = (services.voice = createVoiceController({ ...services, slot: ctx.slot, emit: ctx.emit }))
  render(h(Services.Provider, { value: services }, h(Panel, null)), ctx.slot)

  return {
    opened() {
      conversation.setOpen(true)
      const input = ctx.slot.querySelector('textarea')
      input?.focus({ preventScroll: true })
    },
    send(text) {
      conversation.submit(text)
    },
    identify: (user) => conversation.identify(user),
    setContext: (context) => conversation.setContext(context),
    startVoice: () => voice.start(true),
    stopVoice: () => voice.stop(),
    destroy() {
      voice.destroy()
      for (const off of offs) off()
      conversation.destroy()
      render(null, ctx.slot)
    },
  }
}
