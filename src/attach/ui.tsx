/** @jsxRuntime classic */ /** @jsx h */
/**
 * The attach chunk's half of the composer's photo (the panel keeps the paperclip
 * button, the file input, paste/drop and the state; src/widget/AttachButton.tsx):
 * checking, downscaling and uploading one photo while reporting its state, and
 * the preview with upload progress and "Remove photo", or why the photo was
 * refused. Renders on the panel's renderer (build.mjs's shared modules); everything
 * arrives as arguments and props. Its strings' English comes with it (src/i18n/en-attach.ts).
 */
import { h } from 'preact'
import type { AttachOptions, PhotoError, PhotoState, Photos } from '../contracts'
import { fmt } from '../i18n/en'
import { ATTACH_EN } from '../i18n/en-attach'
import { Icon } from '../widget/Icon'
import type { Texts } from '../i18n/types'
import { check, prepare } from './photo'

const MB = 1048576

/** The preview's styles, added when a composer first attaches (`photos`). */
export const ATTACH_CSS = `
.td-attached{display:flex;align-items:center;gap:8px;padding:0 4px 6px;font-size:12px}
.td-thumb{width:48px;height:48px;object-fit:cover;border-radius:6px;background:var(--td-surface)}
.td-progress{flex:1}
`

/** Checks, downscales and (with `uploadPath`) uploads `file`, reporting each step through `set`. */
export async function attach(file: File, { config, env, t: panel, signal, set }: AttachOptions): Promise<void> {
  const t = { ...ATTACH_EN, ...panel }
  const text = (e: unknown) =>
    e === 'size'
      ? fmt(t.photoSize, { n: (file.size / MB).toFixed(1), max: +(config.maxImageBytes / MB).toFixed(1) })
      : t[e === 'type' ? 'photoType' : e === 'upload' ? 'photoUpload' : 'photoDecode']
  if (!env.decodeImage) return set({ error: t.photoDecode })
  const refused = check(file, config.maxImageBytes)
  if (refused) return set({ error: text(refused) })
  set({})
  try {
    const ready = await prepare(file, {
      maxBytes: config.maxImageBytes,
      maxDimension: config.maxImageDimension,
      uploadUrl: config.uploadPath && config.apiUrl + config.uploadPath,
      apiKey: config.apiKey,
      doc: env.doc,
      decode: env.decodeImage,
      xhr: env.xhr,
      signal,
      onPreview: (preview) => set({ preview, progress: config.uploadPath ? 0 : undefined }),
      onProgress: (progress) => set((s) => s && { ...s, progress }),
    })
    set({ preview: ready.preview, ready })
  } catch (e) {
    set({ error: text(e as PhotoError) })
  }
}

/** One composer's photos, as the panel hands them over (src/contracts.ts `Photos`); adds the preview's styles. */
export function photos({ addStyles, ...o }: Omit<AttachOptions, 'signal'> & { addStyles(css: string): void }): Photos {
  /** The current photo's: aborted when it is removed or replaced (its later reports are ignored). */
  let current: AbortController | undefined
  addStyles(ATTACH_CSS)
  const p: Photos = {
    add(file) {
      p.clear()
      const { signal } = (current = new AbortController())
      return attach(file, { ...o, signal, set: (s) => signal.aborted || o.set(s) })
    },
    clear: () => current?.abort(),
    // "Remove photo": its upload stops and it is gone from the composer.
    Preview: (props) => <AttachPreview {...props} clear={() => (p.clear(), o.set(null))} />,
  }
  return p
}

/** The attached photo: thumbnail, upload progress and "Remove photo", or why it was refused. */
export function AttachPreview({ s, t: panel, clear }: { s: PhotoState; t: Texts; clear: () => void }) {
  if (s.error) {
    return (
      <div class="td-notice td-photo-error" role="alert">
        {s.error}
      </div>
    )
  }
  const t = { ...ATTACH_EN, ...panel }
  const pct = s.progress === undefined ? null : Math.round(s.progress * 100)
  return (
    <div class="td-attached">
      {s.preview ? <img class="td-thumb" src={s.preview} alt={t.photo} /> : <span class="td-thumb" />}
      {!s.ready && (
        <span class="td-progress" role="status">
          {pct === null ? t.preparing : fmt(t.uploading, { n: pct })}
        </span>
      )}
      <button type="button" class="td-icon-btn" aria-label={t.removePhoto} title={t.removePhoto} onClick={clear}>
        <Icon name="close" />
      </button>
    </div>
  )
}
