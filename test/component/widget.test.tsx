import { fireEvent, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { TalkDockEvents, TalkDockHandle } from '../../src/api'
import { createEmitter } from '../../src/core/emitter'
import type { PanelModule } from '../../src/contracts'
import { mountWidget } from '../../src/loader/mount'
import { agentReply, createFakeEnv, createFakeFetch, settle, testConfig, type FakeEnv, type Responder } from '../helpers/fakes'

const handles: TalkDockHandle[] = []

afterEach(() => {
  for (const h of handles.splice(0)) h.destroy()
  document.body.innerHTML = ''
})

/** The real panel chunk, loaded the way the npm build loads it. */
const realPanel = () => import('../../src/panel') as Promise<PanelModule>

function mount(opts: { env?: FakeEnv; responders?: Responder[]; loadPanel?: () => Promise<PanelModule>; config?: Record<string, unknown> } = {}) {
  const env = opts.env ?? createFakeEnv({ fetch: createFakeFetch(...(opts.responders ?? [])), loadPanel: opts.loadPanel ?? realPanel })
  const events = createEmitter<TalkDockEvents>()
  const seen: Array<[string, unknown]> = []
  for (const name of ['open', 'close', 'message', 'error'] as const) events.on(name, (p) => seen.push([name, p]))
  const handle = mountWidget(testConfig(opts.config), env, events, '9.9.9-test')
  handles.push(handle)
  const hosts = () => document.querySelectorAll('talkdock-widget')
  const host = hosts()[0] as HTMLElement
  const root = host.shadowRoot!
  const ui = within(root as unknown as HTMLElement)
  const launcher = () => ui.getByRole('button', { name: 'Open chat' }) as HTMLButtonElement
  const names = () => seen.map(([n]) => n)
  return { env, events, seen, names, handle, hosts, host, root, ui, launcher }
}

describe('mounting', () => {
  it('creates one <talkdock-widget> with an open shadow root and an "Open chat" launcher', () => {
    const { hosts, host, root, launcher } = mount()
    expect(hosts()).toHaveLength(1)
    expect(host.shadowRoot).toBe(root)
    expect(root.mode).toBe('open')
    expect(launcher().getAttribute('aria-expanded')).toBe('false')
    expect(launcher().getAttribute('aria-haspopup')).toBe('dialog')
    // Nothing of the widget leaks into the page's light DOM.
    expect(host.children).toHaveLength(0)
  })

  it('does not load the panel until the visitor shows intent', async () => {
    let loads = 0
    mount({ loadPanel: () => (loads++, realPanel()) })
    await settle()
    expect(loads).toBe(0)
  })
})

describe('names', () => {
  it('without botName or placeholder, the panel shows the locale\'s (English, or the strings option)', async () => {
    const plain = mount({ config: { botName: undefined } })
    plain.handle.open()
    const dialog = await plain.ui.findByRole('dialog', { name: 'Assistant' })
    expect(within(dialog).getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe('Type a message…')
    plain.handle.destroy()
    const own = mount({ config: { botName: undefined, strings: { assistant: 'Helper', placeholder: 'Ask…' } } })
    own.handle.open()
    const named = await own.ui.findByRole('dialog', { name: 'Helper' })
    expect(within(named).getByRole('textbox', { name: 'Message' }).getAttribute('placeholder')).toBe('Ask…')
  })
})

describe('open and close', () => {
  it('open() shows the chat dialog, emits open and focuses the textbox', async () => {
    const { handle, ui, root, names } = mount()
    handle.open()
    expect(names()).toEqual(['open'])
    const dialog = await ui.findByRole('dialog', { name: 'Ava' })
    // The floating launcher makes way for the panel while it is open.
    expect(ui.queryByRole('button', { name: 'Open chat' })).toBeNull()
    const hiddenLauncher = ui.getAllByRole('button', { hidden: true }).find((b) => b.getAttribute('aria-label') === 'Open chat')!
    expect(hiddenLauncher.getAttribute('aria-expanded')).toBe('true')
    const textbox = within(dialog).getByRole('textbox', { name: 'Message' })
    await waitFor(() => expect(root.activeElement ?? document.activeElement).toBe(textbox))
  })

  it('clicking the launcher opens the chat', async () => {
    const { ui, launcher } = mount()
    fireEvent.click(launcher())
    expect(await ui.findByRole('dialog', { name: 'Ava' })).toBeTruthy()
  })

  it('close() hides the dialog, emits close and puts focus back on the launcher', async () => {
    const { handle, ui, root, names, host } = mount()
    handle.open()
    await ui.findByRole('dialog', { name: 'Ava' })
    handle.close()
    expect(names()).toEqual(['open', 'close'])
    expect(ui.queryByRole('dialog')).toBeNull()
    const launcher = ui.getByRole('button', { name: 'Open chat' })
    expect(launcher.getAttribute('aria-expanded')).toBe('false')
    expect(root.activeElement).toBe(launcher)
    expect(document.activeElement).toBe(host)
  })

  it('Esc in the panel closes it', async () => {
    const { handle, ui, names } = mount()
    handle.open()
    const dialog = await ui.findByRole('dialog', { name: 'Ava' })
    fireEvent.keyDown(within(dialog).getByRole('textbox', { name: 'Message' }), { key: 'Escape' })
    expect(names()).toEqual(['open', 'close'])
    expect(ui.queryByRole('dialog')).toBeNull()
  })

  it('open() twice emits open once; close() when closed emits nothing', async () => {
    const { handle, ui, names } = mount()
    handle.close()
    handle.open()
    handle.open()
    await ui.findByRole('dialog', { name: 'Ava' })
    expect(names()).toEqual(['open'])
  })

  it('an open panel stays open across a reload (new widget over the same storage)', async () => {
    const env = createFakeEnv({ fetch: createFakeFetch(), loadPanel: realPanel })
    const first = mount({ env })
    first.handle.open()
    await first.ui.findByRole('dialog', { name: 'Ava' })
    handles.pop()!.destroy()

    const second = mount({ env })
    // The open flag is read after the launcher's first paint (a timer after the frame).
    env.clock.advance(0)
    expect(await second.ui.findByRole('dialog', { name: 'Ava' })).toBeTruthy()
    expect(second.names()).toEqual(['open'])
  })

  it('the open flag is kept per conversation: a widget with another conversationKey on the same backend stays closed after a reload', async () => {
    const env = createFakeEnv({ fetch: createFakeFetch(), loadPanel: realPanel })
    const sales = mount({ env, config: { conversationKey: 'sales' } })
    sales.handle.open()
    await sales.ui.findByRole('dialog', { name: 'Ava' })
    handles.pop()!.destroy()

    const support = mount({ env, config: { conversationKey: 'support' } })
    env.clock.advance(0)
    await new Promise((r) => setTimeout(r, 20))
    expect(support.names()).toEqual([])
    expect(support.launcher().getAttribute('aria-expanded')).not.toBe('true')
  })

  it('openOnLoad opens at once', async () => {
    const { ui } = mount({ config: { openOnLoad: true } })
    expect(await ui.findByRole('dialog', { name: 'Ava' })).toBeTruthy()
  })
})

describe('when the panel chunk fails to load', () => {
  it('shows an alert, emits error load_failed, and the launcher works on a second try', async () => {
    let calls = 0
    const { handle, ui, seen, launcher, env } = mount({
      loadPanel: () => (++calls === 1 ? Promise.reject(new Error('ChunkLoadError')) : realPanel()),
    })
    handle.open()
    const alert = await ui.findByRole('alert')
    expect(alert.textContent).toMatch(/could not load/i)
    expect(seen.filter(([n]) => n === 'error').map(([, e]) => (e as { code: string }).code)).toEqual(['load_failed'])
    expect(env.reported).toHaveLength(1)
    expect(launcher().getAttribute('aria-expanded')).toBe('false')
    expect(ui.queryByRole('dialog')).toBeNull()

    fireEvent.click(launcher())
    expect(await ui.findByRole('dialog', { name: 'Ava' })).toBeTruthy()
    expect(calls).toBe(2)
    expect(ui.queryByRole('alert')).toBeNull()
  })
})

describe('send() and destroy()', () => {
  it('send() from the host page sends one request without opening the panel', async () => {
    const { handle, env, seen, ui } = mount({ responders: [() => agentReply('Hi there')] })
    handle.send('hello from the page')
    await waitFor(() => expect(env.fakeFetch.requests).toHaveLength(1))
    expect(env.fakeFetch.requests[0].body.message).toBe('hello from the page')
    await waitFor(() => expect(seen.filter(([n]) => n === 'message')).toHaveLength(2))
    expect(seen.map(([n]) => n)).not.toContain('open')
    expect(ui.queryByRole('dialog')).toBeNull()
  })

  it('destroy() removes the host element and aborts a pending request', async () => {
    const { handle, env, hosts, ui } = mount({ responders: [() => undefined] })
    handle.open()
    const dialog = await ui.findByRole('dialog', { name: 'Ava' })
    const textbox = within(dialog).getByRole('textbox', { name: 'Message' })
    fireEvent.input(textbox, { target: { value: 'Is it waterproof?' } })
    fireEvent.keyDown(textbox, { key: 'Enter' })
    expect(env.fakeFetch.requests).toHaveLength(1)

    handles.pop()
    handle.destroy()
    expect(hosts()).toHaveLength(0)
    expect(env.fakeFetch.requests[0].aborted).toBe(true)
    expect(env.listenerCount()).toBe(0)
    // A destroyed widget ignores further calls.
    handle.open()
    handle.send('x')
    await settle()
    expect(hosts()).toHaveLength(0)
    expect(env.fakeFetch.requests).toHaveLength(1)
  })

  it('destroy() while the panel is still loading never mounts it', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { handle, hosts, env } = mount({ loadPanel: () => gate.then(realPanel) })
    handle.open()
    handles.pop()
    handle.destroy()
    release()
    await settle()
    expect(hosts()).toHaveLength(0)
    expect(env.listenerCount()).toBe(0)
    expect(env.reported).toEqual([])
  })
})
