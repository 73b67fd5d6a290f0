/**
 * Markdown → vnodes. Pure: no DOM, never throws.
 *
 * A line-based block scanner (paragraphs, ATX headings, fenced code, lists,
 * rules) over hand-written checks and anchored, non-nesting regexes; inline
 * content goes to `parseInline`. Deliberate differences from CommonMark,
 * chosen for chat and for size: every newline inside a paragraph is a line
 * break and each line is inline-parsed on its own (see ./cards), any list
 * marker interrupts a paragraph, there is no indented code, setext heading or
 * closing `#` run of a heading, and no containers: no blockquotes (`>` stays
 * text) and no nested lists (an indented item with the same marker joins the
 * list, another marker starts a list at the same level); a list item is one
 * paragraph (continuation lines join it, a blank line ends it unless the next
 * item follows). Dropping blockquotes and nesting saved 194 B brotli.
 *
 * Element names come from a fixed vocabulary. Headings: inside a chat bubble
 * a real <h1> would claim a place in the host page's outline and pick up the
 * host's h1–h6 styles, so headings are `<p class="td-h" role="heading"
 * aria-level>` with levels 1–6 mapped to aria-level 3–6 (below the widget's
 * own title): screen-reader heading navigation still works and the look
 * stays ours.
 */
import { h, type VNode } from 'preact';
import type { Card } from '../core/types';
import { paragraph } from './cards';
import { CardList } from './CardList';
import { parseInline, type Inline } from './inline';

export type { Card, Inline };

/** A block node: `p` (also headings), `pre`, `ul`, `ol`, `hr` or a {@link CardList}. */
export type Block = VNode<any>;

/** An opening fence; a backtick fence's info string has no backtick (the lookahead stops at the first one, so it stays linear). */
const FENCE = /^ {0,3}(`{3,}(?![^`]*`)|~{3,})(.*)$/;
const HEAD = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const ITEM = /^ *(?:([-*+])|(\d{1,9})([.)]))(?:[ \t]+|$)/;
const HR = /^([-*_])(?:[ \t]*\1){2,}$/;

/** Does `l` start a non-paragraph block? */
const starts = (l: string) => ITEM.test(l) || HEAD.test(l) || HR.test(l.trim()) || FENCE.test(l);

const indent = (l: string) => l.length - l.trimStart().length;

/** Does `line` close a fence opened with `f` (e.g. "````")? */
const closes = (line: string, f: string) => {
  const t = line.trim();
  return t.length >= f.length && t == f[0].repeat(t.length);
};

/**
 * Blocks of `lines`; `open` = the last line is the unfinished end of a
 * stream. Also returns the last safe cut, as a line index and the number of
 * blocks before it (0, 0 if none): a line at column 0 after a blank line
 * (outside any code fence, as this loop only sees blank lines between
 * blocks) that is not a list item, and complete (a streamed "2" may yet
 * become "2. item"). Every block ends there and none after it starts earlier,
 * so the blocks before it are final: streaming caches them and re-parses
 * only the rest.
 */
function blocks(lines: string[], open?: boolean, complete?: boolean): [Block[], number, number] {
  const out: Block[] = [];
  let cut = 0;
  let cutN = 0;
  const n = lines.length;
  let para: string[] = [];
  const end = (last?: boolean) => {
    if (para.length) out.push(...paragraph(para, open && last));
    para = [];
  };
  for (let i = 0; i < n; ) {
    const line = lines[i];
    const t = line.trim();
    let m: RegExpExecArray | null;
    if (!t) {
      end();
      const l = lines[++i];
      if (i < n - (complete ? 0 : 1) && /^\S/.test(l) && !ITEM.test(l)) {
        cut = i;
        cutN = out.length;
      }
    } else if ((m = FENCE.exec(line))) {
      end();
      const ind = indent(line);
      let j = i + 1;
      while (j < n && !closes(lines[j], m[1])) j++;
      const code = lines.slice(i + 1, j).map((l) => l.slice(Math.min(ind, indent(l))));
      out.push(h('pre', null, h('code', null, code.join('\n'))));
      i = j + 1;
    } else if ((m = HEAD.exec(line))) {
      end();
      // No optional closing `#` run: agents do not write one (−43 B brotli).
      const s = line.slice(m[0].length).trim();
      const level = m[1].length;
      const attrs = { class: 'td-h', role: 'heading', 'aria-level': Math.min(level + 2, 6) };
      out.push(h('p', attrs, parseInline(s, open && i == n - 1)));
      i++;
    } else if (HR.test(t)) {
      end();
      out.push(h('hr', null));
      i++;
    } else if ((m = ITEM.exec(line))) {
      end();
      const key = m[1] || m[3];
      const item = (l = '') => {
        const x = ITEM.exec(l);
        return x && (x[1] || x[3]) == key && !HR.test(l.trim()) ? x : null;
      };
      const items: string[][] = [];
      for (let x; i < n; i++) {
        const l = lines[i];
        if ((x = item(l))) items.push([l.slice(x[0].length)]);
        else if (l.trim() && !starts(l)) items[items.length - 1].push(l.trim());
        // A blank line stays in the list only right before its next item.
        else if (l.trim() || !item(lines[i + 1])) break;
      }
      const parsed = items.map((it, k) => paragraph(it, open && i == n && k == items.length - 1));
      // A list of nothing but product listings is one card list.
      if (parsed.every((b) => b.length == 1 && b[0].type == CardList)) out.push(h(CardList, { cards: parsed.flatMap((b) => b[0].props.cards) }));
      else {
        // `start` as written (also "1"; undefined for `ul`, which the renderer omits).
        const start = m[2];
        // A one-paragraph item shows its text directly.
        const li = (b: Block[]) => h('li', null, b.length == 1 && b[0].type == 'p' ? b[0].props.children : b);
        out.push(h(m[3] ? 'ol' : 'ul', { start }, parsed.map(li)));
      }
    } else {
      para.push(t);
      i++;
    }
  }
  end(true);
  return [out, cut, cutN];
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
    const [out, k, nb] = blocks(lines, open, complete || text.endsWith('\n'));
    return [out, k && lines.slice(0, k).join('\n').length + 1, nb];
  } catch {
    return [[h('p', null, text)], 0, 0];
  }
}

/** Normalise line endings. */
export const normalise = (text: unknown) => String(text ?? '').replace(/\r\n?/g, '\n');

/** Parse a complete markdown text into blocks. Never throws. */
export const parseMarkdown = (text: string): Block[] => parseText(normalise(text))[0];
