/**
 * The contract between the panel (a tiny attach button and preview) and the
 * lazily loaded attach chunk (dist/talkdock-attach.js: validation, canvas
 * downscale, upload with progress). Types only: nothing here reaches a bundle.
 */

/** Why a photo was refused or failed: `type` (not an accepted image), `size` (over maxImageBytes),
 * `decode` (the browser cannot read it), `upload` (the upload endpoint failed). */
export type PhotoError = 'type' | 'size' | 'decode' | 'upload'

/** A photo ready to send. */
export interface PreparedPhoto {
  /** What goes in the request's `image`: the uploaded URL, or a JPEG data URL of at most 4,096 characters. */
  image: string
  /** A small JPEG data URL of the photo for the visitor's own bubble and the preview. */
  preview: string
  width: number
  height: number
  /** Bytes of the downscaled JPEG. */
  bytes: number
}

export interface PrepareOptions {
  maxBytes: number
  maxDimension: number
  /** Full URL of the upload endpoint; without it (or when it fails) the photo is sent as a small data URL. */
  uploadUrl?: string
  /** Longest data URL sent inline. Default 4096, the deployed backend's `image` limit. */
  maxImageChars?: number
  apiKey?: string
  doc: Document
  decode: (file: Blob) => Promise<ImageBitmap>
  xhr?: () => XMLHttpRequest
  /** The thumbnail is ready (before the upload starts). */
  onPreview?: (dataUrl: string) => void
  /** Upload progress, 0..1. */
  onProgress?: (fraction: number) => void
  /** Aborts the upload (the visitor removed the photo). */
  signal?: AbortSignal
}

/** The composer's photo, as the panel shows it. */
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

/** One composer's photos in the attach chunk: the panel hands each file over and draws `Preview`. */
export interface Photos {
  /** Checks, downscales and uploads `file` (removing the previous photo), reporting its state. */
  add(file: File): Promise<void>
  /** Removes the photo: its upload is aborted and its later reports ignored. */
  clear(): void
  /** The photo's state as the composer shows it: thumbnail, progress and "Remove photo", or why it was refused. */
  Preview: (props: { s: PhotoState; t: import('../widget/context').Texts }) => import('preact').JSX.Element
}

/** What the attach chunk exports. */
export interface AttachModule {
  /** A composer's photos (./ui.tsx). */
  photos: typeof import('./ui').photos
  /** Checks, downscales and uploads one photo, reporting its state (./ui.tsx). */
  attach: typeof import('./ui').attach
  /** The attached photo's thumbnail, progress and "Remove photo" (./ui.tsx). */
  AttachPreview: typeof import('./ui').AttachPreview
  /** Checks type and size without reading the file; null when acceptable. */
  check(file: { type: string; name?: string; size: number }, maxBytes: number): PhotoError | null
  /** Checks, downscales and (with an upload URL) uploads; rejects with a {@link PhotoError}. */
  prepare(file: File | Blob, opts: PrepareOptions): Promise<PreparedPhoto>
}
