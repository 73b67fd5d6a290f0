/**
 * Markdown → vnodes. Pure: no DOM, never throws.
 *
 * A line-based block scanner over hand-written checks and anchored regexes:
 * paragraphs, ATX headings (closing `#` run removed), fenced and indented
 * code, thematic breaks, GFM tables, and the containers, blockquotes and list
 * items, whose lines (container prefix or indentation removed, lazy
 * continuation lines included) are scanned again recursively, at most
 * MAX_DEPTH deep (deeper content is paragraph text). Lists are tight or loose
 * as in CommonMark. Inline content goes to `parseInline`, a paragraph at a
 * time (every line break is a `br`, see ./inline). Not rendered (text):
 * setext headings, HTML blocks, link reference definitions.
 *
 * Element names come from a fixed vocabulary. Headings: inside a chat bubble
 * a real <h1> would claim a place in the host page's outline and pick up the
 * host's h1–h6 styles, so headings are `<p class="td-h" role="heading"
 * aria-level>` with levels 1–6 mapped to aria-level 3–6 (below the widget's
 * own title): screen-reader heading navigation still works and the look
 * stays ours. Tables sit in a focusable, horizontally scrollable box.
 */
import { h, type VNode } from 'preact';
import type { Card } from '../core/types';
import { paragraph } from './cards';
import { CardList } from './CardList';
import { parseInline, type Inline } from './inline';

export type { Card, Inline };

/** A block node: `p` (also headings), `pre`, `ul`, `ol`, `hr`, `blockquote`, a table box or a {@link CardList}. */
export type Block = VNode<any>;

const MAX_DEPTH = 12;
/** An opening fence; a backtick fence's info string has no backtick (the lookahead stops at the first one, so it stays linear). */
const FENCE = /^ {0,3}(`{3,}(?![^`]*`)|~{3,})/;
const HEAD = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
/** A list item: indent, bullet or number and delimiter, spaces after it. */
const ITEM = /^ {0,3}(?:([-*+])|(\d{1,9})([.)]))([ \t]+|$)/;
const HR = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?/;
/** A table's delimiter row (with at least one `|`). */
const DELIM = /^ {0,3}(?=[^|]*\|)\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
/** While streaming: the start of a delimiter row. */
const DELIM_PART = /^ {0,3}\|?[ \t:|-]*$/;
/** A lone list marker, `#`, `--`, ` `` ` (the start of a list item, rule, heading or fence). */
const HOLD = /^ {0,3}(?:[-+*_]{1,2}|#{1,6}|\d{1,9}[.)]?|[`~]{1,2})\s*$/;

/** Does `l` start a block that interrupts a paragraph? (An ordered list only from 1, no empty item.) */
const starts = (l: string, x = ITEM.exec(l)) =>
  (x && (x[1] || x[2] == '1') && l.slice(x[0].length).trim()) || HEAD.test(l) || HR.test(l) || FENCE.test(l) || QUOTE.test(l);

const pre = (code: string[]) => h('pre', null, h('code', null, code.join('\n')));

/** (`\s` is the whitespace `trim` removes.) */
const indent = (l: string) => l.search(/\S|$/);

/** Is `l` a lazy continuation line of a container whose last line is `prev` (a paragraph's)? Any list item or block start is not. */
const lazy = (prev = '', l: string) => prev.trim() && indent(prev) < 4 && !FENCE.test(prev) && l.trim() && !starts(l) && !ITEM.test(l);

/**
 * Cells of a table row: split at unescaped `|`, outer pipes dropped, `\|` unescaped.
 * An escaped pipe stands in as NUL while splitting (the text has none: NULs became
 * U+FFFD before parsing); no lookbehind, which older Safari cannot parse.
 */
const cells = (l: string) =>
  l
    .trim()
    .replace(/\\\|/g, '\0')
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim().replace(/\0/g, '|'));

/** Does `line` close a fence opened with `f` (e.g. "````")? */
const closes = (line: string, f: string) => {
  const t = line.trim();
  return indent(line) < 4 && t.length >= f.length && t == f[0].repeat(t.length);
};

/**
 * Blocks of `lines` at container depth `d`; `open` = the last line is the
 * unfinished end of a stream, `complete` = that line is complete. Returns the
 * blocks, the last safe cut (a line index and the number of blocks before
 * it; only at depth 0) and whether a blank line separates two of the blocks
 * (a list item with one is loose).
 *
 * The cut: a line at column 0 after a blank line (outside any code fence, as
 * this loop only sees blank lines between blocks) that is not a list item,
 * and complete (a streamed "2" may yet become "2. item"). Every block ends
 * there and none after it starts earlier, so the blocks before it are final:
 * streaming caches them and re-parses only the rest.
 */
function blocks(lines: string[], d: number, open?: boolean, complete?: boolean): [Block[], number, number, boolean] {
  const out: Block[] = [];
  let cut = 0;
  let cutN = 0;
  let gap = false;
  let blank = false;
  let para: string[] = [];
  const end = (last?: boolean) => {
    if (para.length) out.push(...paragraph(parseInline(para.join('\n').trimEnd(), open && last)));
    para = [];
  };
  // While streaming, a last line that may yet become a list item, rule, heading or fence is held back.
  if (open && HOLD.test(lines[lines.length - 1])) lines = lines.slice(0, -1);
  const n = lines.length;
  if (d > MAX_DEPTH) {
    para = lines.map((l) => l.trim()).filter(Boolean);
    end(true);
    return [out, 0, 0, false];
  }
  for (let i = 0; i < n; ) {
    const line = lines[i];
    const t = line.trim();
    const tail = open && i == n - 1;
    let m: RegExpExecArray | null;
    /** The block this line starts (after the paragraph before it, if any). */
    let b: Block | undefined;
    if (!t) {
      end();
      blank = out.length > 0;
      const l = lines[++i];
      const prev = out[out.length - 1]?.type;
      // (An item after a blank line may continue the list before it.)
      if (!d && i < n - (complete ? 0 : 1) && /^\S/.test(l) && (!ITEM.test(l) || (typeof prev == 'string' && !/^[ou]l$/.test(prev)))) {
        cut = i;
        cutN = out.length;
      }
      continue;
    }
    gap ||= blank;
    blank = false;
    if (tail && /^ {0,3}\|/.test(line)) {
      // Could still become a table header: hold it back.
      i++;
    } else if (indent(line) > 3 && !para.length) {
      // Indented code: up to a line indented less (blank lines inside kept, at its end dropped).
      const code: string[] = [];
      for (; i < n && (!lines[i].trim() || indent(lines[i]) > 3); i++) code.push(lines[i].slice(4));
      while (!code[code.length - 1].trim()) code.pop(), i--;
      b = pre(code);
    } else if ((m = FENCE.exec(line))) {
      const ind = indent(line);
      let j = i + 1;
      while (j < n && !closes(lines[j], m[1])) j++;
      b = pre(lines.slice(i + 1, j).map((l) => l.slice(Math.min(ind, indent(l)))));
      i = j + 1;
    } else if ((m = HEAD.exec(line))) {
      // Without the closing `#` run (a run after a space, or the whole text).
      const s = line.slice(m[0].length).trim().replace(/(^|[ \t])#*$/, '').trim();
      b = h('p', { class: 'td-h', role: 'heading', 'aria-level': Math.min(m[1].length + 2, 6) }, parseInline(s, tail));
      i++;
    } else if (HR.test(line)) {
      b = h('hr', null);
      i++;
    } else if (QUOTE.test(line)) {
      const body: string[] = [];
      for (; i < n; i++) {
        const l = lines[i];
        const q = QUOTE.exec(l);
        // A lazy line continues a paragraph of the quote.
        if (q) body.push(l.slice(q[0].length));
        else if (lazy(body[body.length - 1], l)) body.push(l);
        else break;
      }
      b = h('blockquote', null, blocks(body, d + 1, open && i == n)[0]);
    } else if ((m = ITEM.exec(line)) && (!para.length || starts(line))) {
      const key = m[1] || m[3];
      /** The marker of `l` if it is an item of this list. */
      const sib = (l = '', x = ITEM.exec(l)) => x && (x[1] || x[3]) == key && !HR.test(l) && x;
      const items: Block[][] = [];
      let loose = false;
      for (let x; (x = sib(lines[i])); ) {
        const l = lines[i];
        // Content indent: after the marker and 1–4 spaces (one, if the item starts blank or with 5+).
        const sp = x[4].length;
        const w = !sp || sp > 4 || !l.slice(x[0].length).trim() ? x[0].length - sp + 1 : x[0].length;
        const body = [l.slice(w).trim() ? l.slice(w) : ''];
        for (let seen = !!body[0]; ++i < n; ) {
          const c = lines[i];
          const prev = body[body.length - 1];
          if (!c.trim()) body.push('');
          // An item can start with at most one blank line.
          else if (indent(c) >= w && (seen ||= body.length < 2)) body.push(c.slice(w));
          // A lazy line continues a paragraph (but any list item starts one).
          else if (lazy(prev, c)) body.push(c);
          else break;
        }
        let blanks = 0;
        while (body.length > 1 && !body[body.length - 1].trim()) body.pop(), blanks++;
        const [bs, , , g] = blocks(body, d + 1, open && i == n);
        items.push(bs);
        const more = sib(lines[i]);
        loose ||= g || (!!blanks && !!more);
        if (!more) i -= blanks;
      }
      // A list of nothing but product listings is one card list.
      // (A tight list shows its items' paragraphs without `p`.)
      const li = (b: Block[]) => h('li', null, loose ? b : b.flatMap((x) => (x.type == 'p' && !x.props.role ? x.props.children : [x])));
      b = items.every((b) => b.length == 1 && b[0].type == CardList)
        ? h(CardList, { cards: items.flatMap((b) => b[0].props.cards) })
        : h(m[3] ? 'ol' : 'ul', { start: m[2] && +m[2] }, items.map(li));
    } else if (line.includes('|') && i + 1 < n && ((DELIM.test(lines[i + 1]) && cells(lines[i + 1]).length == cells(line).length) || (open && i + 2 == n && DELIM_PART.test(lines[i + 1])))) {
      // A GFM table: header, delimiter row (alignment), rows up to a blank line or another block.
      const head = cells(line);
      // (no colon, `:-`, `-:`, `:-:`)
      const align = cells(lines[i + 1]).map((c) => [, 'left', 'right', 'center'][+(c[0] == ':') + 2 * +c.endsWith(':')]);
      const row = (r: string[], tag: string, o?: boolean) =>
        h('tr', null, head.map((_, k) => h(tag, { align: align[k] }, parseInline(r[k] || '', o && k == r.length - 1))));
      const rows: VNode[] = [];
      for (i += 2; i < n && lines[i].trim() && !starts(lines[i]); i++)
        if (!(open && i == n - 1 && /^[\s|]*$/.test(lines[i]))) rows.push(row(cells(lines[i]), 'td', open && i == n - 1));
      const body = rows.length ? h('tbody', null, rows) : null;
      b = h('div', { class: 'td-table', tabindex: 0 }, h('table', null, h('thead', null, row(head, 'th')), body));
    } else {
      para.push(line.trimStart());
      i++;
    }
    if (b) {
      end();
      out.push(b);
    }
  }
  end(true);
  return [out, cut, cutN, gap];
}

/**
 * Parse `text` (already normalised). `open` = it is the unfinished end of a
 * stream, `complete` = its last line is complete (the stream is done or the
 * text ends with a newline). Returns the blocks and the last safe cut: the
 * source length and block count before it (see {@link blocks}). Never
 * throws: on any internal error the text is one paragraph.
 */
export function parseText(text: string, open?: boolean, complete?: boolean): [Block[], number, number] {
  try {
    const lines = text.replace(/\n$/, '').split('\n');
    const [out, k, nb] = blocks(lines, 0, open, complete || text.endsWith('\n'));
    return [out, k && lines.slice(0, k).join('\n').length + 1, nb];
  } catch {
    return [[h('p', null, text)], 0, 0];
  }
}

/** Normalise line endings, tabs in indentation (to 4 spaces) and NUL. */
export const normalise = (text: unknown) =>
  String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/\0/g, '\ufffd')
    .replace(/^[ \t]*\t/gm, (s) => s.replace(/ {0,3}\t/g, '    '));

/** Parse a complete markdown text into blocks. Never throws. */
export const parseMarkdown = (text: string): Block[] => parseText(normalise(text))[0];
