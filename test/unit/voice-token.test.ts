import { describe, expect, it, vi } from 'vitest'
import { VoiceErrorCode } from '../../src/core/voice-codes'
import { VoiceTokenError, fetchVoiceToken } from '../../src/voice/token'

const json = (body: unknown, status = 200) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('fetchVoiceToken', () => {
  it('POSTs roomName/participantName with the API key and returns token + url', async () => {
    const fetch = vi.fn(async () => json({ token: 'jwt', url: 'wss://lk.example' }))
    const creds = await fetchVoiceToken({
      fetch,
      apiUrl: 'https://shop.example/',
      apiKey: 'k-123',
      roomName: 'r1',
      participantName: 'Visitor',
    })
    expect(creds).toEqual({ token: 'jwt', url: 'wss://lk.example' })
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('https://shop.example/api/livekit/token')
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>)['X-API-Key']).toBe('k-123')
    expect(JSON.parse(init.body as string)).toEqual({ roomName: 'r1', participantName: 'Visitor' })
  })

  it('honours tokenPath and omits the key header without an apiKey', async () => {
    const fetch = vi.fn(async () => json({ token: 't', url: 'ws://127.0.0.1:7880' }))
    await fetchVoiceToken({ fetch, apiUrl: 'https://a.example/base', tokenPath: 'voice/token' })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('https://a.example/base/voice/token')
    expect(init.headers).not.toHaveProperty('X-API-Key')
    expect(JSON.parse(init.body as string)).toEqual({})
  })

  const bad: Array<[string, () => Promise<Response>, RegExp, number | undefined]> = [
    ['network failure', async () => Promise.reject(new TypeError('Failed to fetch')), /failed: Failed to fetch/, undefined],
    ['HTTP 500', async () => json({ error: 'x' }, 500), /HTTP 500/, 500],
    ['HTTP 401', async () => json({ error: 'x' }, 401), /HTTP 401/, 401],
    ['not JSON', async () => json('<html>', 200), /did not return JSON/, 200],
    ['JSON null', async () => json('null', 200), /no "token"/, 200],
    ['missing token', async () => json({ url: 'wss://x' }), /no "token"/, 200],
    ['empty token', async () => json({ token: '', url: 'wss://x' }), /no "token"/, 200],
    ['token not a string', async () => json({ token: 42, url: 'wss://x' }), /no "token"/, 200],
    ['missing url', async () => json({ token: 't' }), /no valid "url"/, 200],
    ['url not a URL', async () => json({ token: 't', url: 'lk.example' }), /no valid "url"/, 200],
  ]
  it.each(bad)('%s → VoiceTokenError token_failed', async (_name, respond, message, status) => {
    const err = await fetchVoiceToken({ fetch: vi.fn(respond), apiUrl: 'https://shop.example' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(VoiceTokenError)
    expect((err as VoiceTokenError).code).toBe(VoiceErrorCode.TokenFailed)
    expect((err as VoiceTokenError).message).toMatch(message)
    expect((err as VoiceTokenError).status).toBe(status)
  })
})
