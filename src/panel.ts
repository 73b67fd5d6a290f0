/**
 * The panel chunk (dist/talkdock-panel.js): everything needed once the visitor
 * opens the chat. Loaded lazily by the launcher; never touches window globals
 * (every outside service arrives in `ctx.env`).
 */
import { h, render } from 'preact'
import { conversationNamespace, type ResolvedConfig } from './core/config'
import { createConversation } from './core/conversation'
import { createPersistence } from './core/persistence'
import { createVoiceController } from './core/voice'
import type { PanelApi, PanelContext } from './contracts'
import { EN, fmt } from './i18n/en'
import { Services, type PanelServices } from './widget/context'
import { Panel } from './widget/Panel'
import { PANEL_CSS } from './widget/styles'
import { RICH_CSS } from './markdown/styles'
import { ownPropsOnly } from './ui/own-props'
import { withBrowserServices } from './panel-env'

/** The modules this chunk lends to the voice and attach chunks (see src/shared.ts). */
export { shared } from './shared'

export function mountPanel(ctx: PanelContext): PanelApi {
  const env = withBrowserServices(ctx.env)
  // The host page's Object.prototype junk never becomes a prop or attribute.
  ownPropsOnly()
  ctx.addStyles(PANEL_CSS + RICH_CSS)
  const t = { ...EN, ...ctx.strings }
  // Without botName or placeholder, the locale's words.
  const named = (c: ResolvedConfig) => ({ ...c, botName: c.botName || t.assistant, placeholder: c.placeholder || t.placeholder })
  const config = named(ctx.config)
  // The polite live region (Panel.tsx renders it childless, so the renderer never touches its text).
  // The same sentence twice still changes the region, so it is read again.
  const announce = (text: string) => {
    const el = ctx.slot.querySelector('[aria-live=polite]')
    if (el) el.textContent = el.textContent === text ? `${text}\u00a0` : text
  }
  const persistence = createPersistence({
    storage: env.storage,
    namespace: conversationNamespace(config),
    ttlMs: config.sessionTtlHours * 3600_000,
    now: env.clock.now,
  })
  // fetch, clock, fillRandom, random and frame come from the env as they are.
  const conversation = createConversation({
    ...env,
    config,
    persistence,
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
  // identify()/setContext() called before the panel loaded (a value given is passed on, as if called now).
  const { pending = {} } = ctx
  if ('user' in pending) conversation.identify(pending.user)
  if ('context' in pending) conversation.setContext(pending.context)
  // Text typed into the widget this one replaces (an element's options changed): kept, unless a draft was saved here.
  if (pending.draft && !conversation.draft.get()) conversation.draft.set(pending.draft)
  // Online/offline, another tab's save (storage), and pagehide (saves are batched to once per
  // frame: the last one is written before the page goes away).
  const offs = [
    env.listenWindow('online', () => conversation.setOnline(true)),
    env.listenWindow('offline', () => conversation.setOnline(false)),
    env.listenWindow('storage', (e) => {
      const se = e as StorageEvent
      if (se.key === persistence.key) conversation.syncFrom(se.newValue)
    }),
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
    for (const type of ['resize', 'scroll']) {
      vv.addEventListener(type, fit)
      offs.push(() => vv.removeEventListener(type, fit))
    }
  }
  // The voice chunk announces the call's states (its strings say them) through `announce`.
  // The voice controller gets the panel's services (and the slot and events): it is one of them.
  const services = { config, conversation, requestClose: ctx.requestClose, t, announce, addStyles: ctx.addStyles, env } as Omit<PanelServices, 'voice'> as PanelServices
  const voice = (services.voice = createVoiceController({ ...services, slot: ctx.slot, emit: ctx.emit }))
  // A new services object each time: the Provider's value changes, so every component renders again.
  const show = () => render(h(Services.Provider, { value: { ...services } }, h(Panel, null)), ctx.slot)
  show()

  // identify and setContext are the conversation's own.
  return {
    ...conversation,
    opened() {
      conversation.setOpen(true)
      const input = ctx.slot.querySelector('textarea')
      input?.focus({ preventScroll: true })
    },
    send: conversation.submit,
    startVoice: () => voice.start(true),
    stopVoice: () => voice.stop(),
    update(next, strings) {
      // In place: the conversation and the voice controller hold these same objects.
      for (const k in t) delete (t as Record<string, unknown>)[k]
      Object.assign(t, EN, strings)
      Object.assign(config, named(next))
      show()
    },
    destroy() {
      voice.destroy()
      for (const off of offs) off()
      conversation.destroy()
      render(null, ctx.slot)
    },
  }
}
