/**
 * One widget instance: host element, launcher, open/close, and the lazily loaded
 * panel. Small on purpose: this is what every page view pays for.
 */
import type { TalkDockEvents, TalkDockHandle } from '../api'
import type { ResolvedConfig } from '../core/config'
import type { Emitter } from '../core/emitter'
import { errorInfo } from '../core/errors'
import type { PanelApi, WidgetEnv } from './env'
import { createHost } from './host'
import { createLauncher } from './launcher'
import { LOADER_CSS } from './styles'

export function mountWidget(config: ResolvedConfig, env: WidgetEnv, events: Emitter<TalkDockEvents>, version: string): TalkDockHandle {
  const { doc } = env
  const inline = !!config.container
  const host = createHost(doc, { parent: config.container ?? doc.body, nonce: config.nonce, inline })
  host.element.setAttribute('data-position', config.position)
  host.element.style.setProperty('--td-primary', config.primaryColor)
  host.addStyles(LOADER_CSS)

  const slot = doc.createElement('div')
  slot.className = 'td-slot'
  slot.hidden = true
  const launcher = createLauncher(doc, 'Open chat', () => toggle(), () => void ensurePanel().catch(() => {}))
  host.root.append(slot, launcher)

  const openKey = `talkdock:v1:${config.apiUrl}:open`
  let isOpen = false
  let destroyed = false
  let panel: PanelApi | null = null
  let loading: Promise<PanelApi> | null = null

  function ensurePanel(): Promise<PanelApi> {
    if (!loading) {
      loading = env.loadPanel().then((mod) => {
        if (destroyed) throw new Error('destroyed')
        slot.textContent = ''
        panel = mod.mountPanel({ config, env, slot, addStyles: host.addStyles, emit: events.emit, requestClose: () => close() })
        return panel
      })
      loading.catch(() => {
        loading = null
      })
    }
    return loading
  }

  function remember(open: boolean): void {
    try {
      if (config.storage === 'local' || config.storage === 'session') env.storage?.setItem(openKey, open ? '1' : '0')
    } catch {
      // Storage blocked or full: the panel just won't reopen by itself.
    }
  }

  function open(): void {
    if (destroyed || isOpen) return
    isOpen = true
    launcher.setAttribute('aria-expanded', 'true')
    remember(true)
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
        events.emit('error', errorInfo('load_failed'))
        showLoadError()
      },
    )
    events.emit('open', undefined)
  }

  function showLoadError(): void {
    slot.hidden = false
    slot.textContent = ''
    const note = doc.createElement('div')
    note.className = 'td-load-error'
    note.setAttribute('role', 'alert')
    note.textContent = errorInfo('load_failed').message
    slot.appendChild(note)
  }

  function close(): void {
    if (destroyed || !isOpen) return
    isOpen = false
    slot.hidden = true
    launcher.hidden = false
    launcher.setAttribute('aria-expanded', 'false')
    remember(false)
    launcher.focus()
    events.emit('close', undefined)
  }

  function toggle(): void {
    if (isOpen) close()
    else open()
  }

  if (inline || config.openOnLoad || readOpen()) open()

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
        () => events.emit('error', errorInfo('load_failed')),
      )
    },
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
