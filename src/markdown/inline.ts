/**
 * Inline markdown scanner: one left-to-right pass over a paragraph's text.
 *
 * Emphasis follows CommonMark's delimiter-run (flanking) rules with an
 * incremental delimiter stack: a closing run wraps everything after its
 * opener straight away. The stack is capped (MAX_DELIMS), which bounds both
 * the search per closer and the nesting depth, so the scan stays linear and
 * the renderer never recurses deeply. Links/images use a bracket stack; a
 * destination scan stops at whitespace, an unbalanced `)` or 32 nested `(`;
 * code-span closers that are missing are remembered per run length.
 * Simplifications: no rule-of-3, no entities, no raw HTML (it is text), no
 * `<url>` destinations, emphasis never crosses an unclosed `[`.
 */
import { safeImageUrl, safeLinkUrl, type ImageUrlOptions } from './url';

/**
 * An inline AST node; `type` doubles as the element name. `text`/`code`
 * hold literal text (never HTML); `a`/`img` URLs have passed the allow-list.
 */
export type Inline =
  | { type: 'text' | 'code'; text: string }
  | { type: 'strong' | 'em'; children: Inline[] }
  | { type: 'a'; href: string; children: Inline[] }
  | { type: 'img'; src: string; alt: string }
  | { type: 'br' };

type Text = { type: 'text'; text: string };
type Delim = { n: Text; c: string; i: number };
type Bracket = { i: number; d: number; img: boolean; on: boolean };

const MAX_DELIMS = 32;
const ESC = /[!-/:-@[-`{-~]/;

/** 2 = whitespace (or edge), 1 = punctuation, 0 = other. */
const kind = (c?: string) => (!c || /\s/.test(c) ? 2 : /[\p{P}\p{S}]/u.test(c) ? 1 : 0);

/** Plain text of inline nodes (image alt text, card titles). */
export const plain = (ns: Inline[]): string =>
  ns.map((n) => ('children' in n ? plain(n.children) : 'alt' in n ? n.alt : 'text' in n ? n.text : ' ')).join('');

/** Drop empty text nodes and merge adjacent ones (recursively). */
function tidy(ns: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of ns) {
    const p = out[out.length - 1];
    if ('children' in n) n.children = tidy(n.children);
    if (n.type != 'text') out.push(n);
    else if (p?.type == 'text') p.text += n.text;
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
  /** Emit pending source text up to `to` and continue after `from`. */
  const flush = (to: number, from = to) => {
    if (to > last) text(src.slice(last, to));
    last = from;
  };
  const wrap = (d: Delim, use: number) => {
    d.n.text = d.n.text.slice(use);
    out.push({ type: use > 1 ? 'strong' : 'em', children: out.splice(d.i + 1) });
  };

  while (i < len) {
    const c = src[i];
    let n = 1;
    if (c == '\\' && ESC.test(src[i + 1] || '')) {
      flush(i, i + 1);
      i += 2;
    } else if (c == '\n') {
      flush(i, ++i);
      out.push({ type: 'br' });
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
          let code = src.slice(end, j).replace(/\n/g, ' ');
          if (code[0] == ' ' && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
          flush(i, (i = j + n));
          out.push({ type: 'code', text: code });
        } else i = end;
      } else {
        const before = kind(src[i - 1]);
        const after = kind(src[end]);
        const lf = after < 2 && (!after || before > 0);
        const rf = before < 2 && (!before || after > 0);
        flush(i, (i = end));
        const node = text(c.repeat(n));
        if (rf && (c == '*' || !lf || after == 1)) {
          // Closer: match openers of the same char, innermost first.
          for (let k = delims.length, lo = brackets.length && brackets[brackets.length - 1].d; --k >= lo && n; ) {
            const d = delims[k];
            if (d.c != c) continue;
            out.pop();
            const use = n > 1 && d.n.text.length > 1 ? 2 : 1;
            wrap(d, use);
            n -= use;
            delims.length = k = d.n.text ? k + 1 : k;
            node.text = c.repeat(n);
            if (n) out.push(node);
          }
        }
        if (n && lf && (c == '*' || !rf || before == 1) && delims.length < MAX_DELIMS)
          delims.push({ n: node, c, i: out.length - 1 });
      }
    } else if (c == '[' || (c == '!' && src[i + 1] == '[')) {
      n = c == '!' ? 2 : 1;
      flush(i);
      text(src.slice(i, (i += n)));
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
        if (src[j] == ')' && b.on) url = (b.img ? safeImageUrl(dest, o) : safeLinkUrl(dest)) || '';
      }
      if (open && b.on && (i + 1 == len || (src[i + 1] == '(' && j >= len))) {
        // Half-written link/image: show the text so far, hide `[` and `](…`.
        flush(i, (i = len));
        out[b.i] = { type: 'text', text: '' };
      } else if (url == null) i++; // not a link: `[`, text and `]` stay literal
      else if (!url) i = j + 1; // unsafe URL: the whole source stays literal text
      else {
        flush(i, (i = j + 1));
        const kids = out.splice(b.i);
        kids.shift();
        delims.length = Math.min(delims.length, b.d);
        if (b.img) out.push({ type: 'img', src: url, alt: plain(kids) });
        else {
          out.push({ type: 'a', href: url, children: kids });
          for (const x of brackets) x.on = x.img; // no links in links
        }
      }
    } else if (c == 'h' && !brackets.length && /^https?:\/\/\S/.test(src.slice(i, i + 9)) && !/\w/.test(src[i - 1] || '')) {
      // Bare URL autolink, minus trailing punctuation and unbalanced `)`.
      let j = i;
      while (j < len && !/[\s<]/.test(src[j])) j++;
      let bal = 0;
      for (let k = i; k < j; k++) bal += src[k] == '(' ? 1 : src[k] == ')' ? -1 : 0;
      for (let e; (e = src[j - 1]) && ("?!.,:;*_~'\"".includes(e) || (e == ')' && bal++ < 0)); ) j--;
      const url = src.slice(i, j);
      const href = safeLinkUrl(url);
      if (href) {
        flush(i, (i = j));
        out.push({ type: 'a', href, children: [{ type: 'text', text: url }] });
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
