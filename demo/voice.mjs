// The dev server's voice backend: POST /api/livekit/token.
//
// With LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET set, it mints real LiveKit
// tokens with livekit-server-sdk (your LiveKit Cloud project or server, with your own
// agent). Without them it starts the local LiveKit-protocol test server
// (test/livekit/server.mjs) on the first token request, with a scripted agent
// "Amara" that speaks (beeps), sends transcripts and answers typed text with the
// demo agent's replies, so voice can be tried with no account.
//
// Contract: {"roomName": string, "participantName": string} → 200 {"token", "url"}; 400 on a
// bad body. Like the deployed route it needs no API key (its CORS does not allow X-API-Key);
// with `apiKey` given, it answers 401 to a request without that key.
//
// QA and tests: POST /__dev/voice {"mode": "normal"|"token500"|"unreachable"|"noagent"}
//   token500     the token endpoint answers 500
//   unreachable  a valid token for ws://127.0.0.1:1 (nothing listens there)
//   noagent      a second test server whose agent never joins
// GET /__dev/voice → { mode, requests, livekit: stats of the local test server }.
import { answer } from './agent.mjs'

const NAME = /^[\w.:@-]{1,128}$/

/**
 * @param {{ apiKey?: string, log?: (...a: unknown[]) => void, env?: Record<string, string | undefined> }} opts
 */
export function createVoiceBackend({ apiKey = '', log = () => {}, env = process.env } = {}) {
  const real = env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET ? { url: env.LIVEKIT_URL, key: env.LIVEKIT_API_KEY, secret: env.LIVEKIT_API_SECRET } : null
  const state = {
    mode: 'normal',
    /** every token request body */
    requests: [],
    /** @type {Promise<import('../test/livekit/server.mjs').LiveKitTestServer> | null} */
    livekit: null,
    /** @type {Promise<import('../test/livekit/server.mjs').LiveKitTestServer> | null} */
    silent: null,
  }

  async function testServer(join) {
    const key = join ? 'livekit' : 'silent'
    if (!state[key]) {
      state[key] = import('../test/livekit/server.mjs').then((m) =>
        m.startLiveKitTestServer({ agent: join ? { reply: (text) => plain(answer(text)) } : { join: false } }),
      )
      state[key].then((s) => log(`LiveKit test server (${join ? 'scripted agent' : 'no agent'}) at ${s.url}`), () => (state[key] = null))
    }
    return state[key]
  }

  async function mintReal(roomName, identity) {
    const { AccessToken } = await import('livekit-server-sdk')
    const at = new AccessToken(real.key, real.secret, { identity, ttl: 600 })
    at.addGrant({ roomJoin: true, room: roomName, canPublish: true, canSubscribe: true, canPublishData: true })
    return { token: await at.toJwt(), url: real.url }
  }

  return {
    state,
    real: !!real,
    /** POST /api/livekit/token (CORS already handled). */
    async token(req, res, raw) {
      let body = null
      try {
        body = JSON.parse(raw)
      } catch {
        // answered below
      }
      state.requests.push(body)
      log(`POST /api/livekit/token ${JSON.stringify(body)}`)
      if (apiKey && req.headers['x-api-key'] !== apiKey) return send(res, 401, { error: 'Invalid API key' })
      if (!body || !NAME.test(body.roomName ?? '') || !NAME.test(body.participantName ?? '')) {
        return send(res, 400, { error: 'roomName and participantName are required (letters, digits, _ . : @ -; at most 128)' })
      }
      const { roomName, participantName } = body
      if (state.mode === 'token500') return send(res, 500, { error: 'Token service failed' })
      try {
        if (real && state.mode === 'normal') return send(res, 200, await mintReal(roomName, participantName))
        const lk = await testServer(state.mode !== 'noagent')
        const token = await lk.mintToken(roomName, participantName)
        return send(res, 200, { token, url: state.mode === 'unreachable' ? 'ws://127.0.0.1:1' : lk.url })
      } catch (err) {
        log('token endpoint failed:', err)
        return send(res, 500, { error: 'Token service failed' })
      }
    },
    /** /__dev/voice */
    async dev(req, res, raw) {
      if (req.method === 'POST') {
        const body = JSON.parse(raw || '{}')
        state.mode = ['token500', 'unreachable', 'noagent'].includes(body.mode) ? body.mode : 'normal'
        if (body.reset) state.requests = []
      }
      const lk = state.livekit ? await state.livekit : null
      return send(res, 200, { mode: state.mode, real: !!real, requests: state.requests, livekit: lk ? { ...lk.stats, activeSessions: lk.stats.activeSessions } : null })
    },
    /** The local test server with the speaking agent (started on first use). */
    livekit: () => testServer(true),
    async close() {
      await Promise.all([state.livekit, state.silent].map((p) => p?.then((s) => s.close(), () => undefined)))
    },
  }
}

/** The demo agent's reply as speech: no markdown. */
function plain(text) {
  return String(text).replace(/[*_`#>]|\[([^\]]*)\]\([^)]*\)/g, (m, label) => label ?? '')
}

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}
