/**
 * Photo attachments (the lazily loaded attach chunk): type and size checks,
 * downscaling on a canvas to a JPEG, and upload as multipart with progress.
 * No globals: the document, the image decoder and XMLHttpRequest come in.
 */
import type { PhotoError, PrepareOptions, PreparedPhoto } from '../contracts'

/** Accepted MIME types. HEIC/HEIF is accepted here and then works where the browser can decode it. */
export const TYPES = /^image\/(jpeg|png|webp|gif|hei[cf](-sequence)?)$/i
/** Some browsers report HEIC (and files from some pickers) with an empty type: trust the extension then. */
const EXT = /\.(jpe?g|png|webp|gif|hei[cf])$/i
/** Longest side of the thumbnail kept in the visitor's bubble (and in storage). */
export const PREVIEW_DIMENSION = 320
/** The deployed backend's limit on the request's `image` string, in characters. */
export const MAX_IMAGE_CHARS = 4096

export function check(file: { type: string; name?: string; size: number }, maxBytes: number): PhotoError | null {
  const ok = file.type ? TYPES.test(file.type) : EXT.test(file.name || '')
  if (!ok) return 'type'
  return file.size > maxBytes ? 'size' : null
}

/** Width and height that fit in `max` × `max`, keeping the aspect ratio; never upscales. */
export function fit(width: number, height: number, max: number): [number, number] {
  const scale = Math.min(1, max / Math.max(width, height, 1))
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))]
}

function draw(doc: Document, img: CanvasImageSource, w: number, h: number): HTMLCanvasElement {
  const canvas = doc.createElement('canvas')
  canvas.width = w
  canvas.height = h
  const g = canvas.getContext('2d')
  if (!g) throw 'decode'
  // JPEG has no transparency: transparent PNG pixels become white, not black.
  g.fillStyle = '#fff'
  g.fillRect(0, 0, w, h)
  g.imageSmoothingQuality = 'high'
  g.drawImage(img, 0, 0, w, h)
  return canvas
}

const toBlob = (canvas: HTMLCanvasElement) =>
  new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject('decode')), 'image/jpeg', 0.85))

/** POSTs the JPEG as multipart field `file`; resolves with the returned `url` (http or https only). */
export function upload(url: string, blob: Blob, opts: Pick<PrepareOptions, 'apiKey' | 'xhr' | 'onProgress' | 'signal'>): Promise<string> {
  return new Promise((resolve, reject) => {
    const x = opts.xhr!()
    const fail = () => reject('upload')
    x.open('POST', url)
    if (opts.apiKey) x.setRequestHeader('X-API-Key', opts.apiKey)
    x.timeout = 60000
    x.upload.onprogress = (e) => e.lengthComputable && opts.onProgress?.(e.loaded / e.total)
    x.onerror = x.ontimeout = x.onabort = fail
    x.onload = () => {
      let u: unknown
      try {
        u = JSON.parse(x.responseText).url
      } catch {
        // not JSON
      }
      if (x.status >= 200 && x.status < 300 && typeof u === 'string' && /^https?:\/\/[^\s]+$/i.test(u)) {
        opts.onProgress?.(1)
        resolve(u)
      } else fail()
    }
    opts.signal?.addEventListener('abort', () => x.abort())
    const form = new FormData()
    form.append('file', blob, 'photo.jpg')
    x.send(form)
  })
}

/**
 * The photo as a JPEG data URL of at most `maxChars` characters: re-encoded at lower
 * quality, then downscaled, until it fits (a thumbnail the backend takes beats a
 * sharper photo it rejects). Starts at 256 px, the size that usually fits.
 */
export function inlineImage(doc: Document, source: HTMLCanvasElement, maxChars = MAX_IMAGE_CHARS): string {
  let side = Math.min(256, Math.max(source.width, source.height))
  for (;;) {
    const small = draw(doc, source, ...fit(source.width, source.height, side))
    for (const quality of [0.8, 0.6, 0.45, 0.3]) {
      const url = small.toDataURL('image/jpeg', quality)
      if (url.length <= maxChars) return url
    }
    // A 1-pixel JPEG is a few hundred characters: this ends.
    if (side <= 1) throw 'decode'
    side = Math.max(1, Math.floor(side * 0.75))
  }
}

export async function prepare(file: Blob & { name?: string }, opts: PrepareOptions): Promise<PreparedPhoto> {
  const refused = check(file, opts.maxBytes)
  if (refused) throw refused
  let bitmap: ImageBitmap
  try {
    bitmap = await opts.decode(file)
  } catch {
    throw 'decode'
  }
  let canvas: HTMLCanvasElement
  let preview: string
  const [w, h] = fit(bitmap.width, bitmap.height, opts.maxDimension)
  try {
    canvas = draw(opts.doc, bitmap, w, h)
    preview = draw(opts.doc, canvas, ...fit(w, h, PREVIEW_DIMENSION)).toDataURL('image/jpeg', 0.7)
  } finally {
    bitmap.close?.()
  }
  const blob = await toBlob(canvas)
  opts.onPreview?.(preview)
  let image = ''
  if (opts.uploadUrl && opts.xhr) {
    try {
      image = await upload(opts.uploadUrl, blob, opts)
    } catch (e) {
      // Removed by the visitor: nothing more to do. Otherwise the upload endpoint does not
      // work (the deployed backend's answers 401 to a shop page): the photo goes inline.
      if (opts.signal?.aborted) throw e
    }
  }
  image ||= inlineImage(opts.doc, canvas, opts.maxImageChars)
  return { image, preview, width: w, height: h, bytes: blob.size }
}

