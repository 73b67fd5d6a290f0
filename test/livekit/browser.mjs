// Test helpers: a static page server on 127.0.0.1 (serving livekit-client's
// UMD build as a classic script) and a Chromium launcher with fake media.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { BASE_FLAGS, CHROMIUM, MEDIA_FLAGS } from '../helpers/chromium.mjs';

const require = createRequire(import.meta.url);

/** The shared flags (test/helpers/chromium.mjs) with fake media. */
export const CHROMIUM_ARGS = [...BASE_FLAGS, ...MEDIA_FLAGS];

/** @param {{ args?: string[] }} [opts] `args` replaces CHROMIUM_ARGS */
export function launchChromium(opts = {}) {
  return chromium.launch({ executablePath: CHROMIUM, args: opts.args ?? CHROMIUM_ARGS });
}

/** Absolute path of livekit-client's UMD bundle. */
export const livekitUmdPath = () =>
  join(dirname(require.resolve('livekit-client')), 'livekit-client.umd.js');

/**
 * Serves `pages` (path → HTML, or `{ type, body }` for other content) plus
 * `/livekit-client.umd.js` and `/harness.js` (the browser-side test harness, `window.H`).
 * @param {Record<string, string | { type: string, body: string | Uint8Array }>} pages
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startPageServer(pages) {
  const umd = readFileSync(livekitUmdPath());
  const harness = readFileSync(new URL('./harness.js', import.meta.url));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/livekit-client.umd.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(umd);
    } else if (path === '/harness.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(harness);
    } else if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else if (pages[path] !== undefined) {
      const page = pages[path];
      const { type, body } = typeof page === 'string' ? { type: 'text/html; charset=utf-8', body: page } : page;
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r(undefined));
      }),
  };
}
