/**
 * Inline markdown scanner: one left-to-right pass over one line of text
 * (nothing spans a line break; the caller joins lines with `<br>`), straight
 * to vnodes (strings, `strong`, `em`, `code`, `a`, `img`). Text only
 * ever becomes string children, never markup.
 *
 * Emphasis: a `*`/`_` run can open before a non-space and close after one,
 * and `_` never inside a word (CommonMark's flanking rules without their
 * punctuation refinements: −33 B brotli). An incremental delimiter stack: a
 * closing run wraps everything after its opener straight away. The stack is
 * capped (MAX_DELIMS), which bounds both the search per closer and the
 * nesting depth, so the scan stays linear and
 * the tree never gets deep. Links/images use a bracket stack; the destination
 * is one sticky regex (DEST). A code span searches its closer in the rest of
 * the line; a run with no closer means no later run of that length, so at
 * most √(2n) searches fail and the scan stays near-linear without a memo.
 * Simplifications: no rule-of-3, no entities, no raw HTML (it is text), no
 * `<url>` destinations, no bare-URL autolinks (a URL outside `[…](…)` stays
 * text; −150 B brotli), emphasis never crosses an unclosed `[`, a destination
 * has at most one level of `(…)` and no backslash escapes.
 */
import { h, type VNode } from 'preact';
import { safeImageUrl, safeLinkUrl } from './url';

/** An inline node: a text string or an element from the fixed vocabulary above. */
export type Inline = string | VNode<any>;

/** Attributes every rendered link gets. */
export const LINK = { target: '_blank', rel: 'noopener noreferrer' };
/** Attributes every rendered image gets. */
export const IMG = { loading: 'lazy', referrerpolicy: 'no-referrer' } as const;

/** An emphasis run: its char and the index of its text in `out`. */
type Delim = { c: string; i: number };
type Bracket = { i: number; d: number; img: boolean; on: boolean };

const MAX_DELIMS = 32;
const ESC = /[!-/:-@[-`{-~]/;
/** `(` url [space title] `)`, after a `]`: url without spaces, with at most one level of `(…)`. */
const DEST = /\( *([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?: +("[^"]*"|'[^']*'))? *\)/y;

/** 2 = whitespace (or edge), 1 = punctuation, 0 = other. */
const space = (c?: string) => !c || /\s/.test(c);
const word = (c?: string) => /[\p{L}\p{N}]/u.test(c || '');

/**
 * Plain text of inline nodes (image alt text, card titles). Every element
 * made here but `img` gets its children as one array (`code` too), so
 * `props.children` is always an Inline[].
 */
export const plain = (ns: Inline[]): string =>
  ns.map((n) => (typeof n == 'string' ? n : n.type == 'img' ? n.props.alt : plain(n.props.children))).join('');

/**
 * Parse one line of inline markdown. `open` means the text is the unfinished end of a
 * stream: dangling delimiters, `[`, `](` and backticks are hidden, open
 * emphasis is closed at the end and an open code span runs to the end.
 */
export function parseInline(src: string, open?: boolean): Inline[] {
  const out: Inline[] = [];
  const delims: Delim[] = [];
  const brackets: Bracket[] = [];
  const len = src.length;
  /** In open mode, a `](` after the last `)` is a half-written destination. */
  const lastClose = src.lastIndexOf(')');
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
        let j = end;
        while ((j = src.indexOf(c, j)) >= 0) {
          let m = 1;
          while (src[j + m] == c) m++;
          if (m == n) break;
          j += m;
        }
        if (j >= 0 || open) {
          if (j < 0) j = len;
          let code = src.slice(end, j);
          if (code[0] == ' ' && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
          flush(i, (i = j + n));
          out.push(h('code', null, [code]));
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
      DEST.lastIndex = i + 1;
      const m = DEST.exec(src);
      const url = m && b.on ? (b.img ? safeImageUrl(m[1]) : safeLinkUrl(m[1])) || '' : null;
      if (open && b.on && (i + 1 == len || (src[i + 1] == '(' && lastClose < i))) {
        // Half-written link/image: show the text so far, hide `[` and `](…`.
        flush(i, (i = len));
        out[b.i] = '';
      } else if (url == null) i++; // not a link: `[`, text and `]` stay literal
      else if (!url) i = DEST.lastIndex; // unsafe URL: the whole source stays literal text
      else {
        flush(i, (i = DEST.lastIndex));
        const inner = out.splice(b.i + 1);
        out[b.i] = b.img ? h('img', { src: url, alt: plain(inner), ...IMG }) : h('a', { href: url, ...LINK }, inner);
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
