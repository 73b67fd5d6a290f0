/**
 * The panel's side of photo attachments: a paperclip button with a hidden file
 * input, paste and drag-and-drop, and the state of the one photo being attached.
 * Everything heavy (checks, canvas downscale, upload) is in the attach chunk,
 * loaded on the first attach, or earlier when the button is hovered or focused.
 */
import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import type { AttachModule, PhotoError, PreparedPhoto } from '../attach/types'
import { fmt } from '../i18n/en'
import { Services } from './context'
import { Icon } from './Icon'

export interface PhotoState {
  /** Thumbnail (data URL) once downscaled. */
  preview?: string
  /** Ready to send. */
  ready?: PreparedPhoto
  /** Upload progress 0..1 while uploading. */
  progress?: number
  /** Why it was refused, for people. */
  error?: string
}

export interface Photo {
  state: PhotoState | null
  /** Preparing or uploading: Send waits. */
  busy: boolean
  add(file: File | null | undefined): void
  clear(): void
  /** Starts loading the attach chunk. */
  warm(): void
}

const MB = 1048576

/** The photo being attached in this composer. `area` receives drops of image files. */
export function usePhoto(area: { current: HTMLElement | null }): Photo {
  const { config, env, t } = useContext(Services)
  const [state, setState] = useState<PhotoState | null>(null)
  const current = useRef<AbortController | null>(null)
  const warm = () => void env.loadAttach?.().catch(env.report)

  const clear = () => {
    current.current?.abort()
    current.current = null
    setState(null)
  }

  const add = async (file: File | null | undefined) => {
    if (!file) return
    clear()
    const ctrl = new AbortController()
    current.current = ctrl
    const set = (s: PhotoState | null | ((s: PhotoState | null) => PhotoState | null)) => current.current === ctrl && setState(s)
    const text = (e: unknown) =>
      e === 'size'
        ? fmt(t.photoSize, { n: (file.size / MB).toFixed(1), max: +(config.maxImageBytes / MB).toFixed(1) })
        : t[e === 'type' ? 'photoType' : e === 'upload' ? 'photoUpload' : 'photoDecode']
    let mod: AttachModule | undefined
    try {
      mod = await env.loadAttach?.()
    } catch (err) {
      env.report(err)
    }
    if (!mod || !env.decodeImage) return set({ error: t.photoDecode })
    const refused = mod.check(file, config.maxImageBytes)
    if (refused) return set({ error: text(refused) })
    set({})
    try {
      const ready = await mod.prepare(file, {
        maxBytes: config.maxImageBytes,
        maxDimension: config.maxImageDimension,
        uploadUrl: config.uploadPath && config.apiUrl + config.uploadPath,
        apiKey: config.apiKey,
        doc: env.doc,
        decode: env.decodeImage,
        xhr: env.xhr,
        signal: ctrl.signal,
        onPreview: (preview) => set({ preview, progress: config.uploadPath ? 0 : undefined }),
        onProgress: (progress) => set((s) => s && { ...s, progress }),
      })
      set({ preview: ready.preview, ready })
    } catch (e) {
      set({ error: text(e as PhotoError) })
    }
  }

  // Image files dropped anywhere on the panel.
  useEffect(() => {
    const el = area.current?.closest('.td-panel') || area.current
    if (!el) return
    const over = (e: Event) => {
      const dt = (e as DragEvent).dataTransfer
      if (dt && Array.prototype.includes.call(dt.types, 'Files')) e.preventDefault()
    }
    const drop = (e: Event) => {
      const file = (e as DragEvent).dataTransfer?.files[0]
      if (file) {
        e.preventDefault()
        void add(file)
      }
    }
    el.addEventListener('dragover', over)
    el.addEventListener('drop', drop)
    return () => {
      el.removeEventListener('dragover', over)
      el.removeEventListener('drop', drop)
      current.current?.abort()
    }
  }, [])

  return { state, busy: !!state && !state.ready && !state.error, add, clear, warm }
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
      <button
        type="button"
        class="td-icon-btn td-attach"
        aria-label={t.attach}
        title={t.attach}
        onPointerEnter={photo.warm}
        onFocus={photo.warm}
        onClick={() => input.current?.click()}
      >
        <Icon name="attach" />
      </button>
    </>
  )
}

/** The attached photo (thumbnail, upload progress, Remove) or why it was refused. */
export function AttachPreview({ photo }: { photo: Photo }) {
  const { t } = useContext(Services)
  const s = photo.state
  if (!s) return null
  if (s.error) {
    return (
      <div class="td-notice td-photo-error" role="alert">
        {s.error}
      </div>
    )
  }
  const pct = s.progress === undefined ? null : Math.round(s.progress * 100)
  return (
    <div class="td-attached">
      {s.preview ? <img class="td-thumb" src={s.preview} alt={t.photo} /> : <span class="td-thumb" />}
      {!s.ready && (
        <span class="td-progress" role="status">
          {pct === null ? t.preparing : fmt(t.uploading, { n: pct })}
        </span>
      )}
      <button type="button" class="td-icon-btn" aria-label={t.removePhoto} title={t.removePhoto} onClick={photo.clear}>
        <Icon name="close" />
      </button>
    </div>
  )
}
