/**
 * Inline markdown scanner: one left-to-right pass over a paragraph's text.
 *
 * Emphasis follows CommonMark's delimiter-run (flanking) rules with an
 * incremental delimiter stack: a closing run wraps everything after its
 * opener straight away. The stack is capped (MAX_DELIMS), which bounds both
 * the search per closer and the nesting depth, so the scan stays linear and
 * the renderer never recurses deeply. Links/images use a bracket stack; a
 * destination scan stops at whitespace, an unbalanced `)` or 32 nested `(`.
 * Simplifications: no rule-of-3, no entities, no raw HTML (it is text), no
 * `<url>` destinations, emphasis never crosses an unclosed `[`.
 */
import { safeImageUrl, safeLinkUrl, type ImageUrlOptions } from './url';

/** An inline AST node. `text`/`code` hold literal (never HTML) text. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string }
  | { type: 'br' };

type Text = { type: 'text'; text: string };
type Delim = { n: Text; c: string; i: number };
type Bracket = { i: number; d: number; img: boolean; on: boolean };

const MAX_DELIMS = 32;
const ESC = /[!-/:-@[-`{-~]/;
const PUNCT = /[\p{P}\p{S}]/u;

/** 2 = whitespace (or edge), 1 = punctuation, 0 = other. */
const kind = (c?: string) => (!c || /\s/.test(c) ? 2 : PUNCT.test(c) ? 1 : 0);

/** Plain text of inline nodes (image alt text, card titles). */
export const plain = (ns: Inline[]): string =>
  ns
    .map((n) =>
      'children' in n ? plain(n.children) : n.type == 'image' ? n.alt : n.type == 'br' ? ' ' : n.text,
    )
    .join('');

/** Drop empty text nodes and merge adjacent ones (recursively). */
function tidy(ns: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of ns) {
    const prev = out[out.length - 1];
    if ('children' in n) n.children = tidy(n.children);
    if (n.type != 'text') out.push(n);
    else if (prev?.type == 'text') prev.text += n.text;
    else if (n.text) out.push(n);
  }
  return out;
}

/**
 * Parse inline markdown. `open` means the text is the unfinished end of a
 * stream: dangling delimiters, `[`, `](` and backticks are hidden, open
 * emphasis is closed at the end and an open code span runs to the end.
 */
export function parseInline(src: string, o?: ImageUrlOptions, open?: boolean): Inline[] {
  const out: Inline[] = [];
  const delims: Delim[] = [];
  const brackets: Bracket[] = [];
  const noClose: Record<number, 1> = {};
  const len = src.length;
  let i = 0;
  let last = 0;
  const text = (t: string): Text => {
    const n: Text = { type: 'text', text: t };
    out.push(n);
    return n;
  };
  const flush = (to: number) => {
    if (to > last) text(src.slice(last, to));
  };
  const wrap = (d: Delim, use: number) => {
    d.n.text = d.n.text.slice(use);
    out.push({ type: use > 1 ? 'strong' : 'em', children: out.splice(d.i + 1) });
  };

  while (i < len) {
    const c = src[i];
    let n = 1;
    if (c == '\\' && ESC.test(src[i + 1] || '')) {
      flush(i);
      last = i + 1;
      i += 2;
    } else if (c == '\n') {
      flush(i);
      out.push({ type: 'br' });
      last = ++i;
    } else if (c == '`' || c == '*' || c == '_') {
      while (src[i + n] == c) n++;
      const end = i + n;
      if (open && end == len) {
        // Could still become a fence, code span or emphasis: hide for now.
        flush(i);
        last = i = len;
      } else if (c == '`') {
        let j = noClose[n] ? -1 : end;
        while (j >= 0) {
          j = src.indexOf(c, j);
          if (j < 0) break;
          let m = 1;
          while (src[j + m] == c) m++;
          if (m == n) break;
          j += m;
        }
        if (j < 0 && !open) noClose[n] = 1;
        if (j >= 0 || open) {
          let code = src.slice(end, j < 0 ? len : j).replace(/\n/g, ' ');
          if (code[0] == ' ' && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
          flush(i);
          out.push({ type: 'code', text: code });
          last = i = j < 0 ? len : j + n;
        } else i = end;
      } else {
        const before = kind(src[i - 1]);
        const after = kind(src[end]);
        const lf = after < 2 && (!after || before > 0);
        const rf = before < 2 && (!before || after > 0);
        const canOpen = lf && (c == '*' || !rf || before == 1);
        const canClose = rf && (c == '*' || !lf || after == 1);
        flush(i);
        const node = text(src.slice(i, end));
        last = i = end;
        if (canClose) {
          const lo = brackets.length ? brackets[brackets.length - 1].d : 0;
          for (let k = delims.length; --k >= lo && n; ) {
            const d = delims[k];
            if (d.c != c) continue;
            out.pop(); // the closer's own text node; re-added below if anything is left
            const use = n > 1 && d.n.text.length > 1 ? 2 : 1;
            wrap(d, use);
            n -= use;
            delims.length = k = d.n.text ? k + 1 : k;
            if (n) out.push(node);
          }
          node.text = node.text.slice(0, n);
        }
        if (n && canOpen && delims.length < MAX_DELIMS) delims.push({ n: node, c, i: out.length - 1 });
      }
    } else if (c == '[' || (c == '!' && src[i + 1] == '[')) {
      flush(i);
      n = c == '!' ? 2 : 1;
      text(src.slice(i, i + n));
      brackets.push({ i: out.length - 1, d: delims.length, img: n > 1, on: true });
      last = i += n;
    } else if (c == ']' && brackets.length) {
      const b = brackets.pop()!;
      // Destination: `(` spaces url [spaces "title"] spaces `)`.
      let j = i + 2;
      let depth = 0;
      let dest = '';
      let ok = src[i + 1] == '(';
      if (ok) {
        while (src[j] == ' ') j++;
        const s = j;
        for (; j < len; j++) {
          const ch = src[j];
          if (ch == '\\') j++;
          else if (/\s/.test(ch)) break;
          else if (ch == '(') {
            if (++depth > 32) break;
          } else if (ch == ')' && !depth--) break;
        }
        dest = src.slice(s, j).replace(/\\([!-/:-@[-`{-~])/g, '$1');
        while (src[j] == ' ') j++;
        const q = src[j];
        if (q == '"' || q == "'") {
          const e = src.indexOf(q, j + 1);
          j = e < 0 ? len : e + 1;
          while (src[j] == ' ') j++;
        }
        ok = src[j] == ')' && b.on;
      }
      if (open && b.on && (i + 1 == len || (src[i + 1] == '(' && j >= len))) {
        // Half-written link/image: show the text so far, hide `[` and `](…`.
        flush(i);
        out[b.i] = { type: 'text', text: '' };
        last = i = len;
        continue;
      }
      const url = ok ? (b.img ? safeImageUrl(dest, o) : safeLinkUrl(dest)) : null;
      if (!url) {
        // Not a link (or an unsafe one): brackets, text and URL stay literal.
        if (ok) {
          flush(j + 1);
          last = i = j + 1;
        } else i++;
        continue;
      }
      flush(i);
      const kids = out.splice(b.i + 1);
      out.pop();
      delims.length = Math.min(delims.length, b.d);
      if (b.img) out.push({ type: 'image', src: url, alt: plain(kids) });
      else {
        out.push({ type: 'link', href: url, children: kids });
        for (const x of brackets) if (!x.img) x.on = false; // no links in links
      }
      last = i = j + 1;
    } else if (c == 'h' && !brackets.length && /^https?:\/\/./.test(src.slice(i, i + 9)) && !/\w/.test(src[i - 1] || '')) {
      // Bare URL autolink, minus trailing punctuation and unbalanced `)`.
      let j = i;
      while (j < len && !/[\s<]/.test(src[j])) j++;
      let url = src.slice(i, j);
      let bal = url.split('(').length - url.split(')').length;
      for (let e; (e = url[url.length - 1]) && ("?!.,:;*_~'\"".includes(e) || (e == ')' && bal++ < 0)); )
        url = url.slice(0, -1);
      const href = safeLinkUrl(url);
      if (href) {
        flush(i);
        out.push({ type: 'link', href, children: [{ type: 'text', text: url }] });
        last = i += url.length;
      } else i++;
    } else i++;
  }
  flush(len);
  if (open) {
    for (const b of brackets) if (b.on) out[b.i] = { type: 'text', text: '' };
    for (let k = delims.length; k--; ) {
      const d = delims[k];
      if (d.i == out.length - 1) d.n.text = '';
      while (d.n.text) wrap(d, d.n.text.length > 1 ? 2 : 1);
    }
  }
  return tidy(out);
}
