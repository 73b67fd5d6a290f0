/** @jsxRuntime classic */ /** @jsx h */ /** @jsxFrag Fragment */
/**
 * The panel's side of photo attachments: what must work before the attach chunk
 * arrives. The paperclip button with its hidden file input (the picker must open
 * inside the click), paste and drag-and-drop hand the file to the chunk, which
 * loads on the first attach (or earlier, when the button is hovered or focused)
 * and does the rest: checks, canvas downscale, upload, the preview and why a
 * photo was refused, reporting the photo's state through `set`. The panel keeps
 * that state (Send waits while it is being prepared) and the one refusal the
 * chunk cannot give: that it did not load.
 */
import { Fragment, h } from 'preact'
import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import type { PhotoState, Photos } from '../contracts'
import { Services } from './context'
import { IconButton } from './IconButton'

export type { PhotoState }

export interface Photo {
  state: PhotoState | null
  /** The chunk's photos, once it loaded (it draws the preview). */
  ui?: Photos
  /** Hands a file to the chunk (loading it first). */
  add(file: File | null | undefined): void
  /** Starts loading the attach chunk. */
  warm(): void
  /** Preparing or uploading: Send waits. */
  busy: boolean
  /** Forgets the photo (it was sent). */
  clear(): void
  /** The panel's dragover and drop handler: an image file dropped anywhere on it is attached. */
  drop(e: DragEvent): void
}

/**
 * The photo being attached. The panel root holds it: it passes it to the composer
 * and gives `drop` its dragover and drop events, so image files dropped anywhere
 * on the panel are attached.
 */
export function usePhoto(): Photo {
  const { config, env, t, addStyles } = useContext(Services)
  const [state, set] = useState<PhotoState | null>(null)
  const ui = useRef<Photos | undefined>(undefined)
  // Without loadAttach (a custom env), the call throws: the photo is refused like a chunk that failed.
  const load = () => Promise.resolve().then(() => env.loadAttach!())
  const add = (file: File | null | undefined) =>
    file &&
    // Preparing from the start: Send waits for the chunk too.
    (set({}),
    load()
      .then((m) => (ui.current ||= m.photos({ config, env, t, set, addStyles })).add(file))
      .catch((err) => (env.report(err), set({ error: t.photoDecode }))))
  useEffect(() => () => ui.current?.clear(), [])

  return {
    state,
    ui: ui.current,
    add,
    busy: !!state && !state.ready && !state.error,
    warm: () => void load().catch(env.report),
    clear: () => set(null),
    drop(e) {
      const dt = e.dataTransfer
      if (dt?.types.includes('Files')) {
        e.preventDefault()
        if (e.type === 'drop') add(dt.files[0])
      }
    },
  }
}

/**
 * The paperclip button and its hidden file input. The picker offers every image
 * (`image/*`, the phones' usual camera-or-library choice); the chunk refuses what
 * it does not take with a message, as it does for a pasted or dropped file.
 */
export function AttachButton({ photo }: { photo: Photo }) {
  const { t } = useContext(Services)
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
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

/** The attached photo: the chunk's preview (thumbnail, progress, Remove, refusals), or that it did not load. */
export function AttachPreview({ photo }: { photo: Photo }) {
  const { t } = useContext(Services)
  const { state: s, ui } = photo
  return s && (ui ? <ui.Preview s={s} t={t} /> : s.error && <div class="td-notice td-photo-error" role="alert">{s.error}</div>)
}
