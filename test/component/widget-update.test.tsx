/**
 * mountWidget's `update` (what a <talkdock-widget> attribute change calls): options that
 * can change live re-render the mounted widget in place (same panel, same draft, same
 * conversation); for the others the element's controller mounts a new widget
 * (`needsRemount`). `draft()` is the composer's text the element carries over.
 */
import { fireEvent, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import type { TalkDockEvents } from '../../src/api'
import { createEmitter } from '../../src/core/emitter'
import type { PanelModule } from '../../src/contracts'
import { needsRemount } from '../../src/element/controller'
import { mountWidget, type MountedWidget } from '../../src/loader/mount'
import { createFakeEnv, createFakeFetch, testConfig } from '../helpers/fakes'

const handles: MountedWidget[] = []
afterEach(() => {
  for (const h of handles.splice(0)) h.destroy()
  document.body.innerHTML = ''
})

function mount(config: Record<string, unknown> = {}, draft?: string) {
  const env = createFakeEnv({ fetch: createFakeFetch(), loadPanel: () => import('../../src/panel') as Promise<PanelModule> })
  const handle = mountWidget(testConfig(config), env, createEmitter<TalkDockEvents>(), '9.9.9-test', undefined, draft)
  handles.push(handle)
  const host = document.querySelector('talkdock-widget') as HTMLElement
  const ui = within(host.shadowRoot as unknown as HTMLElement)
  return { env, handle, host, ui }
}

describe('update: live options', () => {
  it('bot name, colours, theme and starter prompts change in the open panel; the typed text and the panel stay', async () => {
    const { handle, host, ui } = mount()
    handle.open()
    const dialog = await ui.findByRole('dialog', { name: 'Ava' })
    const box = within(dialog).getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
    fireEvent.input(box, { target: { value: 'half a thought' } })
    expect(handle.draft()).toBe('half a thought')

    handle.update(testConfig({ botName: 'Zed', theme: 'dark', primaryColor: '#065f46', starterPrompts: ['Opening hours?'] }))
    await waitFor(() => expect(ui.getByRole('dialog', { name: 'Zed' })).toBe(dialog))
    expect(ui.getByRole('button', { name: 'Opening hours?' })).toBeTruthy()
    expect(host.getAttribute('data-theme')).toBe('dark')
    expect(host.style.getPropertyValue('--td-primary')).toBe('#065f46')
    // The same textbox, with what was typed.
    expect(ui.getByRole('textbox', { name: 'Message' })).toBe(box)
    expect(box.value).toBe('half a thought')

    // Back to the default colour: the custom property goes (the page's own CSS applies again).
    handle.update(testConfig({ botName: 'Zed' }))
    expect(host.style.getPropertyValue('--td-primary')).toBe('')
    expect(host.getAttribute('data-theme')).toBe('light')
  })

  it('a new locale loads its table, then the panel and launcher speak it', async () => {
    const { env, handle, ui, host } = mount()
    env.loadLocale = async (l) => (l === 'zh' ? import('../../src/i18n/zh') : Promise.reject(new Error(l)))
    handle.update(testConfig({ locale: 'zh' }))
    await waitFor(() => expect(ui.getByRole('button', { name: '打开聊天' })).toBeTruthy())
    expect(host.lang).toBe('zh')
    handle.open()
    await ui.findByRole('textbox', { name: '消息' })
  })
})

describe('update: options that need a new widget', () => {
  it('apiUrl, storage, limits and launcher text need a new widget; the live options do not', () => {
    const base = testConfig({ botName: 'Ava' })
    for (const change of [{ apiUrl: 'https://other.example' }, { storage: 'none' }, { launcherText: 'Chat' }, { maxMessageLength: 10 }, { customCss: 'a{}' }]) {
      expect(needsRemount(base, testConfig({ botName: 'Zed', ...change })), JSON.stringify(change)).toBe(true)
    }
    for (const change of [{ botName: 'Zed' }, { locale: 'zh' }, { theme: 'dark' }, { primaryColor: '#065f46' }, { starterPrompts: ['Hi?'] }, { enableVoice: true }]) {
      expect(needsRemount(base, testConfig(change)), JSON.stringify(change)).toBe(false)
    }
  })

  it('a widget mounted with a draft puts it in the empty composer', async () => {
    const { handle, ui } = mount({}, 'carried over')
    expect(handle.draft()).toBe('carried over')
    handle.open()
    const box = (await ui.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement
    expect(box.value).toBe('carried over')
  })
})
