/**
 * Photo attachments end to end in real Chromium (built dist/talkdock.js on a page
 * of another origin, dev server with its upload endpoint): the attach chunk loads
 * only on first use; oversize and wrong-type files are refused with a message and
 * never uploaded; a real photo is downscaled (the server reads the JPEG's SOF
 * header) and uploaded exactly once, and the request's `image` is the returned
 * URL; paste and drag-and-drop attach too; without `uploadPath` a data URL is sent.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { Page } from '../helpers/browser'
import { hidden, hostPage, openChat, scriptTag, visible } from '../helpers/e2e'
import { context, server, useE2E } from '../helpers/session'

let page: Page
let chunkRequests: string[]

// No route(): with interception on, Playwright would answer CORS preflights itself (the upload's included).
useE2E({ page: false })
beforeEach(() => {
  chunkRequests = []
})

async function load(attrs: string): Promise<void> {
  page = await hostPage(context, server, scriptTag(server, attrs), '/attach.html')
  page.on('request', (r) => r.url().includes('talkdock-attach') && chunkRequests.push(r.url()))
  await page.goto(`${server.pageOrigin}/attach.html`)
  await openChat(page)
}

const UPLOAD = 'data-bot-name="Amara" data-upload-path="/api/upload"'
const input = () => page.getByRole('textbox', { name: 'Message' })
const fileInput = () => page.locator('input[type=file]')
const uploads = async () => (await (await fetch(`${server.scriptOrigin}/__dev/uploads`)).json()) as { type: string; bytes: number; width: number; height: number }[]

/** A real image made by Chromium's own encoder (no fixture files to keep in sync). */
async function makeImage(width: number, height: number, type = 'image/jpeg'): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ([w, h, t]) => {
      const c = document.createElement('canvas')
      c.width = w
      c.height = h
      const g = c.getContext('2d')!
      const grad = g.createLinearGradient(0, 0, w, h)
      grad.addColorStop(0, '#c00')
      grad.addColorStop(1, '#00c')
      g.fillStyle = grad
      g.fillRect(0, 0, w, h)
      return c.toDataURL(t, 0.9).split(',')[1]
    },
    [width, height, type] as const,
  )
  return Buffer.from(b64, 'base64')
}

describe('photo attachments', () => {
  it('refuses an oversize and a wrong-type file with a message; nothing is uploaded or sent', async () => {
    await load(UPLOAD)
    expect(chunkRequests).toEqual([]) // not loaded with the panel
    await fileInput().setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 1) })
    const alert = page.locator('.td-photo-error')
    await visible(alert)
    expect(await alert.getAttribute('role')).toBe('alert')
    expect(await alert.textContent()).toBe('This photo is 11.0 MB; the largest you can send is 10 MB.')
    expect(chunkRequests).toHaveLength(1)

    await fileInput().setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 not an image') })
    await expect.poll(() => alert.textContent()).toBe('Only photos can be attached (JPEG, PNG, WebP, GIF or HEIC).')
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true)
    // A renamed non-image with an image type is refused when the browser cannot decode it.
    await fileInput().setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') })
    await expect.poll(() => alert.textContent()).toBe('This photo could not be opened. Try a JPEG or PNG.')
    expect(await uploads()).toEqual([])
    expect(server.state.posts).toHaveLength(0)
  })

  it('downscales a 3000×2000 photo to 1280 px, uploads it once and sends the returned URL as image', async () => {
    await load(UPLOAD)
    await page.getByRole('button', { name: 'Attach a photo' }).hover()
    await expect.poll(() => chunkRequests.length).toBe(1) // warmed on hover
    const photo = await makeImage(3000, 2000)
    await fileInput().setInputFiles({ name: 'console.jpg', mimeType: 'image/jpeg', buffer: photo })
    const remove = page.getByRole('button', { name: 'Remove photo' })
    await visible(remove)
    const send = page.getByRole('button', { name: 'Send', exact: true })
    await expect.poll(() => send.isDisabled()).toBe(false)
    const up = await uploads()
    expect(up).toHaveLength(1)
    expect(up[0]).toMatchObject({ type: 'image/jpeg', width: 1280, height: 853 })
    expect(up[0].bytes).toBeLessThan(photo.length)
    expect(await page.locator('.td-attached img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)

    await input().fill('How much for this PS5?')
    await input().press('Enter')
    await expect.poll(() => page.getByRole('log').textContent()).toContain('Thanks for the photo!')
    expect(server.state.posts).toHaveLength(1)
    const body = server.state.posts[0].body
    expect(body.message).toBe('How much for this PS5?')
    expect(body.image).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/uploads/u1-[a-z0-9]+\\.jpg$`))
    // The visitor's bubble shows the local thumbnail; the preview is gone from the composer.
    const mine = page.locator('.td-user img.td-photo')
    expect(await mine.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)
    expect(await mine.getAttribute('alt')).toBe('Your photo')
    await hidden(remove)
    await page.waitForTimeout(300)
    expect(await uploads()).toHaveLength(1)
    expect(chunkRequests).toHaveLength(1)
  })

  it('attaches by paste and by drag-and-drop; Remove drops the photo; a photo alone sends with a short text', async () => {
    await load(UPLOAD)
    const attachVia = (how: 'paste' | 'drop') =>
      page.evaluate(async (kind) => {
        const c = document.createElement('canvas')
        c.width = 2000
        c.height = 100
        c.getContext('2d')!.fillRect(0, 0, 10, 10)
        const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'))
        const dt = new DataTransfer()
        dt.items.add(new File([blob], 'shot.png', { type: 'image/png' }))
        const root = document.querySelector('talkdock-widget')!.shadowRoot!
        if (kind === 'paste') root.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
        else root.querySelector('.td-log')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
      }, how)
    const remove = page.getByRole('button', { name: 'Remove photo' })
    await attachVia('paste')
    await visible(remove)
    await expect.poll(async () => (await uploads()).length).toBe(1)
    await remove.click()
    await hidden(remove)
    await attachVia('drop')
    await visible(remove)
    await expect.poll(async () => (await uploads()).length).toBe(2)
    const up = await uploads()
    expect(up[1]).toMatchObject({ type: 'image/jpeg', width: 1280, height: 64 })
    const send = page.getByRole('button', { name: 'Send', exact: true })
    await expect.poll(() => send.isDisabled()).toBe(false)
    await send.click()
    await expect.poll(() => server.state.posts.length).toBe(1)
    expect(server.state.posts[0].body).toMatchObject({ message: 'Photo attached.', image: expect.stringContaining('/uploads/u2-') })
  })

  it('without uploadPath sends the downscaled photo as a JPEG data URL', async () => {
    await load('data-bot-name="Amara"')
    await fileInput().setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: await makeImage(64, 48, 'image/png') })
    await visible(page.getByRole('button', { name: 'Remove photo' }))
    await input().fill('Is this worth anything?')
    await input().press('Enter')
    await expect.poll(() => server.state.posts.length).toBe(1)
    const image = server.state.posts[0].body.image as string
    expect(image).toMatch(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/)
    expect(image.length).toBeLessThanOrEqual(4096) // the deployed backend's limit
    await expect.poll(() => page.getByRole('log').textContent()).toContain('Thanks for the photo!')
    expect(await uploads()).toEqual([])
  })
})
