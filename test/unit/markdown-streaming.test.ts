/**
 * Streaming a reply delta by delta: tables and nested lists never show their raw
 * syntax on the way, and the work per delta is bounded by the open block, not by
 * the reply (the parser is wrapped to count what each delta parses).
 */
import type { VNode } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import * as parse from '../../src/markdown/parse';
import { parseStreaming, type StreamCache } from '../../src/markdown/streaming';

/** Every text the streaming parser was given, in order. */
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('../../src/markdown/parse', async (original) => {
  const real = await original<typeof import('../../src/markdown/parse')>();
  return {
    ...real,
    parseText: (text: string, open?: boolean, complete?: boolean) => {
      parsed.push(text);
      return real.parseText(text, open, complete);
    },
  };
});

/** Tags and text of a tree, for what a visitor sees. */
function tree(n: unknown): string {
  if (n == null || typeof n == 'boolean') return '';
  if (Array.isArray(n)) return n.map(tree).join('');
  if (typeof n != 'object') return String(n);
  const { type, props } = n as VNode<any>;
  if (typeof type == 'function') return tree((type as (p: unknown) => unknown)(props));
  return `<${type}>${tree(props.children)}</${type}>`;
}
const text = (n: unknown) => tree(n).replace(/<[^>]*>/g, '');

/** Streams `full` in deltas of `size` characters; returns the tree after each. */
function stream(full: string, size: number) {
  const out: string[] = [];
  let cache: StreamCache | undefined;
  for (let n = size; n < full.length + size; n += size) {
    const r = parseStreaming(full.slice(0, n), cache);
    cache = r.cache;
    out.push(tree(r.blocks));
  }
  const done = parseStreaming(full, cache, { done: true });
  return { steps: out, done: tree(done.blocks), final: tree(parse.parseMarkdown(full)) };
}

const TABLE = '| Model | Storage | Price |\n|:--|:-:|--:|\n| **PS5 Slim** | 1 TB | S$599 |\n| PS5 Pro | 2 TB | `S$999` |\n';
const LIST = '- PS5 Slim bundle\n  1. Console\n  2. DualSense\n     - white\n- PS5 Pro\n  - Console only\n';

describe('streaming tables and nested lists', () => {
  it.each([1, 3, 7])('a table in %i-character deltas: never its raw syntax, a table as soon as the delimiter row starts', (size) => {
    const { steps, done, final } = stream('Compare:\n\n' + TABLE + '\nThat is all.', size);
    for (const s of steps) {
      expect(text(s)).not.toMatch(/\||--|\*\*|`/);
      // the header row is never a paragraph first and a table later
      expect(s).not.toMatch(/<p>[^<]*Model/);
    }
    const first = steps.findIndex((s) => s.includes('<table>'));
    expect(first).toBeGreaterThan(0);
    // once it is a table it stays one, header included
    for (const s of steps.slice(first)) expect(s).toContain('<th>Model</th>');
    expect(done).toBe(final);
    expect(final).toContain('<td><strong>PS5 Slim</strong></td>');
  });

  it.each([1, 3, 7])('a nested list in %i-character deltas: never a raw marker, nesting as it arrives', (size) => {
    const { steps, done, final } = stream('In the box:\n\n' + LIST, size);
    for (const s of steps) {
      expect(text(s)).not.toMatch(/(^|\n|>)\s*(-|\d\.)(\s|$)/);
      expect(s).not.toContain('<li></li>');
    }
    expect(steps.some((s) => /<ol><li>Console<\/li><\/ol>/.test(s))).toBe(true);
    expect(done).toBe(final);
    expect(final).toBe(
      '<p>In the box:</p><ul><li>PS5 Slim bundle<ol><li>Console</li><li>DualSense<ul><li>white</li></ul></li></ol></li><li>PS5 Pro<ul><li>Console only</li></ul></li></ul>',
    );
  });

  it('a 200-delta reply: each delta parses only the open block, not the reply', () => {
    const section = (k: number) =>
      `## Option ${k}\n\nThe **PS5 ${k}** is in stock at [TradeZone](https://tradezone.sg/p/${k}).\n\n${TABLE}\n${LIST}\n`;
    const full = Array.from({ length: 8 }, (_, k) => section(k)).join('\n');
    const size = Math.ceil(full.length / 200);
    parsed.length = 0;
    const { done, final } = stream(full, size);
    expect(done).toBe(final);
    const deltas = parsed.length - 1; // the last call is the `done` one
    expect(deltas).toBeGreaterThanOrEqual(199);
    // Each parse is at most the open block plus the next block's first line (a cut
    // waits for that line to be complete): the largest such pair bounds it.
    const blocks = full.split('\n\n');
    const block = Math.max(...blocks.map((b, i) => b.length + 2 + (blocks[i + 1] || '').split('\n')[0].length));
    const worst = Math.max(...parsed.map((t) => t.length));
    expect(worst).toBeLessThanOrEqual(block + 2 * size);
    const total = parsed.reduce((n, t) => n + t.length, 0);
    // Re-parsing the whole reply each time would be the sum of all prefixes (~100 × the reply).
    const naive = Array.from({ length: deltas }, (_, i) => Math.min(full.length, (i + 1) * size)).reduce((a, b) => a + b, 0);
    console.log(`200-delta reply of ${full.length} chars: ${total} chars parsed in ${parsed.length} calls (largest ${worst}); re-parsing everything would be ${naive}`);
    expect(total).toBeLessThanOrEqual(deltas * (block + 2 * size));
    expect(total * 10).toBeLessThan(naive);
  });
});
