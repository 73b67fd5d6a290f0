/**
 * The CommonMark spec examples (`commonmark-spec`) and the GFM extension
 * examples (tables, strikethrough, autolink literals; test/fixtures/
 * gfm-extension-examples.json) for the constructs the renderer supports, run
 * through `parseMarkdown` and compared, as normalised element trees (tags,
 * the attributes that matter, text), with the reference: the `commonmark`
 * package's output for CommonMark, the spec's expected HTML for GFM.
 *
 * Examples we render differently on purpose are listed, with the reason, in
 * docs/markdown.md ("Deliberate differences"); this test reads that table.
 * It fails if an unlisted example differs, if a listed one now matches (the
 * list must stay true), or if the pass count drops below the recorded one.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlRenderer, Parser } from 'commonmark';
import * as spec from 'commonmark-spec';
import type { VNode } from 'preact';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The CommonMark sections counted (see docs/markdown.md, "Spec comparison"). */
export const SECTIONS = [
  'Tabs',
  'Backslash escapes',
  'Entity and numeric character references',
  'Precedence',
  'Thematic breaks',
  'ATX headings',
  'Indented code blocks',
  'Fenced code blocks',
  'Paragraphs',
  'Blank lines',
  'Block quotes',
  'List items',
  'Lists',
  'Inlines',
  'Code spans',
  'Emphasis and strong emphasis',
  'Autolinks',
  'Hard line breaks',
  'Soft line breaks',
  'Textual content',
];
/** Passing examples when last recorded: the count may rise, never fall. */
const RECORDED = { commonmark: 389, gfm: 20 };

type Node = string | { t: string; a: Record<string, string>; c: Node[] };

const BLOCK = new Set('p,h,ul,ol,li,blockquote,pre,hr,table,thead,tbody,tr,th,td'.split(','));

/** A URL as the browser resolves it, percent-escapes decoded (commonmark escapes more than `URL` does). */
const url = (u: string) => {
  try {
    return decodeURIComponent(new URL(u).href);
  } catch {
    return u;
  }
};
const block = (n?: Node) => n != null && typeof n != 'string' && (BLOCK.has(n.t) || /^h\d$/.test(n.t));

/** Attributes compared: link and image targets, image alt, list start, cell alignment, heading level. */
function attrs(t: string, a: Record<string, string>) {
  const o: Record<string, string> = {};
  if (t == 'a' && a.href != null) o.href = url(a.href);
  if (t == 'img') (o.src = url(a.src)), (o.alt = a.alt);
  if (t == 'ol' && a.start != null && a.start != '1') o.start = String(+a.start);
  if ((t == 'th' || t == 'td') && a.align) o.align = a.align;
  return o;
}

/** Normalise children: `br` is a line break in the text, texts merged, whitespace at block edges dropped. */
function norm(t: string, kids: Node[]): Node[] {
  const out: Node[] = [];
  for (let k of kids) {
    if (typeof k != 'string' && k.t == 'br') k = '\n';
    if (typeof k == 'string' && typeof out[out.length - 1] == 'string') out[out.length - 1] += k;
    else out.push(k);
  }
  if (t == 'pre') return out.map((k) => (typeof k == 'string' ? k : { ...k, c: k.c.map((x) => (typeof x == 'string' ? x.replace(/\n$/, '') : x)) }));
  return out
    .map((k, i) => {
      if (typeof k != 'string') return k;
      let s = k.replace(/[ \t]*\n[ \t\n]*/g, '\n');
      const prev = out[i - 1];
      const next = out[i + 1];
      if (!prev || block(prev)) s = s.replace(/^\s+/, '');
      if (!next || block(next)) s = s.replace(/\s+$/, '');
      return s;
    })
    .filter((k) => k !== '');
}

/** Our vnodes as a normalised tree (components called, the table box unwrapped, headings as `h` + level). */
function ours(n: unknown): Node[] {
  if (n == null || typeof n == 'boolean' || n === '') return [];
  if (Array.isArray(n)) return n.flatMap(ours);
  if (typeof n != 'object') return [String(n)];
  const { type, props } = n as VNode<any>;
  if (typeof type == 'function') return ours((type as (p: unknown) => unknown)(props));
  if (type == 'div' && props.class == 'td-table') return ours(props.children);
  const t = props.role == 'heading' ? 'h' + props['aria-level'] : (type as string);
  return [{ t, a: attrs(t, props), c: norm(t, ours(props.children)) }];
}

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(?:#x([\da-f]+)|#(\d+)|(\w+));/gi, (m, x, d, nm) => (x || d ? String.fromCodePoint(parseInt(x || d, x ? 16 : 10)) : ENT[nm] ?? m));
const VOID = new Set(['br', 'hr', 'img', 'input']);

/** Reference HTML (as the commonmark package or the spec writes it) as a normalised tree. */
function theirs(html: string): Node[] {
  const rootNode = { t: '', a: {}, c: [] as Node[] };
  const stack = [rootNode];
  const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+|<)/g;
  for (let m: RegExpExecArray | null; (m = re.exec(html)); ) {
    const top = stack[stack.length - 1];
    if (m[5] != null) top.c.push(decode(m[5]));
    else if (m[1]) {
      const k = stack.map((s) => s.t).lastIndexOf(m[2].toLowerCase());
      if (k > 0) stack.length = k;
    } else {
      const a: Record<string, string> = {};
      for (const x of m[3].matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) a[x[1]] = decode(x[2] ?? '');
      const el = { t: m[2].toLowerCase(), a, c: [] as Node[] };
      top.c.push(el);
      if (!VOID.has(el.t) && !m[4]) stack.push(el);
    }
  }
  const fix = (n: Node): Node[] => {
    if (typeof n == 'string') return [n];
    const t = /^h[1-6]$/.test(n.t) ? 'h' + Math.min(+n.t[1] + 2, 6) : n.t;
    return [{ t, a: attrs(t, n.a), c: norm(t, n.c.flatMap(fix)) }];
  };
  return norm('', rootNode.c.flatMap(fix));
}

/** The "Deliberate differences" table of docs/markdown.md: `| spec | example | reason |`. */
function listed(): Map<string, string> {
  const doc = readFileSync(join(root, 'docs/markdown.md'), 'utf8');
  const part = doc.slice(doc.indexOf('## Deliberate differences'));
  const m = new Map<string, string>();
  for (const [, s, nums, why] of part.matchAll(/^\| (CommonMark|GFM) \| ([\d, ]+) \| (.+) \|$/gm))
    for (const n of nums.split(/, */)) m.set(`${s} ${n}`, why);
  return m;
}

const reader = new Parser();
const writer = new HtmlRenderer();
const gfm: { examples: { number: number; section: string; markdown: string; html: string }[] } = JSON.parse(
  readFileSync(join(root, 'test/fixtures/gfm-extension-examples.json'), 'utf8'),
);
const cases = [
  ...spec.tests
    .filter((e) => SECTIONS.includes(e.section))
    .map((e) => ({ id: `CommonMark ${e.number}`, section: e.section, md: e.markdown, want: writer.render(reader.parse(e.markdown)) })),
  ...gfm.examples.map((e) => ({ id: `GFM ${e.number}`, section: e.section + ' (GFM)', md: e.markdown, want: e.html })),
];

describe('spec comparison', () => {
  const known = listed();
  const pass = { commonmark: 0, gfm: 0 };
  const unexpected: string[] = [];
  const stale: string[] = [];

  it.each(cases)('$id ($section)', ({ id, md, want }) => {
    const a = JSON.stringify(ours(parseMarkdown(md)));
    const b = JSON.stringify(theirs(want));
    const same = a == b;
    if (same) pass[id.startsWith('GFM') ? 'gfm' : 'commonmark']++;
    if (same && known.has(id)) stale.push(id);
    if (!same && !known.has(id)) unexpected.push(`${id}\n  md:     ${JSON.stringify(md)}\n  ours:   ${a}\n  theirs: ${b}`);
    // A listed example is expected to differ; an unlisted one to match.
    if (!known.has(id)) expect(a, JSON.stringify(md)).toBe(b);
  });

  it('listed differences are still different, and the pass count has not dropped', () => {
    expect(stale, 'listed in docs/markdown.md but now the same: remove them from the list').toEqual([]);
    expect(pass.commonmark).toBeGreaterThanOrEqual(RECORDED.commonmark);
    expect(pass.gfm).toBeGreaterThanOrEqual(RECORDED.gfm);
  });

  afterAll(() => {
    const cm = cases.filter((c) => c.id.startsWith('CommonMark')).length;
    console.log(
      `markdown spec comparison: CommonMark ${pass.commonmark}/${cm} pass, GFM extensions ${pass.gfm}/${cases.length - cm} pass` +
        `; ${known.size} deliberate differences listed in docs/markdown.md` +
        (unexpected.length ? `\nunexpected differences:\n${unexpected.join('\n')}` : ''),
    );
  });
});
