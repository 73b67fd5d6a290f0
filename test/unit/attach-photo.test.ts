import { describe, expect, it } from 'vitest'
import { check, fit, upload } from '../../src/attach/photo'
// @ts-expect-error plain ESM JavaScript without types
import { jpegSize, multipartFile } from '../../demo/server.mjs'

const MB = 1024 * 1024

describe('check', () => {
  it.each([
    ['image/jpeg', 'a.jpg', null],
    ['image/png', 'a.png', null],
    ['image/webp', 'a.webp', null],
    ['image/gif', 'a.gif', null],
    ['image/heic', 'a.heic', null],
    ['image/heif', 'a.heif', null],
    ['', 'IMG_0001.HEIC', null],
    ['', 'photo.jpeg', null],
    ['image/svg+xml', 'a.svg', 'type'],
    ['image/bmp', 'a.bmp', 'type'],
    ['application/pdf', 'a.pdf', 'type'],
    ['text/html', 'a.jpg', 'type'],
    ['', 'notes.txt', 'type'],
    ['', '', 'type'],
  ])('%s %s → %s', (type, name, want) => expect(check({ type, name, size: 1000 }, 10 * MB)).toBe(want))

  it('refuses files over the limit, accepts exactly the limit', () => {
    expect(check({ type: 'image/jpeg', size: 10 * MB + 1 }, 10 * MB)).toBe('size')
    expect(check({ type: 'image/jpeg', size: 10 * MB }, 10 * MB)).toBe(null)
    // Type is reported before size.
    expect(check({ type: 'application/zip', size: 50 * MB }, 10 * MB)).toBe('type')
  })
})

describe('fit', () => {
  it('keeps the aspect ratio within the maximum and never upscales', () => {
    expect(fit(3000, 2000, 1280)).toEqual([1280, 853])
    expect(fit(2000, 3000, 1280)).toEqual([853, 1280])
    expect(fit(800, 600, 1280)).toEqual([800, 600])
    expect(fit(1280, 1280, 1280)).toEqual([1280, 1280])
    expect(fit(20000, 10, 1280)).toEqual([1280, 1])
  })
})

/** A fake XMLHttpRequest driven by the test. */
class FakeXhr {
  static last: FakeXhr
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown
  status = 0
  responseText = ''
  timeout = 0
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {}
  onload?: () => void
  onerror?: () => void
  ontimeout?: () => void
  onabort?: () => void
  aborted = false
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v
  }
  send(body: unknown) {
    this.body = body
  }
  abort() {
    this.aborted = true
    this.onabort?.()
  }
  respond(status: number, text: string) {
    this.status = status
    this.responseText = text
    this.onload?.()
  }
}

describe('upload', () => {
  const xhr = () => new FakeXhr() as unknown as XMLHttpRequest
  const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' })

  it('posts multipart field "file" with the API key, reports progress, resolves the URL', async () => {
    const progress: number[] = []
    const p = upload('https://api.example/api/upload', blob, { apiKey: 'pk_1', xhr, onProgress: (f) => progress.push(f) })
    const x = FakeXhr.last
    expect(x.method).toBe('POST')
    expect(x.url).toBe('https://api.example/api/upload')
    expect(x.headers).toEqual({ 'X-API-Key': 'pk_1' })
    const form = x.body as FormData
    expect((form.get('file') as File).name).toBe('photo.jpg')
    expect((form.get('file') as File).type).toBe('image/jpeg')
    x.upload.onprogress!({ lengthComputable: true, loaded: 50, total: 200 })
    x.upload.onprogress!({ lengthComputable: false, loaded: 0, total: 0 })
    x.respond(200, JSON.stringify({ url: 'https://cdn.example/u/1.jpg' }))
    await expect(p).resolves.toBe('https://cdn.example/u/1.jpg')
    expect(progress).toEqual([0.25, 1])
  })

  it.each([
    [500, '{"error":"boom"}'],
    [200, 'not json'],
    [200, '{"url": 5}'],
    [200, '{"url": "javascript:alert(1)"}'],
    [200, '{"url": "data:image/png;base64,AAAA"}'],
    [200, '{"url": "/relative.jpg"}'],
  ])('rejects with "upload" on %s %s', async (status, text) => {
    const p = upload('https://x/api/upload', blob, { xhr })
    FakeXhr.last.respond(status, text)
    await expect(p).rejects.toBe('upload')
  })

  it('rejects on network error and on abort (the visitor removed the photo)', async () => {
    const p1 = upload('https://x/u', blob, { xhr })
    FakeXhr.last.onerror!()
    await expect(p1).rejects.toBe('upload')
    const ctrl = new AbortController()
    const p2 = upload('https://x/u', blob, { xhr, signal: ctrl.signal })
    ctrl.abort()
    expect(FakeXhr.last.aborted).toBe(true)
    await expect(p2).rejects.toBe('upload')
  })
})

describe('dev server helpers', () => {
  it('reads width and height from a JPEG SOF header (after APP segments)', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]
    const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x03, 0x55, 0x05, 0x00, 0x03]
    const jpeg = Buffer.from([0xff, 0xd8, ...app0, ...sof0, ...new Array(20).fill(0)])
    expect(jpegSize(jpeg)).toEqual({ width: 1280, height: 853 })
    expect(jpegSize(Buffer.from('GIF89a'))).toBe(null)
  })

  it('finds the file part of a multipart body', () => {
    const body = Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\nJPEGDATA\r\n--XyZ--\r\n')
    const f = multipartFile(body, 'multipart/form-data; boundary=XyZ')
    expect(f.type).toBe('image/jpeg')
    expect(f.body.toString()).toBe('JPEGDATA')
    expect(multipartFile(body, 'application/json')).toBe(null)
  })
})
