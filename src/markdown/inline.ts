/**
 * Inline markdown scanner: one left-to-right pass over a paragraph's text
 * (line breaks included: each becomes a `br`, as every newline in a chat
 * reply is meant as one), straight to vnodes from a fixed vocabulary
 * (strings, `strong`, `em`, `del`, `code`, `a`, `img`, `br`). Text only ever
 * becomes string children, never markup.
 *
 * - Emphasis follows CommonMark's delimiter-run rules (left/right-flanking
 *   with the punctuation refinements, `_` not inside words, the rule of 3),
 *   matched incrementally: a closing run pairs with the nearest usable opener
 *   as soon as it is scanned, which is the order CommonMark's "process
 *   emphasis" uses. The opener stack is capped (MAX_DELIMS), which bounds the
 *   search per closer and the nesting depth, so the scan stays linear.
 *   `~`/`~~` is strikethrough (GFM: opener and closer of the same length).
 * - Code spans (CommonMark), backslash escapes, entities (a short list of
 *   named ones, all numeric ones) decoded to text.
 * - Links and images `[text](dest "title")` with `<…>` destinations, nested
 *   parentheses and escapes; `<scheme:…>` and `<email>` autolinks; bare
 *   `http(s)://`, `www.` and email autolinks (GFM's trailing-punctuation
 *   rules). Every URL goes through the allow-lists in ./url; a link whose URL
 *   fails shows its source as text. No links inside links.
 * - Raw HTML is text. Reference links are text (a reply has no definitions).
 *
 * Known difference: an emphasis closer never pairs with an opener before an
 * unclosed `[` (CommonMark would, once the `[` turns out not to be a link).
 */
import { h, type VNode } from 'preact';
import { safeImageUrl, safeLinkUrl } from './url';

/** An inline node: a text string or an element from the fixed vocabulary above. */
export type Inline = string | VNode<any>;

/** Attributes every rendered link gets. */
export const LINK = { target: '_blank', rel: 'noopener noreferrer' };
/** Attributes every rendered image gets. */
export const IMG = { loading: 'lazy', referrerpolicy: 'no-referrer' } as const;

/** An emphasis run: its char, its index in `out`, its original length, and whether it can also close. */
type Delim = { c: string; i: number; n: number; b: boolean };
type Bracket = { i: number; d: number; img: boolean; on: boolean };

const MAX_DELIMS = 32;
const ESC = /[!-/:-@[-`{-~]/;
const ENT = /&(?:#[xX]([\da-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z\d]{1,31}));/y;
/** Named entities rendered: each name and its code point (any other name stays text). */
const NAMED = 'amp38lt60gt62quot34apos39nbsp160copy169hellip8230mdash8212ndash8211';
/** `<scheme:…>` or `<email>`. */
const AUTO = /<(?:([a-zA-Z][\w+.-]{1,31}:[^\s<>]*)|([\w.!#$%&'*+/=?^`{|}~-]+@[a-zA-Z\d-]+(?:\.[a-zA-Z\d-]+)*))>/y;
/** A bare URL (GFM autolink literal) before its trailing punctuation is trimmed. */
const BARE = /(?:https?:\/\/|www\.)([\w-]+(?:\.[\w-]+)*)[^\s<]*/iy;
/** In open mode: a half-written entity or `<…>` autolink at the end. */
const PART_ENT = /&#?[a-zA-Z\d]{0,32}$/y;
const PART_AUTO = /<[^\s<>]*$/y;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/y;

const ws = (c?: string) => !c || /\s/.test(c);
/** (`undefined` tests as the text "undefined": no punctuation.) */
const pn = (c?: string) => /[\p{P}\p{S}]/u.test(c!);

/** The text of an entity at `s[i]` and its length, or null. */
function entity(s: string, i: number): [string, number] | null {
  ENT.lastIndex = i;
  const m = ENT.exec(s);
  if (!m) return null;
  // A name is letters only (the table packs names between their numbers).
  const x = m[3] && !/\d/.test(m[3]) && RegExp('(?:^|\\d)' + m[3] + '(\\d+)').exec(NAMED);
  const n = x ? +x[1] : parseInt(m[1] || m[2], m[1] ? 16 : 10);
  return m[3] && !x ? null : [String.fromCodePoint(n && n < 0x110000 && (n < 0xd800 || n > 0xdfff) ? n : 0xfffd), m[0].length];
}

/**
 * `s` with backslash escapes and entities decoded (link destinations). Every
 * entity has the form `&#?\w+;`, which holds no `\` or `&`.
 */
const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])|&#?\w+;/g, (x, e) => e || entity(x, 0)?.[0] || x);

const SPACE = /[ \t]*(?:\n[ \t]*)?/y;
/** Index after spaces/tabs and at most one line break from `i`. */
const skip = (s: string, i: number) => ((SPACE.lastIndex = i), SPACE.exec(s), SPACE.lastIndex);

/**
 * The inline link tail `(dest "title")` at `s[i]`: the destination (escapes
 * and entities decoded) and the index after `)`, or null. Parentheses in a
 * bare destination nest at most 32 deep (as in cmark), which also bounds the
 * scan of a destination that never closes.
 */
function dest(s: string, i: number): [string, number] | null {
  if (s[i] != '(') return null;
  let j = (i = skip(s, i + 1));
  let c: string;
  if (s[i] == '<') {
    while ((c = s[++j]) && c != '>' && c != '<' && c != '\n') if (c == '\\') j++;
    if (c != '>') return null;
    i++;
    j++;
  } else {
    for (let d = 0; (c = s[j]) && !/[\s\0-\x1f]/.test(c); j++) {
      if (c == '\\') j++;
      else if (c == '(' && ++d > 32) return null;
      else if (c == ')' && !d--) break;
    }
  }
  // (a space is allowed only in a `<…>` destination: escaped, it passes the allow-list)
  const url = s[i - 1] == '<' ? unescape(s.slice(i, j - 1)).replace(/ /g, '%20') : unescape(s.slice(i, j));
  let k = skip(s, j);
  const q = k > j && { '"': '"', "'": "'", '(': ')' }[s[k]];
  if (q) {
    while ((c = s[++k]) && c != q) if (c == '\\') k++;
    if (!c) return null;
    k = skip(s, k + 1);
  }
  return s[k] == ')' ? [url, k + 1] : null;
}

/**
 * Plain text of inline nodes (image alt text, card titles). Every element
 * made here but `img` and `br` gets its children as one array (`code` too),
 * so `props.children` is always an Inline[].
 */
export const plain = (ns: Inline[]): string =>
  ns.map((n) => (typeof n == 'string' ? n : n.type == 'img' ? n.props.alt : n.type == 'br' ? '\n' : plain(n.props.children))).join('');

/**
 * Parse inline markdown. `open` means the text is the unfinished end of a
 * stream: dangling delimiters, `[`, `](`, `<` and `&` are hidden, open
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
  /**
   * Wrap what follows opener `d` in its element, using up to `n` of its
   * chars (`~~` all of them, `*`/`_` two or one); returns how many it used.
   */
  const wrap = (d: Delim, n: number) => {
    const r = run(d);
    const use = d.c == '~' ? n : n > 1 && r.length > 1 ? 2 : 1;
    out[d.i] = r.slice(use);
    out.push(h(d.c == '~' ? 'del' : use > 1 ? 'strong' : 'em', null, out.splice(d.i + 1)));
    return use;
  };
  /** A sticky regex's match at `i`. */
  const at = (re: RegExp) => ((re.lastIndex = i), re.exec(src));
  /** A link to `href` around `kids`; links inside links are not made. */
  const anchor = (href: string, kids: Inline[]) => {
    out.push(h('a', { href, ...LINK }, kids));
    for (const x of brackets) x.on = x.img;
  };
  /** An autolink from `i` to `to` (its source text `text`). */
  const link = (to: number, href: string, text: string) => {
    flush(i, (i = to));
    anchor(href, [text]);
  };

  while (i < len) {
    const c = src[i];
    let n = 1;
    let m: RegExpExecArray | null;
    let e: [string, number] | null;
    if (c == '\\' && ESC.test(src[i + 1])) {
      flush(i, i + 1);
      i += 2;
    } else if (c == '\\' && src[i + 1] == '\n') {
      flush(i, ++i);
    } else if (c == '\n') {
      // Every line break is one (trailing spaces, i.e. a hard break, dropped).
      let j = i;
      while (src[j - 1] == ' ') j--;
      flush(j);
      out.push(h('br', null));
      while (src[++i] == ' ' || src[i] == '\t');
      last = i;
    } else if (c == '&' && (e = entity(src, i))) {
      flush(i, (i += e[1]));
      out.push(e[0]);
    } else if (c == '&' && open && at(PART_ENT)) {
      flush(i, (i = len));
    } else if ('`*_~'.includes(c)) {
      while (src[i + n] == c) n++;
      const end = i + n;
      if (open && end == len) {
        // Could still become a fence, code span or emphasis: hide for now.
        flush(i, (i = len));
      } else if (c == '`') {
        let j = end;
        while ((j = src.indexOf(c, j)) >= 0) {
          let k = 1;
          while (src[j + k] == c) k++;
          if (k == n) break;
          j += k;
        }
        if (j >= 0 || open) {
          if (j < 0) j = len;
          let code = src.slice(end, j).replace(/\n/g, ' ');
          if (code[0] == ' ' && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
          flush(i, (i = j + n));
          out.push(h('code', null, [code]));
        } else i = end;
      } else {
        const b = src[i - 1];
        const a = src[end];
        const lf = !ws(a) && (!pn(a) || ws(b) || pn(b));
        const rf = !ws(b) && (!pn(b) || ws(a) || pn(a));
        const no = c == '~' && n > 2;
        const canOpen = !no && lf && (c != '_' || !rf || pn(b));
        const canClose = !no && rf && (c != '_' || !lf || pn(a));
        const n0 = n;
        flush(i, (i = end));
        out.push(c.repeat(n));
        if (canClose) {
          // Closer: match openers of the same char, innermost first.
          for (let k = delims.length, lo = brackets.length && brackets[brackets.length - 1].d; --k >= lo && n; ) {
            const d = delims[k];
            if (d.c != c || (c == '~' ? d.n != n0 : (d.b || canOpen) && (d.n + n0) % 3 == 0 && (d.n % 3 || n0 % 3))) continue;
            out.pop();
            n -= wrap(d, n);
            delims.length = k = run(d) ? k + 1 : k;
            if (n) out.push(c.repeat(n));
          }
        }
        if (n && canOpen && delims.length < MAX_DELIMS) delims.push({ c, i: out.length - 1, n: n0, b: canClose });
      }
    } else if (c == '<' && (m = at(AUTO))) {
      const href = safeLinkUrl(m[1] || 'mailto:' + m[2]);
      if (href) link(AUTO.lastIndex, href, m[1] || m[2]);
      else i = AUTO.lastIndex;
    } else if (c == '<' && open && at(PART_AUTO)) {
      flush(i, ++i);
    } else if (
      !brackets.length &&
      (!i || /[\s*_~(]/.test(src[i - 1])) &&
      (m = at(BARE)) &&
      !/_[^.]*(\.[^.]*)?$/.test(m[1])
    ) {
      // GFM autolink literal: trailing punctuation, an unbalanced `)` and an entity-like `&x;` are not part of it.
      const s = m[0];
      let k = s.length;
      let bal = s.split('(').length - s.split(')').length;
      for (let x: RegExpExecArray | null; ; ) {
        if (/[?!.,:*_~'"]/.test(s[k - 1])) k--;
        else if (s[k - 1] == ')' && bal < 0) k--, bal++;
        else if (s[k - 1] == ';' && (x = /&\w+;$/.exec(s.slice(Math.max(0, k - 40), k)))) k -= x[0].length;
        else break;
      }
      const text = s.slice(0, k);
      const www = /^w/i.test(s);
      const href = (www || /\./.test(m[1])) && safeLinkUrl((www ? 'http://' : '') + text);
      if (href) link(i + k, href, text);
      else i += www ? 4 : s.indexOf(':') + 3;
    } else if (
      !brackets.length &&
      // (EMAIL only matches from one of these chars)
      !/[\w.+-]/.test(src[i - 1] || ' ') &&
      (m = at(EMAIL))
    ) {
      const href = !/[-_]$/.test(m[0]) && safeLinkUrl('mailto:' + m[0]);
      if (href) link(EMAIL.lastIndex, href, m[0]);
      else i = EMAIL.lastIndex;
    } else if (c == '[' || (c == '!' && src[i + 1] == '[')) {
      n = c == '!' ? 2 : 1;
      flush(i);
      out.push(src.slice(i, (i += n)));
      last = i;
      brackets.push({ i: out.length - 1, d: delims.length, img: n > 1, on: true });
    } else if (c == ']' && brackets.length) {
      const b = brackets.pop()!;
      const d = b.on ? dest(src, i + 1) : null;
      const url = d && (b.img ? safeImageUrl(d[0]) : safeLinkUrl(d[0]));
      if (open && b.on && !d && (i + 1 == len || (src[i + 1] == '(' && lastClose < i))) {
        // Half-written link/image: show the text so far, hide `[` and `](…`.
        flush(i, (i = len));
        out[b.i] = '';
      } else if (!d) i++; // not a link: `[`, text and `]` stay literal
      else if (!url) i = d[1]; // unsafe URL: the whole source stays literal text
      else {
        flush(i, (i = d[1]));
        // (the `[` or `![` goes too)
        const inner = out.splice(b.i).slice(1);
        delims.length = Math.min(delims.length, b.d);
        if (b.img) out.push(h('img', { src: url, alt: plain(inner), ...IMG }));
        else anchor(url, inner);
      }
    } else i++;
  }
  flush(len);
  if (open) {
    for (const b of brackets) if (b.on) out[b.i] = '';
    for (let k = delims.length; k--; ) {
      const d = delims[k];
      if (d.i == out.length - 1) out[d.i] = '';
      while (run(d)) wrap(d, run(d).length);
    }
  }
  return out;
}
