/**
 * Product-card detection. The TradeZone backend writes listings as markdown:
 *
 *   ![Sony WH-1000XM5](https://…/xm5.jpg)
 *   **[Sony WH-1000XM5](https://…/p/xm5)** — S$399
 *
 * or one list item per product: `- [PS5 Slim](https://…) - S$599 ![PS5](https://…)`.
 * A listing needs all three of image, link and price; the link must come
 * first on its line (bar separators) and any other text must be a short
 * subtitle. Anything less is left as ordinary markdown.
 */
import { h, type VNode } from 'preact';
import type { Card } from '../core/types';
import { CardList } from './CardList';
import { plain, type Inline } from './inline';

/** A price: currency, then digits in comma groups (never a trailing comma) and decimals. */
const PRICE = /(?:[A-Z]{1,3}\$|\$|€|£|\b(?:SGD|USD|MYR|RM) ?)\d+(?:,\d+)*(?:\.\d+)?/;
/**
 * Text between its first and last character that is not a separator
 * (` -–—:|·•,;/`, whitespace). Greedy `.*` backtracks once per match, and the
 * match starts at the first non-separator, so it stays linear.
 */
const trimSep = (s: string) => /[^\s\-–—:|·•,;/](?:.*[^\s\-–—:|·•,;/])?/s.exec(s)?.[0] || '';

/** The card that the inlines of one line (or two joined lines) describe, or null. */
function card(ns: Inline[]): Card | null {
  let text = '';
  let url = '';
  let title = '';
  let img = '';
  let bad = false;
  const scan = (ns: Inline[]) => {
    for (const n of ns) {
      if (typeof n == 'string') text += n;
      else if (n.type == 'img') {
        bad ||= !!img;
        img = n.props.src;
      } else if (n.type == 'a') {
        bad ||= !!url || !!trimSep(text);
        url = n.props.href;
        title = plain(n.props.children).trim();
        // Only an image inside the name counts; its text is the title.
        const t = text;
        scan(n.props.children);
        text = t;
      } else scan(n.props.children || []);
    }
  };
  scan(ns);
  const m = PRICE.exec(text);
  if (!m || !title || !img || bad) return null;
  const price = m[0];
  const subtitle = trimSep(text.replace(price, '').replace(/\s+/g, ' '));
  // An empty subtitle is no subtitle (CardList skips empty fields).
  return subtitle.length > 60 ? null : { title, url, imageUrl: img, price, subtitle };
}

/**
 * A paragraph from its inline nodes (line breaks are top-level `br`s), with
 * product listings pulled out: one line with image+link+price, or two
 * neighbouring lines that make one together (an image line next to a
 * link+price line). Returns `<p>` and card-list nodes in source order.
 */
export function paragraph(ns: Inline[]): VNode<any>[] {
  const lines: Inline[][] = [[]];
  for (const n of ns) typeof n != 'string' && n.type == 'br' ? lines.push([]) : lines[lines.length - 1].push(n);
  const out: VNode<any>[] = [];
  let run: Card[] | null = null;
  let rest: Inline[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    let c = card(lines[i]);
    if (!c && lines[i + 1] && (c = card([...lines[i], ' ', ...lines[i + 1]]))) i++;
    if (c) {
      if (!run) out.push(h(CardList, { cards: (run = []) }));
      run.push(c);
      rest = null;
    } else {
      if (!rest) out.push(h('p', null, (rest = [])));
      else rest.push(h('br', null));
      // (A line of 100k+ inline nodes overflows the spread; parseText then shows the text plain.)
      rest.push(...lines[i]);
      run = null;
    }
  }
  return out;
}
