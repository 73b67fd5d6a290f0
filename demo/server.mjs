// TalkDock dev server: serves the demo pages and dist/, and answers the API exactly
// like the deployed TradeZone backend (CORS per route, validation, token budget,
// error bodies), for manual QA and the E2E tests. docs/backend.md describes it.
//
//   node demo/server.mjs            (PORT=5173 by default; PORT=0 picks a free one)
//
// The demo page is served on http://localhost:PORT and loads the widget from
// http://127.0.0.1:PORT, a different origin, exactly like a shop embedding the
// widget from its backend. Static files get no CORS headers (like Next.js public/).
//
// Environment (and the matching startDevServer options):
//   DEMO_API_KEY   (apiKey)       the X-API-Key the agent requires; default `demo-key`
//                                 (demo/index.html embeds with it); empty: no key needed.
//   DEV_CORS=relaxed (relaxedCors: true)  CORS of a backend updated for the widget's
//                                 opt-in headers: Idempotency-Key on the agent route (and
//                                 Retry-After readable), X-API-Key on the token and upload
//                                 routes. Default: the deployed backend's CORS.
//   AGENT_UPSTREAM=https://...   (upstream) forwards /api/chatkit/agent to a real backend.
// Routes (CORS as the deployed backend unless relaxed):
//   POST /api/chatkit/agent   Allow-Origin: the request's origin; Allow-Headers: Content-Type,
//                             X-API-Key, Authorization; no Expose-Headers. 401 without the key;
//                             400 Validation failed (sessionId, message, image, filtered phrases,
//                             token budget); history cut to the last 20; unknown fields ignored.
//   POST /api/livekit/token   Allow-Origin: *; Allow-Headers: Content-Type, Authorization.
//   POST /api/upload/appwrite Allow-Headers: Content-Type; 401 without X-API-Key (so, like the
//                             deployed one, it cannot work from a shop page).
//   POST /api/upload          the dev server's working upload endpoint (what an updated backend
//                             would offer): multipart field "file" → {"url"} under /uploads/;
//                             Allow-Headers: Content-Type, X-API-Key.
// Voice: /api/livekit/token mints real tokens with LIVEKIT_URL/LIVEKIT_API_KEY/LIVEKIT_API_SECRET,
// else uses a local LiveKit-protocol test server with a scripted agent (demo/voice.mjs, /__dev/voice).
// Test hooks:
//   POST /__dev/mode {"mode": "500"|"502"|"429"|"503"|"slow"|"nonjson"|"cut"|"normal", "times"?: n, "stream"?: bool}
//   POST /__dev/reply {"response": string, "cards"?, "suggestions"?, "stream"?: bool} (or {"replies": [...]})
//        queues replies the agent returns instead of its own, in order.
//   GET  /__dev/stats   agent POSTs: count, idempotency keys, bodies as received, statuses
//   GET  /__dev/uploads what /api/upload received (type, bytes, JPEG width/height)
//   POST /__dev/reset
// Idempotency: a repeated key (the body's `idempotencyKey`, else an `Idempotency-Key`
// header) gets the stored (or still running) reply; the agent acts once.
import { createServer } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { dirname, extname, join, normalize } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { answer, suggestionsFor } from './agent.mjs'
import { createVoiceBackend } from './voice.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.map': 'application/json' }
const MAX_MESSAGE = 1000
const MAX_IMAGE = 4096 // the deployed backend's limit on the `image` string
const MAX_SESSION_ID = 100
const MAX_HISTORY = 20 // history beyond this is silently cut to the last 20
const TOKEN_LIMIT = 4000 // ceil((message + last 20 history contents) / 4) above this: 400
/** The deployed backend's high-risk phrases (rejected with 400). */
const FILTERED = [/system\s*:/i, /assistant\s*:/i, /new\s+(instructions|prompt|rules|system\s+message)/i, /you\s+are\s+now\s+a/i, /ignore\s+(all\s+)?previous\s+instructions/i]

/** CORS per route: the deployed backend's, and (relaxed) a backend updated for the widget's opt-in headers. */
const CORS = {
  live: {
    agent: { origin: 'reflect', headers: 'Content-Type, X-API-Key, Authorization' },
    token: { origin: '*', headers: 'Content-Type, Authorization' },
    appwrite: { origin: '*', headers: 'Content-Type' },
    upload: { origin: 'reflect', headers: 'Content-Type, X-API-Key' },
  },
  relaxed: {
    agent: { origin: 'reflect', headers: 'Content-Type, X-API-Key, Authorization, Idempotency-Key', expose: 'Retry-After' },
    token: { origin: '*', headers: 'Content-Type, Authorization, X-API-Key' },
    appwrite: { origin: '*', headers: 'Content-Type, X-API-Key' },
    upload: { origin: 'reflect', headers: 'Content-Type, X-API-Key' },
  },
}
const ROUTES = { '/api/chatkit/agent': 'agent', '/api/livekit/token': 'token', '/api/upload/appwrite': 'appwrite', '/api/upload': 'upload' }

/**
 * Starts the server. Returns { port, pageOrigin, scriptOrigin, apiKey, relaxedCors, state, close }.
 * `state` exposes what the tests count: every agent POST with its idempotency key, body and status.
 * Options: `apiKey` (default DEMO_API_KEY, else `demo-key`; '' for none), `relaxedCors`
 * (default DEV_CORS=relaxed), `upstream`, `quiet`, `extraRoutes`.
 */
export async function startDevServer({
  port = 5173,
  upstream = process.env.AGENT_UPSTREAM || '',
  apiKey = process.env.DEMO_API_KEY ?? 'demo-key',
  relaxedCors = process.env.DEV_CORS === 'relaxed',
  quiet = false,
  extraRoutes,
} = {}) {
  const cors = relaxedCors ? CORS.relaxed : CORS.live
  const state = {
    // { key (body idempotencyKey, else Idempotency-Key header), header, body (as received), at, status, tokens }
    posts: [],
    acted: 0, // how many times the agent really answered (not replayed)
    epoch: 0, // bumped by /__dev/reset: a slow reply still running from before a reset is not counted after it
    replies: new Map(), // Idempotency-Key -> Promise<{status, body}>
    mode: { name: 'normal', times: Infinity, stream: false, delayMs: 0 },
    extra: {},
    pages: new Map(), // path -> { html, headers } for test fixture pages
    scripted: [], // queued replies from POST /__dev/reply
    uploads: [], // { id, type, bytes, width, height, body }
    preflights: [], // { path, headers (Access-Control-Request-Headers), allowed } of every CORS preflight
  }
  const log = quiet ? () => {} : (...a) => console.log(...a)
  // Voice: POST /api/livekit/token (real LiveKit with LIVEKIT_* env, else the local test server); see voice.mjs.
  // Like the deployed route, it takes no API key (its CORS does not even allow the header).
  const voice = createVoiceBackend({ log })
  state.voice = voice

  async function handle(req, res) {
    const url = new URL(req.url, 'http://x')
    if (extraRoutes && (await extraRoutes(req, res, url, state))) return
    if (url.pathname.startsWith('/api/')) return api(req, res, url)
    if (url.pathname === '/__dev/mode' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}')
      state.mode = { name: body.mode || 'normal', times: body.times ?? Infinity, stream: !!body.stream, delayMs: body.delayMs ?? 0 }
      return json(res, 200, state.mode)
    }
    if (url.pathname === '/__dev/reply' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}')
      state.scripted.push(...(Array.isArray(body.replies) ? body.replies : [body]))
      return json(res, 200, { queued: state.scripted.length })
    }
    if (url.pathname === '/__dev/uploads') {
      return json(res, 200, state.uploads.map(({ body, ...u }) => u))
    }
    if (url.pathname.startsWith('/uploads/')) {
      const u = state.uploads.find((x) => `/uploads/${x.id}.jpg` === url.pathname)
      if (!u) return text(res, 404, 'not found')
      res.writeHead(200, { 'Content-Type': u.type, 'Cache-Control': 'no-store' })
      return res.end(u.body)
    }
    if (url.pathname === '/__dev/voice') return voice.dev(req, res, await readBody(req))
    if (url.pathname === '/__dev/stats') {
      return json(res, 200, { posts: state.posts.length, acted: state.acted, keys: state.posts.map((p) => p.key), bodies: state.posts.map((p) => p.body), statuses: state.posts.map((p) => p.status) })
    }
    if (url.pathname === '/__dev/reset' && req.method === 'POST') {
      state.posts = []
      state.acted = 0
      state.epoch++
      state.replies.clear()
      state.mode = { name: 'normal', times: Infinity, stream: false, delayMs: 0 }
      state.scripted = []
      state.uploads = []
      state.preflights = []
      return json(res, 200, { ok: true })
    }
    return serveStatic(req, res, url)
  }

  async function serveStatic(req, res, url) {
    let path = url.pathname
    const host = req.headers.host || ''
    const fixture = state.pages.get(path)
    if (fixture) {
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', ...(fixture.headers || {}) })
      return res.end(fixture.html)
    }
    if (path === '/' || path === '/index.html') return servePage(res, 'index.html', host)
    if (path === '/npm.html') return servePage(res, 'npm.html', host)
    if (path === '/npm-app.js') return serveNpmApp(res)
    if (path === '/demo-controls.js') {
      res.writeHead(200, { 'Content-Type': TYPES['.js'] })
      return res.end(await readFile(join(root, 'demo/demo-controls.js')))
    }
    // dist/ files at the root, like a CDN or Next.js public/ folder; the demo's product images (demo/img/) at /demo-img/.
    const img = path.startsWith('/demo-img/')
    const file = img ? normalize(join(root, 'demo/img', path.slice(10))) : normalize(join(root, 'dist', path))
    if (!file.startsWith(join(root, img ? 'demo/img' : 'dist'))) return text(res, 403, 'forbidden')
    try {
      const s = await stat(file)
      if (!s.isFile()) throw new Error('not a file')
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' })
      res.end(await readFile(file))
    } catch {
      text(res, 404, 'not found')
    }
  }

  async function servePage(res, name, host) {
    const html = await readFile(join(root, 'demo', name), 'utf8')
    const p = host.split(':').pop()
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
    const out = html
      .replaceAll('{{SCRIPT_ORIGIN}}', `http://127.0.0.1:${p}`)
      .replaceAll('{{API_KEY}}', apiKey.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`))
      .replaceAll('{{VERSION}}', `${pkg.version}-${Date.now().toString(36)}`)
    res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' })
    res.end(out)
  }

  let npmApp = null
  async function serveNpmApp(res) {
    if (!npmApp) {
      const { build } = await import('esbuild')
      const out = await build({ entryPoints: [join(root, 'demo/npm-app.ts')], bundle: true, write: false, format: 'esm', minify: true, jsx: 'automatic', jsxImportSource: 'preact', logLevel: 'silent' })
      npmApp = out.outputFiles[0].text
    }
    res.writeHead(200, { 'Content-Type': TYPES['.js'] })
    res.end(npmApp)
  }

  /** CORS headers of `route` (see CORS above): Chromium checks the preflight's answer against what the request sends. */
  function corsHeaders(req, res, route) {
    const c = cors[route]
    const origin = req.headers.origin
    if (c.origin === '*') res.setHeader('Access-Control-Allow-Origin', '*')
    else if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin)
      res.setHeader('Vary', 'Origin')
    }
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS')
    res.setHeader('Access-Control-Allow-Headers', c.headers)
    if (c.expose) res.setHeader('Access-Control-Expose-Headers', c.expose)
  }

  async function api(req, res, url) {
    const route = ROUTES[url.pathname]
    if (!route) return json(res, 404, { error: 'Not found' })
    corsHeaders(req, res, route)
    if (req.method === 'OPTIONS') {
      // What the browser asked to send (Chromium checks it against the Allow-Headers above).
      state.preflights.push({ path: url.pathname, headers: String(req.headers['access-control-request-headers'] || ''), allowed: cors[route].headers })
      res.writeHead(204)
      return res.end()
    }
    if (req.method !== 'POST') return json(res, 405, { error: 'Method not allowed' })
    if (route === 'agent') return agent(req, res)
    if (route === 'token') return voice.token(req, res, await readBody(req))
    if (route === 'upload') return uploadPhoto(req, res)
    // The deployed upload route: without a key (which a shop page cannot send) it answers 401.
    if (!apiKey || req.headers['x-api-key'] !== apiKey) return json(res, 401, { error: 'Authentication failed', message: 'Invalid or missing API key' })
    return uploadPhoto(req, res)
  }

  async function agent(req, res) {
    const raw = await readBody(req)
    let body = null
    try {
      body = JSON.parse(raw)
    } catch {
      // recorded as null
    }
    const header = req.headers['idempotency-key'] || ''
    const key = (body && typeof body.idempotencyKey === 'string' && body.idempotencyKey) || header
    const post = { key, header, body, at: Date.now(), status: 0, tokens: 0 }
    state.posts.push(post)
    const send = (status, data) => {
      post.status = status
      json(res, status, data)
    }
    log(`POST /api/chatkit/agent key=${String(key).slice(0, 8)} ${JSON.stringify(body?.message ?? raw).slice(0, 60)}`)
    if (upstream) return forward(req, res, raw)
    if (apiKey && req.headers['x-api-key'] !== apiKey) return send(401, { error: 'Authentication failed', message: 'Invalid or missing API key' })
    const invalid = validate(body)
    if (invalid) return send(400, { error: 'Validation failed', details: [invalid] })
    // History beyond 20 items is silently cut to the last 20 (unknown fields are ignored).
    const history = Array.isArray(body.history) ? body.history.slice(-MAX_HISTORY) : []
    const tokens = Math.ceil((body.message.length + history.reduce((n, t) => n + String(t?.content ?? '').length, 0)) / 4)
    post.tokens = tokens
    if (tokens > TOKEN_LIMIT) {
      return send(400, { error: 'Validation failed', details: [{ field: 'tokens', message: `Request too large (estimated ${tokens} tokens; the limit is ${TOKEN_LIMIT})` }] })
    }

    const mode = takeMode()
    if (mode === '500') return send(500, { error: 'Internal server error' })
    if (mode === '502') return (post.status = 502), text(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html')
    if (mode === '429') {
      // The header is there, but cross-origin scripts cannot read it (no Expose-Headers).
      res.setHeader('Retry-After', '2')
      return send(429, { error: 'Too many requests', message: 'Rate limit exceeded. Please try again in 2 seconds.', retryAfter: 2 })
    }
    if (mode === '503') return send(503, { error: 'Service unavailable', message: 'Daily usage limit reached. Please try again tomorrow.' })
    if (mode === 'nonjson') return (post.status = 200), text(res, 200, 'OK but not JSON')
    // Idempotency: a repeated key gets the stored (or still running) reply; the agent acts once.
    let reply = key ? state.replies.get(key) : undefined
    if (!reply) {
      const delay = mode === 'slow' ? state.mode.delayMs || 4000 : 0
      const epoch = state.epoch
      reply = (async () => {
        if (delay) await sleep(delay)
        if (epoch === state.epoch) state.acted++
        const scripted = state.scripted.shift()
        if (scripted) return { ...scripted, sessionId: body.sessionId }
        const result = { response: answer(body.message, undefined, `http://${req.headers.host}`), sessionId: body.sessionId }
        if (body.image) result.response = `Thanks for the photo! ${result.response}`
        const suggestions = suggestionsFor(body.message)
        if (suggestions) result.suggestions = suggestions
        return result
      })()
      if (key) state.replies.set(key, reply)
    }
    const result = await reply
    post.status = 200
    const accepts = String(req.headers.accept || '').includes('text/event-stream')
    if (accepts && result.stream) return streamChunks(res, result)
    const wantsStream = accepts && (state.mode.stream || mode === 'cut')
    if (wantsStream) return stream(res, result, mode === 'cut')
    json(res, 200, result)
  }

  async function stream(res, result, cut) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
    const words = result.response.split(/(?<=\s)/)
    const upto = cut ? Math.max(1, Math.floor(words.length / 2)) : words.length
    for (let i = 0; i < upto; i++) {
      res.write(`event: delta\ndata: ${JSON.stringify({ text: words[i] })}\n\n`)
      await sleep(30)
    }
    if (cut) return res.destroy()
    res.write(`event: done\ndata: ${JSON.stringify(result)}\n\n`)
    res.end()
  }

  /** A scripted reply streamed in 7-character deltas (cutting through markdown syntax), without delays. */
  async function streamChunks(res, { stream: _s, ...result }) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
    for (let i = 0; i < result.response.length; i += 7) {
      res.write(`event: delta\ndata: ${JSON.stringify({ text: result.response.slice(i, i + 7) })}\n\n`)
      if (i % 70 === 0) await sleep(1)
    }
    res.write(`event: done\ndata: ${JSON.stringify(result)}\n\n`)
    res.end()
  }

  /** POST /api/upload: multipart with one image file; keeps it in memory and answers its URL. */
  async function uploadPhoto(req, res) {
    if (apiKey && req.headers['x-api-key'] !== apiKey) return json(res, 401, { error: 'Authentication failed', message: 'Invalid or missing API key' })
    const raw = await readRaw(req)
    const file = raw && multipartFile(raw, String(req.headers['content-type'] || ''))
    if (!file) return json(res, 400, { error: 'Expected multipart/form-data with a file field' })
    if (!/^image\/(jpeg|png|webp|gif)$/.test(file.type)) return json(res, 415, { error: 'Unsupported image type' })
    if (file.body.length > 10 * 1024 * 1024) return json(res, 413, { error: 'Image too large' })
    const id = `u${state.uploads.length + 1}-${Date.now().toString(36)}`
    const size = file.type === 'image/jpeg' ? jpegSize(file.body) : null
    state.uploads.push({ id, type: file.type, bytes: file.body.length, width: size?.width ?? null, height: size?.height ?? null, body: file.body })
    log(`POST /api/upload ${file.type} ${file.body.length} B ${size ? `${size.width}x${size.height}` : ''}`)
    // The local demo is plain http; a production endpoint would answer an https URL.
    json(res, 200, { url: `http://${req.headers.host}/uploads/${id}.jpg` })
  }

  function takeMode() {
    const m = state.mode
    if (m.name === 'normal' || m.times <= 0) return 'normal'
    m.times--
    return m.name
  }

  async function forward(req, res, raw) {
    const headers = { 'Content-Type': 'application/json' }
    for (const h of ['x-api-key', 'idempotency-key', 'accept', 'authorization']) if (req.headers[h]) headers[h] = req.headers[h]
    try {
      const r = await fetch(upstream.replace(/\/$/, '') + '/api/chatkit/agent', { method: 'POST', headers, body: raw })
      res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') || 'application/json' })
      res.end(Buffer.from(await r.arrayBuffer()))
    } catch (err) {
      json(res, 502, { error: 'Upstream unreachable', message: String(err.message || err) })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error(err)
      if (!res.headersSent) json(res, 500, { error: 'Dev server error' })
      else res.end()
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const actualPort = server.address().port
  // Also answer on ::1 so "localhost" works whichever address the browser picks.
  const server6 = createServer(server.listeners('request')[0])
  await new Promise((resolve) => {
    server6.once('error', () => resolve())
    server6.listen(actualPort, '::1', resolve)
  })
  return {
    port: actualPort,
    pageOrigin: `http://localhost:${actualPort}`,
    scriptOrigin: `http://127.0.0.1:${actualPort}`,
    apiKey,
    relaxedCors,
    state,
    close: () =>
      Promise.all([
        voice.close(),
        ...[server, server6].map((s) => new Promise((r) => (s.listening ? (s.closeAllConnections?.(), s.close(() => r())) : r()))),
      ]),
  }
}

/**
 * The deployed backend's validation, in its order: the first failing rule as
 * `{field, message}`, or null. (The token budget is checked after, on the cut history.)
 */
export function validate(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { field: 'body', message: 'Expected a JSON object' }
  if (typeof body.sessionId !== 'string' || body.sessionId.length > MAX_SESSION_ID) return { field: 'sessionId', message: `Session ID must be a string of at most ${MAX_SESSION_ID} characters` }
  if (typeof body.message !== 'string' || body.message.length < 1) return { field: 'message', message: 'Message is required' }
  if (body.message.length > MAX_MESSAGE) return { field: 'message', message: `Message must be at most ${MAX_MESSAGE} characters` }
  if (body.image !== undefined && body.image !== null) {
    const image = typeof body.image === 'string' ? body.image.trim() : ''
    if (!/^(https?:\/\/|data:image\/)/i.test(image)) return { field: 'image', message: 'Image must be an http(s) URL or a data:image URL' }
    if (image.length > MAX_IMAGE) return { field: 'image', message: `Image must be at most ${MAX_IMAGE} characters` }
  }
  if (FILTERED.some((re) => re.test(body.message))) return { field: 'message', message: 'Message contains potentially harmful content' }
  return null
}

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

function text(res, status, body, type = 'text/plain') {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` })
  res.end(body)
}

/** The first file part of a multipart/form-data body: { type, body }, or null. */
export function multipartFile(raw, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) return null
  const boundary = Buffer.from(`--${m[1] || m[2]}`)
  let at = raw.indexOf(boundary)
  while (at >= 0) {
    const headEnd = raw.indexOf('\r\n\r\n', at)
    const next = raw.indexOf(boundary, at + boundary.length)
    if (headEnd < 0 || next < 0) return null
    const head = raw.subarray(at + boundary.length, headEnd).toString('utf8')
    if (/filename=/i.test(head)) {
      const type = (/content-type:\s*([^\r\n;]+)/i.exec(head)?.[1] || 'application/octet-stream').trim().toLowerCase()
      return { type, body: raw.subarray(headEnd + 4, next - 2) }
    }
    at = next
  }
  return null
}

/** Width and height from a JPEG's SOF marker, or null when it is not a readable JPEG. */
export function jpegSize(buf) {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) return null
  let i = 2
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null
    const marker = buf[i + 1]
    if (marker === 0xff) {
      i++
      continue
    }
    const len = buf.readUInt16BE(i + 2)
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) }
    }
    i += 2 + len
  }
  return null
}

function readRaw(req) {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks = []
    req.on('data', (c) => {
      size += c.length
      if (size > 12e6) req.destroy()
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function readBody(req) {
  return readRaw(req).then((buf) => buf.toString('utf8'))
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = process.env.PORT === undefined ? 5173 : Number(process.env.PORT)
  const s = await startDevServer({ port })
  console.log(
    `\nTalkDock demo running:\n  script-tag demo  http://localhost:${s.port}/\n  npm API demo     http://localhost:${s.port}/npm.html\n` +
      `  (widget files served from ${s.scriptOrigin}, a different origin)\n` +
      `  backend: ${s.relaxedCors ? 'relaxed CORS (DEV_CORS=relaxed)' : 'the deployed TradeZone backend, emulated (DEV_CORS=relaxed relaxes CORS)'}; ` +
      `API key ${s.apiKey ? `"${s.apiKey}" (DEMO_API_KEY)` : 'none'}\n`,
  )
}
