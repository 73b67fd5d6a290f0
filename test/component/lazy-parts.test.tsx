/**
 * What the panel does on its own before the attach and voice chunks arrive
 * (src/widget/AttachButton.tsx, src/core/voice.ts): the photo counts as being
 * prepared from the moment it is handed over (Send waits for the chunk too), a
 * chunk that does not load is explained, and the chunk's preview takes over once
 * it is there. Voice: the call is active during the download (Escape does not
 * close, typed text is never POSTed) and a stop before the chunk arrived ends it.
 */
import { fireEvent, waitFor, within } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TalkDockEvents } from '../../src/api'
import type { AttachModule, PhotoState } from '../../src/contracts'
import { createEmitter } from '../../src/core/emitter'
import type { PanelApi, VoiceModule } from '../../src/contracts'
import { mountPanel } from '../../src/panel'
import { createFakeEnv, settle, testConfig } from '../helpers/fakes'

const mounted: Array<{ api: PanelApi; slot: HTMLElement }> = []
afterEach(() => {
  for (const m of mounted.splice(0)) {
    m.api.destroy()
    m.slot.remove()
  }
})

/** A promise settled from the test. */
function later<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

function mount(config: Record<string, unknown> = {}) {
  const env = createFakeEnv()
  const attach = later<AttachModule>()
  const voice = later<VoiceModule>()
  env.loadAttach = vi.fn(() => attach.promise)
  env.loadVoice = vi.fn(() => voice.promise)
  const slot = document.createElement('div')
  document.body.appendChild(slot)
  const events = createEmitter<TalkDockEvents>()
  const seen = { states: [] as string[], errors: [] as string[] }
  events.on('voicestate', (s) => seen.states.push(s.state))
  events.on('error', (e) => seen.errors.push(e.code))
  const requestClose = vi.fn()
  const api = mountPanel({ config: testConfig(config), env, slot, addStyles: () => {}, emit: events.emit, requestClose })
  mounted.push({ api, slot })
  const ui = within(slot)
  const textbox = () => ui.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
  const send = () => ui.getByRole('button', { name: 'Send' }) as HTMLButtonElement
  const type = (text: string) => fireEvent.input(textbox(), { target: { value: text } })
  const pick = (file: File) => {
    const input = slot.querySelector('input[type=file]') as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    fireEvent.change(input)
  }
  return { env, slot, api, ui, textbox, send, type, pick, attach, voice, seen, requestClose }
}

const jpeg = () => new File(['x'], 'a.jpg', { type: 'image/jpeg' })

describe('a photo before the attach chunk arrives', () => {
  it('Send waits from the moment the photo is handed over; the chunk then reports and draws it', async () => {
    const t = mount()
    t.type('Is this worth anything?')
    await waitFor(() => expect(t.send().disabled).toBe(false))
    t.pick(jpeg())
    await waitFor(() => expect(t.send().disabled).toBe(true))
    expect(t.env.loadAttach).toHaveBeenCalledTimes(1)
    // The chunk: what it is handed, and the preview it draws (with the panel's strings).
    let report!: (s: PhotoState | null) => void
    const added: File[] = []
    t.attach.resolve({
      photos: (o: { set: typeof report }) => {
        report = o.set
        return { add: async (f: File) => void added.push(f), clear: () => {}, Preview: ({ s }: { s: PhotoState }) => <p class="preview">{s.ready ? 'ready' : 'preparing'}</p> }
      },
    } as unknown as AttachModule)
    await waitFor(() => expect(added).toHaveLength(1))
    report({})
    await waitFor(() => expect(t.slot.querySelector('.preview')?.textContent).toBe('preparing'))
    expect(t.send().disabled).toBe(true)
    report({ preview: 'data:image/jpeg;base64,AA', ready: { image: 'https://u/1.jpg', preview: 'data:image/jpeg;base64,AA', width: 1, height: 1, bytes: 1 } })
    await waitFor(() => expect(t.send().disabled).toBe(false))
    expect(t.slot.querySelector('.preview')?.textContent).toBe('ready')
    fireEvent.click(t.send())
    await settle()
    expect(t.env.fakeFetch.requests[0].body).toMatchObject({ message: 'Is this worth anything?', image: 'https://u/1.jpg' })
    // Sent: gone from the composer.
    expect(t.slot.querySelector('.preview')).toBeNull()
  })

  it('a chunk that does not load refuses the photo with a message, and Send works again', async () => {
    const t = mount()
    t.type('hello')
    t.pick(jpeg())
    await waitFor(() => expect(t.send().disabled).toBe(true))
    t.attach.reject(new Error('404'))
    await waitFor(() => expect(t.slot.querySelector('.td-photo-error')).not.toBeNull())
    const alert = t.slot.querySelector('.td-photo-error')!
    expect(alert.textContent).toBe('This photo could not be opened. Try a JPEG or PNG.')
    expect(alert.getAttribute('role')).toBe('alert')
    expect(t.send().disabled).toBe(false)
    expect(t.env.reported).toHaveLength(1)
  })
})

describe('dropping files on the panel', () => {
  /** A drag event carrying `files` (happy-dom's DataTransfer cannot be filled). */
  const drag = (type: string, files: File[]) => {
    const e = new Event(type, { bubbles: true, cancelable: true }) as DragEvent
    Object.defineProperty(e, 'dataTransfer', { value: { types: files.length ? ['Files'] : ['text/plain'], files } })
    return e
  }

  it('an image file dropped anywhere on the panel (here the log) is handed to the attach chunk; other drags are left alone', async () => {
    const t = mount()
    const log = t.ui.getByRole('log')
    const over = drag('dragover', [jpeg()])
    log.dispatchEvent(over)
    // Accepted as a drop target: the browser does not open the file itself.
    expect(over.defaultPrevented).toBe(true)
    const text = drag('dragover', [])
    log.dispatchEvent(text)
    expect(text.defaultPrevented).toBe(false)
    await settle()
    expect(t.env.loadAttach).not.toHaveBeenCalled()
    const file = jpeg()
    const drop = drag('drop', [file])
    log.dispatchEvent(drop)
    expect(drop.defaultPrevented).toBe(true)
    await waitFor(() => expect(t.env.loadAttach).toHaveBeenCalledTimes(1))
    // Preparing from the drop on: Send waits.
    t.type('hello')
    await waitFor(() => expect(t.send().disabled).toBe(true))
    const added: File[] = []
    t.attach.resolve({ photos: () => ({ add: async (f: File) => void added.push(f), clear: () => {}, Preview: () => null }) } as unknown as AttachModule)
    await waitFor(() => expect(added).toEqual([file]))
  })
})

describe('voice before its chunk arrives', () => {
  it('the first start waits for the chunk (its bar explains the microphone); a chunk that does not load is explained', async () => {
    const t = mount({ enableVoice: true })
    fireEvent.click(t.ui.getByRole('button', { name: 'Start voice' }))
    // The first time, the notice comes with the chunk: nothing is active until then.
    expect(t.seen.states).toEqual([])
    fireEvent.keyDown(t.textbox(), { key: 'Escape' })
    expect(t.requestClose).toHaveBeenCalledTimes(1)
    t.voice.reject(new Error('not this time'))
    await settle()
    expect(t.seen).toEqual({ states: ['error'], errors: ['load_failed'] })
    expect(t.ui.getByRole('alert').textContent).toMatch(/could not load/)
    fireEvent.click(t.ui.getByRole('button', { name: 'Dismiss' }))
    await waitFor(() => expect(t.ui.queryByRole('alert')).toBeNull())
  })

  it('startVoice(): requesting-mic at once; Escape and typed text wait for the call; stopVoice() ends it and the text is marked undelivered', async () => {
    const t = mount({ enableVoice: true })
    const started = t.api.startVoice()
    expect(t.seen.states).toEqual(['requesting-mic'])
    await settle()
    expect(t.ui.queryByRole('button', { name: 'Start voice' })).toBeNull()
    fireEvent.keyDown(t.textbox(), { key: 'Escape' })
    expect(t.requestClose).not.toHaveBeenCalled()
    t.type('are you there?')
    fireEvent.keyDown(t.textbox(), { key: 'Enter', code: 'Enter' })
    await settle()
    expect(t.env.fakeFetch.requests).toHaveLength(0)
    expect(t.ui.getByRole('log').textContent).toContain('are you there?')
    await t.api.stopVoice()
    expect(t.seen.states).toEqual(['requesting-mic', 'ended'])
    await settle()
    expect(t.ui.getByRole('log').textContent).toContain('Not delivered to the voice assistant')
    // The chunk arriving late starts nothing.
    t.voice.resolve({ createVoiceCall: () => ({ begin: vi.fn(), destroy() {} }) } as unknown as VoiceModule)
    await started
    expect(t.seen.states).toEqual(['requesting-mic', 'ended'])
    await waitFor(() => t.ui.getByRole('button', { name: 'Start voice' }))
  })
})
