/**
 * Real-browser check of the XSS corpus: bundles src/markdown/Markdown.tsx
 * with esbuild into a temp page, renders every vector in Chromium (plain
 * and streaming), pokes every element with the usual events, and asserts the `__xss` trap never fires, no dialog opens,
 * and the browser's own URL parser sees only allow-listed schemes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Corpus format: see the header of test/fixtures/xss-vectors.txt. */
const vectors = readFileSync(join(here, '../fixtures/xss-vectors.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) =>
    l.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|([nrt\\]))/g, (_, x, u, c) =>
      x || u ? String.fromCharCode(parseInt(x || u, 16)) : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : '\\',
    ),
  );

const ENTRY = `
import { h, render } from 'preact';
import { Markdown } from ${JSON.stringify(join(here, '../../src/markdown/Markdown.tsx'))};
window.renderAll = (vectors, opts) => {
  const root = document.getElementById('root');
  render(h('div', null, vectors.map((text) => h('section', null, h(Markdown, { text, ...opts })))), root);
};
`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>markdown xss</title>
<script>
  window.__xssCalls = [];
  window.__xss = (...a) => window.__xssCalls.push(String(a[0] ?? 'called'));
  for (const k of ['alert', 'confirm', 'prompt', 'print']) window[k] = () => window.__xss(k);
</script>
<div id="root"></div>
<script src="bundle.js"></script>`;

let dir: string;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'td-md-xss-'));
  writeFileSync(join(dir, 'entry.js'), ENTRY);
  await build({
    entryPoints: [join(dir, 'entry.js')],
    outfile: join(dir, 'bundle.js'),
    bundle: true,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    nodePaths: [join(here, '../../node_modules')],
    logLevel: 'warning',
  });
  writeFileSync(join(dir, 'index.html'), PAGE);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Keep it hermetic: no network for images/links.
  await page.route(/^https?:/, (r) => r.abort());
  await page.goto(pathToFileURL(join(dir, 'index.html')).href);
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('XSS corpus in Chromium', () => {
  it('has the corpus', () => expect(vectors.length).toBeGreaterThanOrEqual(150));

  for (const opts of [{}, { streaming: true }]) {
    it(`never runs injected script (${JSON.stringify(opts)})`, async () => {
      await page.evaluate(([v, o]) => (window as any).renderAll(v, o), [vectors, opts] as const);
      const report = await page.evaluate(async () => {
        const root = document.getElementById('root')!;
        const all = Array.from(root.querySelectorAll('*'));
        // Poke everything: any surviving handler attribute would fire now.
        for (const el of all)
          for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'pointerdown', 'animationstart', 'toggle', 'load', 'error'])
            el.dispatchEvent(new Event(type, { bubbles: true }));
        await new Promise((r) => setTimeout(r, 300));
        return {
          sections: root.querySelectorAll('section').length,
          calls: (window as any).__xssCalls as string[],
          tags: [...new Set(all.map((e) => e.tagName))].sort(),
          handlers: all.flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
          linkProtocols: [...new Set(Array.from(root.querySelectorAll('a')).map((a) => a.protocol))].sort(),
          imgProtocols: [...new Set(Array.from(root.querySelectorAll('img')).map((i) => new URL(i.src).protocol))].sort(),
          dataImgs: Array.from(root.querySelectorAll('img'))
            .map((i) => i.getAttribute('src')!)
            .filter((s) => s.startsWith('data:')),
          frames: window.frames.length,
        };
      });
      expect(report.sections).toBe(vectors.length);
      expect(report.calls).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(report.handlers).toEqual([]);
      expect(report.frames).toBe(0);
      const allowed = ['A', 'BLOCKQUOTE', 'BR', 'CODE', 'DEL', 'DIV', 'EM', 'HR', 'IMG', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'SPAN', 'STRONG', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL'];
      expect(report.tags.filter((t) => !allowed.includes(t))).toEqual([]);
      for (const p of report.linkProtocols) expect(['http:', 'https:', 'mailto:', 'tel:']).toContain(p);
      for (const p of report.imgProtocols) expect(['https:']).toContain(p);
      // No data images at all: only the visitor's own photo may be one, and that is not markdown.
      expect(report.dataImgs).toEqual([]);
    });
  }

  it('control: the trap does catch real injection (via innerHTML)', async () => {
    const calls = await page.evaluate(async () => {
      const div = document.createElement('div');
      div.innerHTML = '<img src="x:" onerror="__xss(\'control\')">';
      document.body.append(div);
      await new Promise((r) => setTimeout(r, 300));
      div.remove();
      return (window as any).__xssCalls.splice(0) as string[];
    });
    expect(calls).toEqual(['control']);
  });
});
