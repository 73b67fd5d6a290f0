/**
 * Inline markdown scanner: one left-to-right pass over one line of text
 * (nothing spans a line break; the caller joins lines with `<br>`), straight
 * to Preact nodes (strings, `strong`, `em`, `code`, `a`, `img`). Text only
 * ever becomes string children, never markup.
 *
 * Emphasis: a `*`/`_` run can open before a non-space and close after one,
 * and `_` never inside a word (CommonMark's flanking rules without their
 * punctuation refinements: −33 B brotli). An incremental delimiter stack: a
 * closing run wraps everything after its opener straight away. The stack is
 * capped (MAX_DELIMS), which bounds both the search per closer and the
 * nesting depth, so the scan stays linear and
 * the tree never gets deep. Links/images use a bracket stack; a destination
 * scan stops at whitespace, an unbalanced `)` or 32 nested `(`; code-span
 * closers that are missing are remembered per run length.
 * Simplifications: no rule-of-3, no entities, no raw HTML (it is text), no
 * `<url>` destinations, no bare-URL autolinks (a URL outside `[…](…)` stays
 * text; −150 B brotli), emphasis never crosses an unclosed `[`.
 */
import { h, type VNode } from 'preact';
import { safeImageUrl, safeLinkUrl } from './url';

/** An inline node: a text string or an element from the fixed vocabulary above. */
export type Inline = string | VNode<any>;

/** Attributes every rendered link gets. */
export const LINK = { target: '_blank', rel: 'noopener noreferrer' };
/** Attributes every rendered image gets. */
export const IMG = { loading: 'lazy', referrerpolicy: 'no-referrer' } as const;

/** A link (`href` must already be allow-listed). */
const link = (href: string, children: Inline[]) => h('a', { href, ...LINK }, children);

/** An emphasis run: its char and the index of its text in `out`. */
type Delim = { c: string; i: number };
type Bracket = { i: number; d: number; img: boolean; on: boolean };

const MAX_DELIMS = 32;
const ESC = /[!-/:-@[-`{-~]/;

/** 2 = whitespace (or edge), 1 = punctuation, 0 = other. */
const space = (c?: string) => !c || /\s/.test(c);
const word = (c?: string) => /[\p{L}\p{N}]/u.test(c || '');

/** The children of an element node, as an array. */
export const kids = (n: VNode<any>): Inline[] => [].concat(n.props.children ?? []);

/** Plain text of inline nodes (image alt text, card titles). */
export const plain = (ns: Inline[]): string =>
  ns.map((n) => (typeof n == 'string' ? n : n.type == 'img' ? n.props.alt : plain(kids(n)))).join('');

/**
 * Parse one line of inline markdown. `open` means the text is the unfinished end of a
 * stream: dangling delimiters, `[`, `](` and backticks are hidden, open
 * emphasis is closed at the end and an open code span runs to the end.
 */
export function parseInline(src: string, open?: boolean): Inline[] {
  const out: Inline[] = [];
  const delims: Delim[] = [];
  const brackets: Bracket[] = [];
  const noClose: Record<number, 1> = {};
  const len = src.length;
  let i = 0;
  let last = 0;
  /** Emit pending source text up to `to` and continue after `from`. */
  const flush = (to: number, from = to) => {
    if (to > last) out.push(src.slice(last, to));
    last = from;
  };
  const run = (d: Delim) => out[d.i] as string;
  const wrap = (d: Delim, use: number) => {
    out[d.i] = run(d).slice(use);
    out.push(h(use > 1 ? 'strong' : 'em', null, out.splice(d.i + 1)));
  };

  while (i < len) {
    const c = src[i];
    let n = 1;
    if (c == '\\' && ESC.test(src[i + 1] || '')) {
      flush(i, i + 1);
      i += 2;
    } else if (c == '`' || c == '*' || c == '_') {
      while (src[i + n] == c) n++;
      const end = i + n;
      if (open && end == len) {
        // Could still become a fence, code span or emphasis: hide for now.
        flush(i, (i = len));
      } else if (c == '`') {
        let j = noClose[n] ? -1 : end;
        while (j >= 0 && (j = src.indexOf(c, j)) >= 0) {
          let m = 1;
          while (src[j + m] == c) m++;
          if (m == n) break;
          j += m;
        }
        if (j < 0 && !open) noClose[n] = 1;
        if (j >= 0 || open) {
          if (j < 0) j = len;
          let code = src.slice(end, j);
          if (code[0] == ' ' && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
          flush(i, (i = j + n));
          out.push(h('code', null, code));
        } else i = end;
      } else {
        // Opens before non-space, closes after non-space; `_` not inside a word.
        const lf = !space(src[end]) && (c == '*' || !word(src[i - 1]));
        const rf = !space(src[i - 1]) && (c == '*' || !word(src[end]));
        flush(i, (i = end));
        out.push(c.repeat(n));
        if (rf) {
          // Closer: match openers of the same char, innermost first.
          for (let k = delims.length, lo = brackets.length && brackets[brackets.length - 1].d; --k >= lo && n; ) {
            const d = delims[k];
            if (d.c != c) continue;
            out.pop();
            const use = n > 1 && run(d).length > 1 ? 2 : 1;
            wrap(d, use);
            n -= use;
            delims.length = k = run(d) ? k + 1 : k;
            if (n) out.push(c.repeat(n));
          }
        }
        if (n && lf && delims.length < MAX_DELIMS) delims.push({ c, i: out.length - 1 });
      }
    } else if (c == '[' || (c == '!' && src[i + 1] == '[')) {
      n = c == '!' ? 2 : 1;
      flush(i);
      out.push(src.slice(i, (i += n)));
      last = i;
      brackets.push({ i: out.length - 1, d: delims.length, img: n > 1, on: true });
    } else if (c == ']' && brackets.length) {
      const b = brackets.pop()!;
      // Destination: `(` spaces url [spaces "title"] spaces `)`.
      let j = i + 2;
      let depth = 0;
      let url: string | null = null;
      if (src[i + 1] == '(') {
        while (src[j] == ' ') j++;
        const s = j;
        for (; j < len && src[j] > ' '; j++) {
          if (src[j] == '\\') j++;
          else if (src[j] == '(' && ++depth > 32) break;
          else if (src[j] == ')' && !depth--) break;
        }
        const dest = src.slice(s, j).replace(/\\([!-/:-@[-`{-~])/g, '$1');
        while (src[j] == ' ') j++;
        const q = src[j];
        if (q == '"' || q == "'") {
          j = src.indexOf(q, j + 1) + 1 || len;
          while (src[j] == ' ') j++;
        }
        if (src[j] == ')' && b.on) url = (b.img ? safeImageUrl(dest) : safeLinkUrl(dest)) || '';
      }
      if (open && b.on && (i + 1 == len || (src[i + 1] == '(' && j >= len))) {
        // Half-written link/image: show the text so far, hide `[` and `](…`.
        flush(i, (i = len));
        out[b.i] = '';
      } else if (url == null) i++; // not a link: `[`, text and `]` stay literal
      else if (!url) i = j + 1; // unsafe URL: the whole source stays literal text
      else {
        flush(i, (i = j + 1));
        const inner = out.splice(b.i + 1);
        out[b.i] = b.img ? h('img', { src: url, alt: plain(inner), ...IMG }) : link(url, inner);
        delims.length = Math.min(delims.length, b.d);
        if (!b.img) for (const x of brackets) x.on = x.img; // no links in links
      }
    } else i++;
  }
  flush(len);
  if (open) {
    for (const b of brackets) if (b.on) out[b.i] = '';
    for (let k = delims.length; k--; ) {
      const d = delims[k];
      if (d.i == out.length - 1) out[d.i] = '';
      while (run(d)) wrap(d, run(d).length > 1 ? 2 : 1);
    }
  }
  return out;
}
