/** @jsxRuntime classic */ /** @jsx h */ /** @jsxFrag Fragment */
/**
 * The panel's side of photo attachments: a paperclip button with a hidden file
 * input, paste and drag-and-drop, and the state of the one photo being attached.
 * Everything heavy (checks, canvas downscale, upload, the preview) is in the
 * attach chunk, loaded on the first attach (click, paste or drop hands the file
 * over once it arrived), or earlier when the button is hovered or focused.
 */
import { Fragment, h } from 'preact'
import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import type { PhotoState, Photos } from '../attach/types'
import { Services } from './context'
import { IconButton } from './IconButton'

export type { PhotoState }

export interface Photo {
  state: PhotoState | null
  /** Preparing or uploading: Send waits. */
  busy: boolean
  add(file: File | null | undefined): void
  clear(): void
  /** Starts loading the attach chunk. */
  warm(): void
  /** The attach chunk's photos, once loaded (it draws the preview). */
  ui?: Photos
}

/** The photo being attached in this composer. `area` receives drops of image files. */
export function usePhoto(area: { current: HTMLElement | null }): Photo {
  const { config, env, t, addStyles } = useContext(Services)
  const [state, setState] = useState<PhotoState | null>(null)
  const ui = useRef<Photos | undefined>(undefined)
  // Without loadAttach (a custom env), the call throws: the photo is refused like a chunk that failed.
  const load = () => Promise.resolve().then(() => env.loadAttach!())
  const warm = () => void load().catch(env.report)

  const clear = () => {
    ui.current?.clear()
    setState(null)
  }

  const add = (file: File | null | undefined) => {
    if (!file) return
    clear()
    load()
      .then((m) => (ui.current ||= m.photos({ config, env, t, set: setState, addStyles })).add(file))
      .catch((err) => (env.report(err), setState({ error: t.photoDecode })))
  }

  // Image files dragged over and dropped anywhere on the panel.
  useEffect(() => {
    const el = area.current?.closest('.td-panel') || area.current
    const types = ['dragover', 'drop']
    const on = (e: Event) => {
      const dt = (e as DragEvent).dataTransfer
      if (dt && Array.prototype.includes.call(dt.types, 'Files')) {
        e.preventDefault()
        if (e.type === 'drop') add(dt.files[0])
      }
    }
    for (const type of types) el?.addEventListener(type, on)
    return () => {
      for (const type of types) el?.removeEventListener(type, on)
      ui.current?.clear()
    }
  }, [])

  return { state, busy: !!state && !state.ready && !state.error, add, clear, warm, ui: ui.current }
}

/** The paperclip button and its hidden file input. */
export function AttachButton({ photo }: { photo: Photo }) {
  const { t } = useContext(Services)
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif"
        hidden
        onChange={(e) => {
          const el = e.currentTarget
          photo.add(el.files?.[0])
          el.value = ''
        }}
      />
      <IconButton icon="attach" label={t.attach} onPointerEnter={photo.warm} onFocus={photo.warm} onClick={() => input.current?.click()} />
    </>
  )
}

/** The attached photo (the attach chunk's preview: thumbnail, upload progress, Remove) or why it was refused. */
export function AttachPreview({ photo }: { photo: Photo }) {
  const { t } = useContext(Services)
  const s = photo.state
  if (s?.error) {
    return (
      <div class="td-notice td-photo-error" role="alert">
        {s.error}
      </div>
    )
  }
  const Preview = photo.ui?.Preview
  return s && Preview ? <Preview s={s} t={t} clear={photo.clear} /> : null
}
