/**
 * One widget instance: host element, launcher, open/close, and the lazily loaded
 * panel. Small on purpose: this is what every page view pays for.
 */
import type { TalkDockEvents, TalkDockHandle } from '../api'
import { conversationNamespace, type ResolvedConfig } from '../core/config'
import type { Emitter } from '../core/emitter'
import { LOAD_FAILED, type TalkDockErrorInfo } from '../core/errors'
import type { Strings } from '../i18n/types'
import { pickLocale } from '../i18n/pick'
import type { MountEnv, PanelApi } from '../contracts'
import { createHost } from './host'
import { createLauncher } from './launcher'
import { LOADER_CSS } from './styles'
import { applyLook } from './theme'

/**
 * The handle plus what a `<talkdock-widget>` element needs: `update` takes new options live
 * (the element's controller mounts a new widget instead when one that cannot change live
 * did: see REMOUNT in src/element/controller.ts) and `draft` is the composer's text
 * (carried into the new one).
 */
export interface MountedWidget extends TalkDockHandle {
  update(next: ResolvedConfig): void
  draft(): string | undefined
}

/**
 * Mounts a widget; `self` is a `<talkdock-widget>` element that hosts it (see createHost),
 * `draft` text for the composer (an element's widget mounted again).
 */
export function mountWidget(config: ResolvedConfig, env: MountEnv, events: Emitter<TalkDockEvents>, version: string, self?: HTMLElement, draft?: string): MountedWidget {
  const { doc } = env
  const host = createHost(doc, config, self)
  const { inline } = host
  applyLook(host.element, config)
  host.addStyles(LOADER_CSS)

  // Locale: English is built in; another table loads as its own chunk, in parallel with the page.
  let locale: string
  let strings: Strings = config.strings
  let localeReady: Promise<void>
  const localized = () => {
    host.element.lang = locale
    host.element.dir = strings.dir || (locale === 'ar' ? 'rtl' : 'ltr')
    if (!config.launcherText) launcher.setAttribute('aria-label', strings.openChat || 'Open chat')
  }
  /** Picks the locale and loads its table (again after `update`); the latest pick wins. */
  const pick = () => {
    const l = (locale = pickLocale(config.locale, doc.documentElement.lang, env.language))
    const done = (table?: Strings) => {
      if (destroyed || l !== locale) return
      strings = { ...table, ...config.strings }
      localized()
      panel?.update(config, strings)
    }
    localeReady = l === 'en' || !env.loadLocale ? Promise.resolve(done()) : env.loadLocale(l).then((m) => done(m.strings), env.report)
  }

  const slot = doc.createElement('div')
  slot.className = 'td-slot'
  slot.hidden = true
  const launcher = createLauncher(doc, config.launcherText, config.launcherIcon, () => toggle(), () => void ensurePanel().catch(() => {}))
  host.root.append(slot, launcher)

  const loadFailed: TalkDockErrorInfo = { code: 'load_failed', message: LOAD_FAILED }
  // Whether the panel was open, per conversation (two bots on one backend reopen apart).
  const openKey = `talkdock:v1:${conversationNamespace(config)}:open`
  let isOpen = false
  let destroyed = false
  let panel: PanelApi | null = null
  let loading: Promise<PanelApi> | null = null
  const pending: { user?: unknown; context?: unknown; draft?: string } = { draft }
  pick()
  localized()

  function ensurePanel(): Promise<PanelApi> {
    if (!loading) {
      loading = Promise.all([env.loadPanel(), localeReady]).then(([mod]) => {
        if (destroyed) throw new Error('destroyed')
        slot.textContent = ''
        panel = mod.mountPanel({ config, env, slot, addStyles: host.addStyles, emit: events.emit, requestClose: () => close(), pending, strings })
        return panel
      })
      loading.catch(() => {
        loading = null
      })
    }
    return loading
  }

  /**
   * The one path for open(), close() and toggle(). Opening loads the panel if
   * needed and shows it once loaded (unless closed meanwhile); closing ends any
   * call and gives focus back to the launcher.
   */
  function setOpen(open: boolean): void {
    if (destroyed || open === isOpen) return
    isOpen = open
    launcher.setAttribute('aria-expanded', String(open))
    try {
      // No storage with `storage: "none"`.
      env.storage?.setItem(openKey, open ? '1' : '0')
    } catch {
      // Storage blocked or full: the panel just won't reopen by itself.
    }
    if (open) {
      ensurePanel().then(
        (p) => {
          if (!isOpen || destroyed) return
          slot.hidden = false
          if (!inline) launcher.hidden = true
          p.opened()
        },
        (err) => {
          if (destroyed) return
          env.report(err)
          isOpen = false
          launcher.setAttribute('aria-expanded', 'false')
          events.emit('error', loadFailed)
          // The one error the loader shows (errorText(strings, loadFailed, '') without carrying errorText).
          const note = doc.createElement('div')
          note.className = 'td-load-error'
          note.setAttribute('role', 'alert')
          note.textContent = strings.e_load_failed || LOAD_FAILED
          slot.replaceChildren(note)
          slot.hidden = false
        },
      )
    } else {
      slot.hidden = true
      launcher.hidden = false
      // A call never outlives the panel that shows it.
      void panel?.stopVoice()
      launcher.focus({ preventScroll: true })
    }
    events.emit(open ? 'open' : 'close', undefined)
  }
  const open = () => setOpen(true)
  const close = () => setOpen(false)
  const toggle = () => setOpen(!isOpen)

  // `ready` once the page's code after this call ran (it may subscribe first).
  env.clock.setTimeout(() => destroyed || events.emit('ready', { version }), 0)

  if (inline || config.openOnLoad) open()
  // Reopen if the panel was open on the previous page: read once the launcher is
  // painted (the page's first storage access is a synchronous round trip).
  else if (env.storage) env.frame(() => !destroyed && readOpen() && open(), true)

  function readOpen(): boolean {
    try {
      return env.storage?.getItem(openKey) === '1'
    } catch {
      return false
    }
  }

  return {
    version,
    open,
    close,
    toggle,
    send(text: string) {
      if (destroyed || typeof text !== 'string') return
      ensurePanel().then(
        (p) => p.send(text),
        () => events.emit('error', loadFailed),
      )
    },
    identify(user: unknown) {
      pending.user = user
      panel?.identify(user)
    },
    setContext(context: unknown) {
      pending.context = context
      panel?.setContext(context)
    },
    async startVoice() {
      if (destroyed) return
      if (!config.enableVoice) return env.report('startVoice(): voice is not enabled (enableVoice)')
      open()
      // A failed load: open() already reported load_failed.
      const p = await ensurePanel().catch(() => null)
      if (p && isOpen) await p.startVoice()
    },
    stopVoice: async () => {
      await panel?.stopVoice()
    },
    update(next) {
      config = next
      applyLook(host.element, config)
      // The locale (or strings) may have changed: its table is loaded once, then the panel renders again.
      pick()
    },
    draft: () => panel?.draft.get() ?? draft,
    on: events.on,
    destroy() {
      if (destroyed) return
      destroyed = true
      panel?.destroy()
      panel = null
      host.remove()
    },
  }
}
