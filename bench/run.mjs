// TalkDock benchmarks (issue 7): real Chromium against the built dist/ and the dev
// server. Not a test: it asserts nothing, it prints a table and writes
// bench/results.json. `npm run bench` builds first.
//
//   node bench/run.mjs [--write] [--runs N] [--only startup,enter,stream,append,restore,memory]
//
// --write also rewrites the table in docs/performance.md (between <!-- bench:start --> and
// <!-- bench:end -->). BENCH_HEAP_SNAPSHOTS=dir also writes heap snapshots of the
// memory scenario (see SNAP_DIR). Every figure is the median, min and max over N runs (default
// 5), each run in a freshly launched browser.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM, launch, MEDIA_FLAGS } from './browser.mjs'
import { brotli, kib, ROOT, snapshotDist, snapshotRoute, writeDocTable } from './sizes.mjs'
import { startDevServer } from '../demo/server.mjs'

const args = process.argv.slice(2)
const RUNS = args.includes('--runs') ? Math.max(1, Number(args[args.indexOf('--runs') + 1]) || 5) : 5
const ONLY = args.includes('--only') ? new Set(String(args[args.indexOf('--only') + 1]).split(',')) : null
const want = (name) => !ONLY || ONLY.has(name)
const WRITE_DOC = args.includes('--write') && !ONLY
const STREAM_DELTAS = 300 // at 200/s: 1.5 s of streaming
const DELTA_INTERVAL_MS = 5
const CYCLES_OPEN = 100
const CYCLES_VOICE = 20
// BENCH_HEAP_SNAPSHOTS=dir: the memory scenario also writes V8 heap snapshots there
// (warm, open-close, voice-half, voice-end, again-end; -runN each); compare two with
// bench/heap-diff.mjs. Taking a snapshot perturbs the figures a little (diagnosis only).
const SNAP_DIR = process.env.BENCH_HEAP_SNAPSHOTS || ''
const t0 = Date.now()
const log = (...a) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s]`, ...a)

// ---------------------------------------------------------------------------
// Build what the bench needs besides dist/: the bare Preact baseline, and the
// storage format helpers straight from src/ (so seeded conversations follow it).

const common = { bundle: true, minify: true, legalComments: 'none', target: 'es2020', jsx: 'automatic', jsxImportSource: 'preact', write: false, logLevel: 'warning', define: { 'process.env.NODE_ENV': '"production"' } }
const baselineJs = (await build({ ...common, entryPoints: [join(ROOT, 'bench/baseline.jsx')], format: 'iife' })).outputFiles[0].contents
const persistenceSrc = (await build({ ...common, minify: false, entryPoints: [join(ROOT, 'src/core/persistence.ts')], format: 'esm', platform: 'neutral' })).outputFiles[0].text
const { storageKey, parseSaved } = await import(`data:text/javascript;base64,${Buffer.from(persistenceSrc).toString('base64')}`)

if (!existsSync(join(ROOT, 'dist/talkdock.js'))) {
  console.error('dist/talkdock.js is missing: run `node build.mjs` first (npm run bench does).')
  process.exit(1)
}
// Served from memory: other work in this checkout may rebuild dist/ mid-run.
const dist = snapshotDist()
const distRoute = snapshotRoute(dist)
const voiceChunkBuilt = dist.has('talkdock-voice.js')

// ---------------------------------------------------------------------------
// The dev server, plus the bench's own routes: the baseline script, a 200
// deltas/s streaming agent, and (when voice exists) a LiveKit token endpoint.

let livekit = null
const streamStats = []

function cors(req, res) {
  if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', req.headers.origin)
  res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS')
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-API-Key, Idempotency-Key, Accept')
}

async function readJson(req) {
  const chunks = []
  for await (const c of req) chunks.push(c)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return {}
  }
}

/** ~300 markdown tokens: paragraphs, bold, links, a list. */
function streamTokens() {
  const parts = [
    'The **PlayStation 5 Slim** is in stock at our Hougang store, and you can [reserve it online](https://tradezone.sg/p/ps5) for pickup today. ',
    'It comes with one DualSense controller, a *1 TB* SSD and a two-year local warranty. ',
    '\n\n- **Disc edition**: S$599, ready for pickup\n- **Digital edition**: S$529, two left\n- Extra controller: S$95 with any console\n\n',
    'Trade-ins are welcome: bring your old console and we will quote you on the spot. ',
  ]
  const words = []
  while (words.length < STREAM_DELTAS) for (const p of parts) words.push(...p.split(/(?<=\s)/))
  return words.slice(0, STREAM_DELTAS)
}

async function extraRoutes(req, res, url) {
  if (await distRoute(req, res, url)) return true
  if (url.pathname === '/bench/baseline.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' })
    res.end(baselineJs)
    return true
  }
  if (url.pathname === '/bench/stream' || url.pathname === '/api/livekit/token') {
    cors(req, res)
    if (req.method === 'OPTIONS') {
      res.writeHead(204)
      res.end()
      return true
    }
  }
  if (url.pathname === '/bench/stream' && req.method === 'POST') {
    const body = await readJson(req)
    const tokens = streamTokens()
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
    const start = performance.now()
    let i = 0
    await new Promise((resolve) => {
      const tick = () => {
        const due = Math.min(tokens.length, Math.floor((performance.now() - start) / DELTA_INTERVAL_MS) + 1)
        while (i < due) res.write(`event: delta\ndata: ${JSON.stringify({ text: tokens[i++] })}\n\n`)
        if (i >= tokens.length) resolve()
        else setTimeout(tick, 2)
      }
      tick()
    })
    streamStats.push({ deltas: tokens.length, ms: performance.now() - start })
    res.write(`event: done\ndata: ${JSON.stringify({ response: tokens.join(''), sessionId: body.sessionId })}\n\n`)
    res.end()
    return true
  }
  if (url.pathname === '/api/livekit/token' && req.method === 'POST' && livekit) {
    const body = await readJson(req)
    const room = body.roomName || `bench-${Math.random().toString(36).slice(2)}`
    const token = await livekit.mintToken(room, body.participantName || `visitor-${Math.random().toString(36).slice(2)}`)
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ token, url: livekit.url }))
    return true
  }
  return false
}

const server = await startDevServer({ port: 0, quiet: true, extraRoutes })
const W = server.scriptOrigin // the widget's origin (like a CDN); pages are on server.pageOrigin

// ---------------------------------------------------------------------------
// Pages. INSTR runs first in every page: long tasks, and the moment the launcher
// (TalkDock's, inside its shadow root, or the baseline's) first exists.

const INSTR = `<script>
(function () {
  var b = (window.__b = { longtasks: [], launcherAt: null, panelAt: null, expectMsgs: -1, enter: [] });
  try {
    new PerformanceObserver(function (l) {
      l.getEntries().forEach(function (e) { b.longtasks.push({ start: e.startTime, dur: e.duration }) });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  var roots = [];
  function check() {
    if (b.launcherAt === null) {
      var found = document.querySelector('.td-launcher');
      for (var i = 0; !found && i < roots.length; i++) found = roots[i].querySelector('.td-launcher');
      if (found) b.launcherAt = performance.now();
    }
    if (b.panelAt === null && b.expectMsgs >= 0) {
      for (var j = 0; j < roots.length; j++) {
        var r = roots[j];
        // All expected messages, or the newest ones with "Show earlier messages" above them.
        if (r.querySelector('.td-panel') && (r.querySelectorAll('.td-msg').length >= b.expectMsgs || r.querySelector('.td-earlier'))) {
          var log = r.querySelector('.td-log') || r.querySelector('.td-panel');
          log.getBoundingClientRect(); // style + layout now, inside the measurement
          b.panelAt = performance.now();
          b.panelMsgs = r.querySelectorAll('.td-msg').length;
        }
      }
    }
  }
  var mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true });
  var attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    var r = attach.call(this, init);
    roots.push(r);
    mo.observe(r, { childList: true, subtree: true });
    return r;
  };
  window.addEventListener('keydown', function (e) { if (e.key === 'Enter') b.enter.push(performance.now()) }, true);
})();
</script>`

const SHOP = '<header><h1>TradeZone</h1><nav><a href="#">Consoles</a> <a href="#">Phones</a></nav></header><main><p>Shop content.</p></main>'

let pageSeq = 0
/** Registers a fixture page on the page origin and returns its URL. */
function page(body, head = '') {
  const path = `/bench-${++pageSeq}.html`
  server.state.pages.set(path, { html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${INSTR}${head}</head><body>${SHOP}${body}</body></html>` })
  return `${server.pageOrigin}${path}`
}

const tag = (attrs = '') => `<script src="${W}/talkdock.js?v=bench" data-bot-name="Amara" data-api-key="${server.apiKey}" ${attrs} async></script>`

/** A stored conversation of n messages in TalkDock's storage format, as a head script. */
function seeded(n) {
  const now = Date.now()
  const messages = []
  for (let i = 0; i < n; i++) {
    const user = i % 2 === 0
    messages.push(
      user
        ? { id: `u${i}`, role: 'user', text: `Question ${i}: do you have the Nintendo Switch OLED in white, and can I pick it up today?`, status: 'sent', at: now - (n - i) * 1000, key: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }
        : { id: `a${i}`, role: 'assistant', text: `Answer ${i}: **yes**, the Switch OLED (white) is in stock at S$469. You can [reserve it](https://tradezone.sg/p/switch) for pickup at Hougang today, 11am to 8pm.`, status: 'done', at: now - (n - i) * 1000 },
    )
  }
  const saved = { v: 1, sessionId: 'td_bench', messages, draft: '', open: true, updatedAt: now }
  const raw = JSON.stringify(saved)
  const parsed = parseSaved(raw)
  if (!parsed || parsed.messages.length !== n) throw new Error('the seeded conversation does not match the storage format in src/core/persistence.ts')
  const key = storageKey(W)
  return `<script>localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(raw)});localStorage.setItem(${JSON.stringify(`${key}:open`)}, '1');</script>`
}

// ---------------------------------------------------------------------------
// Helpers

async function withBrowser(fn, extra = []) {
  const browser = await launch(extra)
  try {
    const context = await browser.newContext()
    const p = await context.newPage()
    const cdp = await context.newCDPSession(p)
    return await fn({ browser, context, page: p, cdp })
  } finally {
    await browser.close()
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const stats = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs } : null)

async function afterFrames(p, n = 2) {
  await p.evaluate((n) => new Promise((r) => { let i = 0; const f = () => (++i >= n ? r() : requestAnimationFrame(f)); requestAnimationFrame(f) }), n)
}

// Timing-sensitive waits go through CDP Runtime.evaluate: Playwright's own
// helpers inject a ~330 KB script on first use (a 50–500 ms task at 4× CPU) that
// would otherwise land inside the measurement.
async function cdpEval(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text)
  return result.value
}
async function cdpWait(cdp, expression, timeout = 20000) {
  const end = Date.now() + timeout
  while (!(await cdpEval(cdp, expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
const CDP_FRAMES = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))'

async function gcHeap(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage')
  return (await cdp.send('Runtime.getHeapUsage')).usedSize
}

/** Writes a heap snapshot (after the GCs of gcHeap) to SNAP_DIR/<name>-run<N>.heapsnapshot. */
let snapRun = 0
async function heapSnapshot(cdp, name) {
  if (!SNAP_DIR) return
  mkdirSync(SNAP_DIR, { recursive: true })
  const file = join(SNAP_DIR, `${name}-run${snapRun}.heapsnapshot`)
  const fd = openSync(file, 'w')
  const onChunk = ({ chunk }) => writeSync(fd, chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
    closeSync(fd)
  }
  log(`heap snapshot ${file}`)
}

async function listeners(cdp, expr) {
  const { result } = await cdp.send('Runtime.evaluate', { expression: expr })
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId })
  return listeners.map((l) => l.type)
}

const shadow = (p) => p.locator('talkdock-widget')

// ---------------------------------------------------------------------------
// Scenarios. Each takes a fresh browser.

/**
 * Script finished loading (Resource Timing responseEnd) → launcher exists, for
 * TalkDock and the bare Preact baseline: one fresh browser per run and CPU rate,
 * LOADS interleaved page loads of each (each in a new context, so no cache); the
 * run's figure is the median of its loads. The script tag is added once the page
 * has loaded and painted, so page parsing does not land inside the interval.
 */
const LOADS = 3
async function startupRun(rate, run) {
  return withBrowser(async ({ browser }) => {
    const out = { talkdock: [], baseline: [] }
    const order = run % 2 ? ['baseline', 'talkdock'] : ['talkdock', 'baseline']
    for (let l = 0; l < LOADS; l++) {
      for (const kind of order) {
        const context = await browser.newContext()
        try {
          const p = await context.newPage()
          const cdp = await context.newCDPSession(p)
          if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate })
          await p.goto(page(''), { waitUntil: 'load' })
          await cdpEval(cdp, CDP_FRAMES)
          const src = kind === 'talkdock' ? `${W}/talkdock.js?v=bench${run}${l}` : `${W}/bench/baseline.js?v=${run}${l}`
          await cdpEval(
            cdp,
            `(() => { window.__b.injectedAt = performance.now(); const el = document.createElement('script'); el.src = ${JSON.stringify(src)}; el.async = true; el.dataset.botName = 'Amara'; document.body.appendChild(el); return true })()`,
          )
          await cdpWait(cdp, 'window.__b.launcherAt !== null')
          await new Promise((r) => setTimeout(r, 150)) // let the long-task observer deliver
          out[kind].push(
            await cdpEval(
              cdp,
              `(() => {
                const r = performance.getEntriesByName(${JSON.stringify(src)})[0]
                const b = window.__b
                const during = b.longtasks.filter((t) => t.start + t.dur > b.injectedAt && t.start < b.launcherAt)
                return { ms: b.launcherAt - r.responseEnd, longTasks: during.length, longestTask: Math.max(0, ...during.map((t) => t.dur)) }
              })()`,
            ),
          )
        } finally {
          await context.close()
        }
      }
    }
    const pick = (xs) => ({ ms: median(xs.map((x) => x.ms)), longTasks: Math.max(...xs.map((x) => x.longTasks)), longestTask: Math.max(...xs.map((x) => x.longestTask)), loads: xs.map((x) => x.ms) })
    return { talkdock: pick(out.talkdock), baseline: pick(out.baseline) }
  })
}

/** Enter in the composer → the agent fetch starts (Resource Timing startTime), 5 sends. */
async function enterToFetch() {
  return withBrowser(async ({ page: p }) => {
    await p.goto(page(tag()), { waitUntil: 'load' })
    await p.getByRole('button', { name: 'Open chat', exact: true }).click()
    const box = p.getByRole('textbox', { name: 'Message' })
    await box.waitFor()
    await p.evaluate(() => {
      window.__replies = 0
      window.TalkDock.on('message', (m) => { if (m.role === 'assistant') window.__replies++ })
    })
    for (let k = 0; k < 5; k++) {
      await box.fill(`Are you open on public holiday number ${k + 1}?`)
      await afterFrames(p)
      await box.press('Enter')
      await p.waitForFunction((k) => window.__replies > k, k, { timeout: 15000 })
    }
    const r = await p.evaluate(() => {
      const starts = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/chatkit/agent')).map((e) => e.startTime).sort((a, b) => a - b)
      return { enter: window.__b.enter, starts }
    })
    const d = r.starts.map((s, i) => s - r.enter[i])
    return { ms: median(d), samples: d }
  })
}

/** A reply streamed at 200 deltas/s: longest main-thread task (trace) and dropped frames (rAF). */
async function streaming() {
  return withBrowser(async ({ browser, page: p, cdp }) => {
    await p.goto(page(tag('data-agent-path="/bench/stream"')), { waitUntil: 'load' })
    await p.getByRole('button', { name: 'Open chat', exact: true }).click()
    const box = p.getByRole('textbox', { name: 'Message' })
    await box.waitFor()
    await p.evaluate(() => {
      window.__done = false
      window.TalkDock.on('message', (m) => { if (m.role === 'assistant') window.__done = true })
      window.__frames = (ms) => new Promise((resolve) => {
        const ts = []
        const end = ms ? performance.now() + ms : Infinity
        const f = (t) => { ts.push(t); if (t < end && !(ms === 0 && window.__done)) requestAnimationFrame(f); else resolve(ts) }
        requestAnimationFrame(f)
      })
    })
    // Idle reference: the same page, same length, nothing streaming.
    const idle = await p.evaluate(() => window.__frames(1500))
    await box.fill('Tell me everything about the PS5, please.')
    await afterFrames(p)
    await browser.startTracing(p, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] })
    const framesP = p.evaluate(() => window.__frames(0))
    await box.press('Enter')
    await cdpWait(cdp, 'window.__done === true')
    const busy = await framesP
    await afterFrames(p)
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'))
    return { longest: longestTask(trace, p.url()), dropped: dropped(busy), frames: busy.length, droppedIdle: dropped(idle) }
  })
}

function dropped(ts) {
  let n = 0
  for (let i = 1; i < ts.length; i++) n += Math.max(0, Math.round((ts[i] - ts[i - 1]) / (1000 / 60)) - 1)
  return n
}

/** The longest task on the page's renderer main thread in a Chromium trace, in ms. */
function longestTask(trace, url) {
  const events = trace.traceEvents || trace
  let pid = null
  for (const e of events) {
    const frames = e.name === 'TracingStartedInBrowser' && e.args?.data?.frames
    if (frames) for (const f of frames) if (f.url === url && f.processId) pid = f.processId
  }
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pid === null || e.pid === pid))
  let best = 0
  for (const m of mains) {
    for (const e of events) {
      if (e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) best = Math.max(best, e.dur / 1000)
    }
  }
  return best
}

/**
 * A 1,000-message conversation: time from Enter (dispatched at the start of a
 * frame) to the end of layout (ResizeObserver delivery; paint follows at once)
 * of the first frame that contains the new message. If the widget renders later
 * than that frame, the wait for the next frame counts: that is what the visitor
 * sees. 5 sends, each after the previous reply.
 */
async function append1000(expandAll = false) {
  return withBrowser(async ({ page: p }) => {
    await p.goto(page(tag(), seeded(1000)), { waitUntil: 'load' })
    const n0 = await shadow(p).evaluate(
      (host, [want, expandAll]) => new Promise((resolve, reject) => {
        const end = Date.now() + 30000
        const f = () => {
          const root = host.shadowRoot
          const n = root.querySelectorAll('.td-msg').length
          // The widget renders the newest messages first, older ones behind "Show earlier messages".
          const earlier = root.querySelector('.td-earlier')
          if (earlier && expandAll) {
            earlier.click()
            setTimeout(f, 0)
          } else if (n >= want || (earlier && n > 0)) resolve(n)
          else if (Date.now() > end) reject(new Error(`only ${n} messages rendered`))
          else setTimeout(f, 50)
        }
        f()
      }),
      [1000, expandAll],
    )
    if (expandAll) {
      // Back at the newest message, as a visitor who read the history and returned.
      await shadow(p).evaluate(async (host) => {
        const log = host.shadowRoot.querySelector('.td-log')
        for (let i = 0; i < 5; i++) {
          log.scrollTop = log.scrollHeight
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)))
        }
      })
    }
    await p.waitForTimeout(300)
    await p.evaluate(() => {
      window.__replies = 0
      window.TalkDock.on('message', (m) => { if (m.role === 'assistant') window.__replies++ })
    })
    const samples = []
    const frames = []
    for (let k = 0; k < 5; k++) {
      await shadow(p).evaluate((host, k) => {
        const ta = host.shadowRoot.querySelector('textarea')
        ta.value = `One more question, number ${k + 1}: do you deliver to Jurong?`
        ta.dispatchEvent(new Event('input', { bubbles: true }))
      }, k)
      await afterFrames(p, 3)
      const r = await shadow(p).evaluate((host) => new Promise((resolve) => {
        const root = host.shadowRoot
        const count = () => root.querySelectorAll('.td-msg').length
        // A 1×1 probe whose ResizeObserver notification marks "this frame is laid
        // out, paint is next"; re-armed each frame until the new message is in.
        const probe = document.createElement('div')
        probe.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none'
        document.body.appendChild(probe)
        let before = 0
        let t = 0
        let frames = 0
        const ro = new ResizeObserver(() => {
          const ms = performance.now() - t
          ro.unobserve(probe)
          frames++
          if (count() > before) {
            ro.disconnect()
            probe.remove()
            resolve({ ms, frames })
          } else requestAnimationFrame(() => ro.observe(probe))
        })
        requestAnimationFrame(() => {
          before = count()
          const ta = root.querySelector('textarea')
          t = performance.now()
          ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, composed: true }))
          ro.observe(probe)
        })
      }))
      frames.push(r.frames)
      samples.push(r.ms)
      await p.waitForFunction((k) => window.__replies > k, k, { timeout: 15000 })
      await afterFrames(p, 3)
    }
    return { ms: median(samples), samples, frames, messages: n0 }
  })
}

/**
 * Restore on load: the panel chunk finished loading (Resource Timing) → the
 * panel is in the DOM with all n stored messages, laid out.
 */
async function restore(n) {
  return withBrowser(async ({ page: p, cdp }) => {
    const head = seeded(n) + `<script>window.__b.expectMsgs = ${n}</script>`
    await p.goto(page(tag(), head), { waitUntil: 'load' })
    await cdpWait(cdp, 'window.__b.panelAt !== null')
    return cdpEval(
      cdp,
      `(() => {
        const r = performance.getEntriesByType('resource').find((e) => /\\/talkdock-panel\\.js/.test(e.name))
        return { ms: window.__b.panelAt - r.responseEnd, messages: window.__b.panelMsgs }
      })()`,
    )
  })
}

/**
 * Memory and teardown: heap after forced GC at each stage; 100 open/close
 * cycles (and voice start/stop cycles when voice exists), then the same cycles
 * again measured from the end of the first round; then destroy() and count the
 * DOM nodes and window/document listeners left behind.
 */
async function memory() {
  const voice = voiceChunkBuilt && livekit
  snapRun++
  return withBrowser(async ({ page: p, cdp }) => {
    await p.goto(page(tag('data-manual data-enable-voice="true"')), { waitUntil: 'load' })
    await p.waitForFunction(() => window.TalkDock && typeof window.TalkDock.init === 'function')
    const nodes = () => p.evaluate(() => document.getElementsByTagName('*').length)
    const lsn = async () => ({ window: await listeners(cdp, 'window'), document: await listeners(cdp, 'document') })
    const nodes0 = await nodes()
    const listeners0 = await lsn()
    const heapPage = await gcHeap(cdp)
    await p.evaluate(() => window.TalkDock.init({ botName: 'Amara', enableVoice: true }))
    await p.getByRole('button', { name: 'Open chat', exact: true }).waitFor()
    const heapFresh = await gcHeap(cdp)
    const cycle = () => p.evaluate(async (n) => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()))
      const host = document.querySelector('talkdock-widget')
      for (let i = 0; i < n; i++) {
        window.TalkDock.open()
        for (let j = 0; j < 200 && !host.shadowRoot.querySelector('textarea'); j++) await frame()
        await frame()
        window.TalkDock.close()
        await frame()
      }
    }, CYCLES_OPEN)
    // Warm-up: the first open loads and mounts the panel chunk (code, not a leak).
    await p.evaluate(async () => {
      window.TalkDock.open()
      const host = document.querySelector('talkdock-widget')
      while (!host.shadowRoot.querySelector('textarea')) await new Promise((r) => setTimeout(r, 20))
      window.TalkDock.close()
    })
    const voiceApi = await p.evaluate(() => typeof window.TalkDock.startVoice === 'function' && typeof window.TalkDock.stopVoice === 'function')
    const voiceCycle = (n) => p.evaluate(async (n) => {
        let ok = 0
        for (let i = 0; i < n; i++) {
          try {
            await window.TalkDock.startVoice()
            await new Promise((r) => setTimeout(r, 500))
            await window.TalkDock.stopVoice()
            await new Promise((r) => setTimeout(r, 100))
            ok++
          } catch {}
        }
        return ok
      }, n)
    // Warm-up for voice too: the first start loads the voice chunk (livekit-client).
    if (voice && voiceApi) await voiceCycle(1)
    const heapWarm = await gcHeap(cdp)
    await heapSnapshot(cdp, 'warm')
    const joins0 = livekit ? livekit.stats.joins : 0
    await cycle()
    const heapOpenClose = await gcHeap(cdp)
    await heapSnapshot(cdp, 'open-close')
    // In two halves: during the first calls V8 compiles the voice chunk's code as it gets hot
    // (a heap snapshot diff: ~90 % code objects); a leak keeps growing in the second.
    const half = CYCLES_VOICE >> 1
    let voiceCycles = voice && voiceApi ? await voiceCycle(half) : null
    const heapVoiceHalf = await gcHeap(cdp)
    await heapSnapshot(cdp, 'voice-half')
    if (voiceCycles !== null) voiceCycles += await voiceCycle(CYCLES_VOICE - half)
    const heapAfter = await gcHeap(cdp)
    await heapSnapshot(cdp, 'voice-end')
    // The same cycles again, from the state after the first round: V8 has compiled
    // (baseline, then optimized) the code the voice calls run by now, so what still
    // grows here is retained per use. The first round's figures above stay as they were.
    await cycle()
    const heapOpenClose2 = await gcHeap(cdp)
    const voiceCycles2 = voice && voiceApi ? await voiceCycle(CYCLES_VOICE) : null
    const heapAfter2 = await gcHeap(cdp)
    await heapSnapshot(cdp, 'again-end')
    const listenersOpen = await lsn()
    await p.evaluate(() => window.TalkDock.destroy())
    await afterFrames(p)
    await p.waitForTimeout(100)
    const listenersEnd = await lsn()
    const extra = (now, then) => {
      const left = [...now]
      for (const t of then) {
        const i = left.indexOf(t)
        if (i >= 0) left.splice(i, 1)
      }
      return left
    }
    return {
      heapPage,
      heapFresh,
      heapWarm,
      heapAfter,
      growthFromFresh: heapAfter - heapFresh,
      growthFromWarm: heapAfter - heapWarm,
      growthOpenClose: heapOpenClose - heapWarm,
      growthVoice: heapAfter - heapOpenClose,
      growthVoiceFirst: heapVoiceHalf - heapOpenClose,
      growthVoiceSecond: heapAfter - heapVoiceHalf,
      growthAgain: heapAfter2 - heapAfter,
      growthAgainOpenClose: heapOpenClose2 - heapAfter,
      growthAgainVoice: heapAfter2 - heapOpenClose2,
      voiceCycles2,
      voiceApi,
      voiceCycles,
      voiceJoins: livekit ? livekit.stats.joins - joins0 : null,
      nodesLeft: (await nodes()) - nodes0,
      hostsLeft: await p.evaluate(() => document.querySelectorAll('talkdock-widget').length),
      listenersWhileAlive: { window: extra(listenersOpen.window, listeners0.window), document: extra(listenersOpen.document, listeners0.document) },
      listenersLeft: { window: extra(listenersEnd.window, listeners0.window), document: extra(listenersEnd.document, listeners0.document) },
    }
  }, voice ? MEDIA_FLAGS : [])
}

// ---------------------------------------------------------------------------
// Run

function machine() {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || cpus()[0]?.model || 'unknown'
  let chromium = 'unknown'
  try {
    chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {}
  let nproc = cpus().length
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim())
  } catch {}
  let commit = 'unknown'
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
    if (execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim()) commit += ' + uncommitted src/ changes'
  } catch {}
  return { nproc, cpu, memGiB: Math.round(totalmem() / 2 ** 30), chromium, node: process.version, commit, loadAvgAtStart: loadavg()[0] }
}

const m = machine()
log(`${RUNS} runs; ${m.nproc} × ${m.cpu}; ${m.chromium}; Node ${m.node}`)
if (voiceChunkBuilt) {
  try {
    const { startLiveKitTestServer } = await import('../test/livekit/server.mjs')
    livekit = await startLiveKitTestServer({ port: 0 })
  } catch (err) {
    log('LiveKit test server did not start:', err.message)
  }
}

// Warm-up, not measured: first launch and first page load pay for disk caches.
if (want('startup')) await startupRun(1, 0).catch(() => {})

const raw = { start: { td1: [], base1: [], td4: [], base4: [] }, enter: [], stream: [], append: [], appendAll: [], restore200: [], restore0: [], memory: [] }
const errors = []
async function attempt(name, fn, into) {
  try {
    into.push(await fn())
  } catch (err) {
    errors.push(`${name}: ${err.message.split('\n')[0]}`)
    log(`${name} failed: ${err.message.split('\n')[0]}`)
  }
}

for (let i = 0; i < RUNS; i++) {
  log(`run ${i + 1}/${RUNS}`)
  // Alternate the order so neither page is always measured first.
  for (const rate of want('startup') ? [1, 4] : []) {
    const got = []
    await attempt(`startup ${rate}x`, () => startupRun(rate, i), got)
    if (got[0]) {
      raw.start[`td${rate}`].push(got[0].talkdock)
      raw.start[`base${rate}`].push(got[0].baseline)
    }
  }
  if (want('enter')) await attempt('enter', enterToFetch, raw.enter)
  if (want('stream')) await attempt('stream', streaming, raw.stream)
  if (want('append')) await attempt('append', () => append1000(false), raw.append)
  if (want('append')) await attempt('append, all in the DOM', () => append1000(true), raw.appendAll)
  if (want('restore')) for (const n of i % 2 ? [0, 200] : [200, 0]) await attempt(`restore ${n}`, () => restore(n), n ? raw.restore200 : raw.restore0)
  if (want('memory')) await attempt('memory', memory, raw.memory)
}
await server.close()
await livekit?.close()

// ---------------------------------------------------------------------------
// Results

const pairRatios = (a, b) => a.slice(0, Math.min(a.length, b.length)).map((x, i) => x.ms / b[i].ms)
const r = {
  startup1: { talkdock: stats(raw.start.td1.map((x) => x.ms)), baseline: stats(raw.start.base1.map((x) => x.ms)), ratio: stats(pairRatios(raw.start.td1, raw.start.base1)) },
  startup4: { talkdock: stats(raw.start.td4.map((x) => x.ms)), baseline: stats(raw.start.base4.map((x) => x.ms)), ratio: stats(pairRatios(raw.start.td4, raw.start.base4)) },
  longTasks1: stats(raw.start.td1.map((x) => x.longTasks)),
  longTasks4: stats(raw.start.td4.map((x) => x.longTasks)),
  longTasks4Baseline: stats(raw.start.base4.map((x) => x.longTasks)),
  longestBeforeLauncher4: stats(raw.start.td4.map((x) => x.longestTask)),
  enterToFetch: stats(raw.enter.map((x) => x.ms)),
  streamLongest: stats(raw.stream.map((x) => x.longest)),
  streamDropped: stats(raw.stream.map((x) => x.dropped)),
  streamDroppedIdle: stats(raw.stream.map((x) => x.droppedIdle)),
  streamFrames: stats(raw.stream.map((x) => x.frames)),
  deltaRate: stats(streamStats.map((s) => (s.deltas / s.ms) * 1000)),
  append1000: stats(raw.append.map((x) => x.ms)),
  appendFrames: stats(raw.append.flatMap((x) => x.frames)),
  appendInDom: stats(raw.append.map((x) => x.messages)),
  appendAll: stats(raw.appendAll.map((x) => x.ms)),
  appendAllFrames: stats(raw.appendAll.flatMap((x) => x.frames)),
  appendAllInDom: stats(raw.appendAll.map((x) => x.messages)),
  restore200InDom: stats(raw.restore200.map((x) => x.messages)),
  restore200: stats(raw.restore200.map((x) => x.ms)),
  restore0: stats(raw.restore0.map((x) => x.ms)),
  heapGrowthWarm: stats(raw.memory.map((x) => x.growthFromWarm / 1024)),
  heapGrowthFresh: stats(raw.memory.map((x) => x.growthFromFresh / 1024)),
  heapGrowthOpenClose: stats(raw.memory.map((x) => x.growthOpenClose / 1024)),
  heapGrowthVoice: stats(raw.memory.map((x) => x.growthVoice / 1024)),
  heapGrowthVoiceFirst: stats(raw.memory.map((x) => x.growthVoiceFirst / 1024)),
  heapGrowthVoiceSecond: stats(raw.memory.map((x) => x.growthVoiceSecond / 1024)),
  heapGrowthAgain: stats(raw.memory.map((x) => x.growthAgain / 1024)),
  heapGrowthAgainOpenClose: stats(raw.memory.map((x) => x.growthAgainOpenClose / 1024)),
  heapGrowthAgainVoice: stats(raw.memory.map((x) => x.growthAgainVoice / 1024)),
  heapPanel: stats(raw.memory.map((x) => (x.heapWarm - x.heapFresh) / 1024)),
  nodesLeft: stats(raw.memory.map((x) => x.nodesLeft)),
  hostsLeft: stats(raw.memory.map((x) => x.hostsLeft)),
  listenersLeft: stats(raw.memory.map((x) => x.listenersLeft.window.length + x.listenersLeft.document.length)),
}
const lastMem = raw.memory[raw.memory.length - 1]

const f1 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
const fmt = (s, unit = 'ms', f = f1) => (s ? `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})` : 'failed')
const int = (x) => String(Math.round(x))
const met = (s, ok) => (s ? (ok(s.median) ? 'yes' : '**no**') : '–')
const voiceRan = !!(lastMem && lastMem.voiceCycles !== null)
const voiceWhy = !voiceChunkBuilt
  ? 'n/a (voice not built yet: no dist/talkdock-voice.js)'
  : !livekit
    ? 'n/a (the LiveKit test server did not start)'
    : lastMem && !lastMem.voiceApi
      ? 'n/a (voice not built yet: the voice chunk exists but TalkDock.startVoice()/stopVoice() do not)'
      : 'n/a'

const rows = [
  ['Script loaded → launcher exists, TalkDock / bare Preact baseline', `${fmt(r.startup1.talkdock)} / ${fmt(r.startup1.baseline)}`, '', ''],
  ['… ratio TalkDock ÷ baseline (paired per run)', fmt(r.startup1.ratio, '×'), '≤ 1.2×', met(r.startup1.ratio, (x) => x <= 1.2)],
  ['Same at 4× CPU throttling, TalkDock / baseline', `${fmt(r.startup4.talkdock)} / ${fmt(r.startup4.baseline)}`, '', ''],
  ['… ratio at 4× CPU', fmt(r.startup4.ratio, '×'), '≤ 1.2×', met(r.startup4.ratio, (x) => x <= 1.2)],
  [
    'Long tasks (≥ 50 ms) between script injection and the launcher, normal / 4× CPU (baseline at 4×)',
    `${fmt(r.longTasks1, '', int)} / ${fmt(r.longTasks4, '', int)} (${fmt(r.longTasks4Baseline, '', int)})`,
    'none',
    r.longTasks1 && r.longTasks4 ? (r.longTasks1.max === 0 && r.longTasks4.max === 0 ? 'yes' : '**no**') : '–',
  ],
  ['Enter → agent fetch start (median of 5 sends per run)', fmt(r.enterToFetch), '≤ 2 ms', met(r.enterToFetch, (x) => x <= 2)],
  [`Reply streamed at ${r.deltaRate ? int(r.deltaRate.median) : '200'} deltas/s (${STREAM_DELTAS} deltas, markdown): longest main-thread task`, fmt(r.streamLongest), '< 50 ms', met(r.streamLongest, (x) => x < 50)],
  ['… dropped frames while streaming (same page idle, same length)', `${fmt(r.streamDropped, '', int)} of ${r.streamFrames ? int(r.streamFrames.median) : '?'} (idle: ${fmt(r.streamDroppedIdle, '', int)})`, '', ''],
  [
    `1,000-message conversation: Enter → the first frame showing one more message, laid out (frames: ${r.appendFrames ? int(r.appendFrames.median) : '?'}; ${r.appendInDom ? int(r.appendInDom.median) : '?'} messages in the DOM)`,
    fmt(r.append1000),
    '≤ 4 ms',
    met(r.append1000, (x) => x <= 4),
  ],
  [`… the same after "Show earlier messages" brought all back (${r.appendAllInDom ? int(r.appendAllInDom.median) : '?'} in the DOM; frames: ${r.appendAllFrames ? int(r.appendAllFrames.median) : '?'})`, fmt(r.appendAll), '', ''],
  [`Restore 200 stored messages on load: panel chunk loaded → laid out (${r.restore200InDom ? int(r.restore200InDom.median) : '?'} newest rendered, the rest behind "Show earlier messages")`, fmt(r.restore200), '≤ 30 ms', met(r.restore200, (x) => x <= 30)],
  ['… the same with an empty conversation (panel mount alone)', fmt(r.restore0), '', ''],
  [
    `JS heap growth after ${CYCLES_OPEN} open/close cycles${voiceRan ? ` and ${CYCLES_VOICE} voice start/stop cycles` : ''}, after forced GC, vs the first open (baseline: after 1 warm-up open/close${voiceRan ? ' and 1 warm-up voice call' : ''})`,
    fmt(r.heapGrowthWarm, ' KiB', int),
    '< 1 MiB',
    met(r.heapGrowthWarm, (x) => x < 1024),
  ],
  [`… of which the ${CYCLES_OPEN} open/close cycles / the ${CYCLES_VOICE} voice cycles`, `${fmt(r.heapGrowthOpenClose, ' KiB', int)} / ${voiceRan ? fmt(r.heapGrowthVoice, ' KiB', int) : 'n/a'}`, '', ''],
  [`… the voice cycles in halves: first ${CYCLES_VOICE >> 1} (V8 compiling the voice chunk's code as it gets hot) / last ${CYCLES_VOICE - (CYCLES_VOICE >> 1)}`, voiceRan ? `${fmt(r.heapGrowthVoiceFirst, ' KiB', int)} / ${fmt(r.heapGrowthVoiceSecond, ' KiB', int)}` : 'n/a', '', ''],
  [
    `The same ${CYCLES_OPEN} open/close${voiceRan ? ` and ${CYCLES_VOICE} voice` : ''} cycles run again in the same page, after forced GC, vs the state after the first round (baseline: after ${CYCLES_OPEN + 1} open/close${voiceRan ? ` and ${CYCLES_VOICE + 1} voice calls` : ''}; open/close / voice)`,
    `${fmt(r.heapGrowthAgain, ' KiB', int)} (${fmt(r.heapGrowthAgainOpenClose, ' KiB', int)} / ${voiceRan ? fmt(r.heapGrowthAgainVoice, ' KiB', int) : 'n/a'})`,
    '< 1 MiB',
    met(r.heapGrowthAgain, (x) => x < 1024),
  ],
  ['… vs the fresh launcher (includes loading the panel and voice chunks once)', fmt(r.heapGrowthFresh, ' KiB', int), '', ''],
  [`${CYCLES_VOICE} voice start/stop cycles against the LiveKit test server (twice)`, voiceRan ? `${lastMem.voiceCycles} + ${lastMem.voiceCycles2} of ${CYCLES_VOICE} + ${CYCLES_VOICE} start/stop calls completed; ${lastMem.voiceJoins} joins seen by the LiveKit test server (last run)` : voiceWhy, '', ''],
  ['After destroy(): widget DOM nodes left / `<talkdock-widget>` hosts left', `${fmt(r.nodesLeft, '', int)} / ${fmt(r.hostsLeft, '', int)}`, '0', met(r.nodesLeft, (x) => x === 0)],
  [
    'After destroy(): listeners left on window + document (CDP getEventListeners)',
    `${fmt(r.listenersLeft, '', int)}${lastMem ? ` (while alive: window ${lastMem.listenersWhileAlive.window.join(', ') || 'none'}; document ${lastMem.listenersWhileAlive.document.join(', ') || 'none'})` : ''}`,
    '0',
    met(r.listenersLeft, (x) => x === 0),
  ],
]

const baselineBrotli = brotli(Buffer.from(baselineJs))
const table = [
  `Machine: ${m.nproc} cores, ${m.cpu}, ${m.memGiB} GiB; ${m.chromium}; Node ${m.node}; ${new Date().toISOString().slice(0, 10)}; 1-min load average ${m.loadAvgAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end.`,
  `Median (min–max) of ${RUNS} runs, each in a fresh browser (startup: median of ${LOADS} cold loads per run). Bare Preact baseline: ${kib(baselineBrotli)} KiB brotli, built in the same run.`,
  '',
  '| measure | result | goal | met |',
  '| --- | --- | --- | --- |',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n')

const results = {
  date: new Date().toISOString(),
  machine: m,
  runs: RUNS,
  durationS: Math.round((Date.now() - t0) / 1000),
  baselineBrotli,
  summary: r,
  raw,
  streamServer: streamStats,
  errors,
  table,
}
// A partial run (--only) does not overwrite the full results.
writeFileSync(join(ROOT, ONLY ? 'bench/results-partial.json' : 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(table)
if (errors.length) console.log(`\n${errors.length} measurement(s) failed:\n- ${errors.join('\n- ')}`)
console.log(`\nwrote bench/${ONLY ? "results-partial" : "results"}.json (${results.durationS}s)`)

if (WRITE_DOC) {
  writeDocTable(table, '<!-- bench:start -->', '<!-- bench:end -->')
  console.log('docs/performance.md updated')
}
