import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { CardList } from '../../src/markdown/CardList';
import { parseMarkdown, type Block } from '../../src/markdown/parse';
import { parseStreaming, type StreamCache } from '../../src/markdown/streaming';
import { safeImageUrl, safeLinkUrl } from '../../src/markdown/url';

/**
 * Time bounds. Measured on the dev container (best of 3 runs): random
 * 5,000-char token soups parse in under 1 ms; the adversarial 10,000-char
 * inputs below take 0.1–18 ms (worst: `[](https://)` repeated, where every
 * `new URL` throws). The bounds leave generous headroom for slow or busy CI
 * machines but still catch a quadratic blow-up, which at 10,000 chars costs
 * hundreds of milliseconds or more.
 */
const RANDOM_BOUND_MS = 50; // per 5,000 chars
const ADVERSARIAL_BOUND_MS = 150; // per 10,000 chars

const TOKENS = [
  '*', '**', '***', '_', '__', '`', '```', '~~~', '[', ']', '(', ')', '![', '](', '\\', '#', '## ', '> ', '- ', '* ',
  '1. ', '2) ', '---', '\n', '\n\n', '  ', ' ', '\t', '"', "'", '<', '>', '&', '&#x09;', '&#106;', '&colon;',
  'a', 'word', 'S$399', '$1,299.00', 'SGD 99', '—', ' - ', '·',
  '<script>__xss()</script>', '<img src=x onerror=__xss()>', '<svg onload=__xss()>', '" onerror="__xss()',
  '<a href="javascript:__xss()">', '</p>', '<!--', '-->',
  'https://tradezone.sg/p/xm5', 'https://x.co/i.png', 'http://a.b/c_(d)', 'mailto:a@b.co', 'tel:+65123',
  'javascript:__xss()', 'JaVaScRiPt:__xss()', 'java\tscript:__xss()', 'java\nscript:', 'vbscript:__xss()',
  'data:text/html,<script>__xss()</script>', 'data:image/png;base64,iVBORw0KGgo=', 'data:image/svg+xml,<svg onload=__xss()>',
  '//evil.example', '/rel', 'é', '日本', '🙂', '\u200b', '\u202e', '\u0000', '\ud800', '\r\n', '\r',
  // tables, containers, autolinks, strikethrough, entities
  '|', ' | ', '| --- |', '|:-:|', '--:', '~', '~~', '> > ', '  - ', '   1. ', '    ', 'www.x.co', 'a@b.co', 'x_y@a.b',
  '<https://x.co/a>', '<a@b.co>', '<javascript:__xss()>', '&amp;', '&#0;', '&#x110000;', '&copy;', '&constructor;', '\\|',
];

const token = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
);
const markdownish = (maxLength: number) => fc.array(token, { maxLength }).map((ts) => ts.join(''));

const TAGS = new Set('p,strong,em,del,code,pre,a,img,br,ul,ol,li,hr,span,blockquote,div,table,thead,tbody,tr,th,td'.split(','));

/**
 * Structural checks on the rendered tree: only the fixed tag vocabulary, no
 * event-handler props, text only as strings, every URL allow-listed (and
 * stable; images only `https:`, never `data:`), every card titled.
 */
function check(n: unknown): void {
  if (n == null || typeof n == 'boolean' || typeof n == 'string') return;
  if (Array.isArray(n)) return n.forEach((k) => check(k));
  const { type, props } = n as VNode<any>;
  if (type == CardList)
    for (const c of props.cards) {
      expect(safeLinkUrl(c.url)).toBe(c.url);
      expect(safeImageUrl(c.imageUrl)).toBe(c.imageUrl);
      expect(c.title).not.toBe('');
    }
  if (typeof type == 'function') return check((type as (p: unknown) => unknown)(props));
  expect(TAGS.has(type as string), String(type)).toBe(true);
  for (const k in props) expect(k.startsWith('on'), k).toBe(false);
  if (type == 'a') expect(safeLinkUrl(props.href)).toBe(props.href);
  if (type == 'a' && props.class) expect(props.children).not.toBe('');
  if (type == 'img') expect(safeImageUrl(props.src)).toBe(props.src);
  check(props.children);
}

/** Rendered to HTML, for comparing two trees (Preact nodes carry ids that differ). */
const VOID = new Set(['br', 'hr', 'img']);
function html(n: unknown): string {
  if (n == null || typeof n == 'boolean') return '';
  if (Array.isArray(n)) return n.map(html).join('');
  if (typeof n != 'object') return JSON.stringify(String(n));
  const { type, props } = n as VNode<any>;
  if (typeof type == 'function') return html((type as (p: unknown) => unknown)(props));
  const { children, ...rest } = props;
  return `<${type} ${JSON.stringify(rest)}>` + (VOID.has(type as string) ? '' : `${html(children)}</${type}>`);
}

/** Best of three runs, in ms (filters GC pauses and a busy machine). */
function time(f: () => void) {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('markdown fuzz', () => {
  it('never throws; every URL in the AST is allow-listed', () => {
    fc.assert(
      fc.property(markdownish(200), (s) => {
        check(parseMarkdown(s));
        check(parseStreaming(s).blocks);
      }),
      { numRuns: 2000 },
    );
  });

  it('streaming by deltas never throws, keeps URLs safe and ends equal to parseMarkdown', () => {
    fc.assert(
      fc.property(markdownish(120), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (s, steps) => {
        let cache: StreamCache | undefined;
        let n = 0;
        for (const k of steps) {
          n = Math.min(s.length, n + k);
          const r = parseStreaming(s.slice(0, n), cache);
          // committed blocks keep their identity
          cache?.blocks.forEach((b, i) => {
            if (r.cache.src.startsWith(cache!.src)) expect(r.blocks[i]).toBe(b);
          });
          check(r.blocks);
          cache = r.cache;
        }
        expect(html(parseStreaming(s, cache, { done: true }).blocks)).toBe(html(parseMarkdown(s)));
      }),
      { numRuns: 500 },
    );
  });

  it(`parses random 5,000-char inputs within ${RANDOM_BOUND_MS} ms`, () => {
    let worst = 0;
    fc.assert(
      fc.property(fc.array(token, { minLength: 400, maxLength: 3000 }), (ts) => {
        const s = ts.join('').slice(0, 5000).padEnd(5000, 'x ');
        const ms = time(() => parseMarkdown(s));
        worst = Math.max(worst, ms);
        expect(ms).toBeLessThan(RANDOM_BOUND_MS);
      }),
      { numRuns: 150 },
    );
    console.log(`random 5,000 chars: worst ${worst.toFixed(2)} ms`);
  });

  const N = 10000;
  const timings: string[] = [];
  const adversarial: Record<string, string> = {
    stars: '*'.repeat(N),
    underscores: '_'.repeat(N),
    openBrackets: '['.repeat(N),
    closeBrackets: ']'.repeat(N),
    imageOpeners: '!['.repeat(N / 2),
    backticks: '`'.repeat(N),
    backtickRuns: Array.from({ length: N / 40 }, (_, i) => '`'.repeat((i % 30) + 1) + 'x').join(' ').slice(0, N),
    // every run length once, shortest first: each run searches the rest of the line for a closer and fails
    distinctBacktickRuns: Array.from({ length: 140 }, (_, i) => '`'.repeat(i + 1) + 'x').join('').padEnd(N, 'y'),
    openers: '*a '.repeat(N / 3),
    closers: 'a* '.repeat(N / 3),
    nestedEmphasis: '*a '.repeat(N / 8) + 'a* '.repeat(N / 8),
    emphasisInBracket: '[' + '_a '.repeat(N / 6) + 'a* '.repeat(N / 6),
    halfLinks: '[a]('.repeat(N / 4),
    deepParens: '[a](' + '('.repeat(N),
    bracketsThenParens: '['.repeat(N / 2) + '](]()'.repeat(N / 10),
    unclosedTitles: '[a](https://x.co "'.repeat(N / 18),
    unsafeLinks: '[](javascript:x)'.repeat(N / 16),
    emptyHttps: '[](https://)'.repeat(N / 12),
    quotes: '>'.repeat(N) + ' x',
    listMarkers: '- '.repeat(N / 2),
    nestedLists: Array.from({ length: 100 }, (_, i) => ' '.repeat(i) + '- x').join('\n').slice(0, N),
    hashes: '#'.repeat(N),
    spacesThenHash: 'a' + ' '.repeat(N) + 'b#',
    fences: '```\n'.repeat(N / 4),
    fenceInfoBackticks: '`'.repeat(N / 2) + ' x`\n' + '```' + 'x'.repeat(N / 2) + '`',
    blankSeparated: 'a\n\n'.repeat(N / 3),
    autolinks: 'https://x.co/'.repeat(N / 13),
    autolinkParens: 'https://x.co/' + ')'.repeat(N),
    autolinkDots: 'https://x.co/' + '.'.repeat(N),
    backslashes: '\\'.repeat(N),
    lessThan: '<'.repeat(N),
    html: '<img src=x onerror=__xss()>'.repeat(N / 27),
    cardLines: '![a](https://x.co/i) [b](https://x.co/p) S$1\n'.repeat(N / 44),
    cardSeparators: '![a](https://x.co/i) [b](https://x.co/p) S$1' + ' -'.repeat(N / 2) + ' x',
    priceDigits: 'S$' + '1,'.repeat(N / 2),
    newlines: '\n'.repeat(N),
    mixed: '**[`*_'.repeat(N / 6),
  };

  it.each(Object.entries(adversarial))(`adversarial %s: within ${ADVERSARIAL_BOUND_MS} ms`, (_name, s) => {
    let blocks: Block[] = [];
    const ms = time(() => {
      blocks = parseMarkdown(s);
      parseStreaming(s);
    });
    check(blocks);
    timings.push(`${_name} ${ms.toFixed(1)}`);
    expect(ms).toBeLessThan(ADVERSARIAL_BOUND_MS);
  });

  afterAll(() => console.log(`adversarial 10,000 chars (ms): ${timings.join(', ')}`));
});
