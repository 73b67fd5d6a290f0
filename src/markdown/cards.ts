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
import { CardList } from './CardList';
import { kids, plain, type Inline } from './inline';

/** A product card; also the shape of structured `"cards": [...]` in replies. */
export interface Card {
  /** Product name (plain text). */
  title: string;
  /** Product page URL (must pass `safeLinkUrl` to be linked). */
  url: string;
  /** Product image URL (must pass `safeImageUrl` to be shown). */
  imageUrl?: string;
  /** Price as written, e.g. `S$399`. */
  price?: string;
  /** Short extra text, e.g. `Noise cancelling`. */
  subtitle?: string;
}

type Line = { url?: string; title?: string; img?: string; text: string; bad?: boolean };

const PRICE = /(?:[A-Z]{1,3}\$|\$|€|£|\b(?:SGD|USD|MYR|RM) ?)\d[\d,]*(?:\.\d+)?/;
const SEP = ' \t-–—:|·•,;/';

const trimSep = (s: string) => {
  let a = 0;
  let b = s.length;
  while (a < b && SEP.includes(s[a])) a++;
  while (b > a && SEP.includes(s[b - 1])) b--;
  return s.slice(a, b);
};

function scan(ns: Inline[], l: Line) {
  for (const n of ns) {
    if (typeof n == 'string') l.text += n;
    else if (n.type == 'img') {
      l.bad ||= !!l.img;
      l.img = n.props.src;
    } else if (n.type == 'a') {
      l.bad ||= !!l.url || !!trimSep(l.text);
      l.url = n.props.href;
      l.title = plain(kids(n)).trim();
      for (const k of kids(n)) if (typeof k != 'string' && k.type == 'img') l.img ||= k.props.src;
    } else scan(kids(n), l);
  }
}

/** Turn the line's parts into a card, or null. */
function card(l: Line): Card | null {
  const m = PRICE.exec(l.text);
  if (!m || !l.url || !l.title || !l.img || l.bad) return null;
  const price = m[0].replace(/,+$/, '');
  const subtitle = trimSep(l.text.replace(price, '').replace(/\s+/g, ' '));
  if (subtitle.length > 60) return null;
  const c: Card = { title: l.title, url: l.url, imageUrl: l.img, price };
  if (subtitle) c.subtitle = subtitle;
  return c;
}

/** A block of product cards (more may be pushed onto `props.cards` until it renders). */
const cardList = (cards: Card[]) => h(CardList, { cards });

/**
 * Split a paragraph's inlines at line breaks and pull out product listings:
 * either one line with image+link+price, or an image-only line next to a
 * link+price line. Returns `<p>` and card-list nodes in source order.
 */
export function paragraph(ns: Inline[]): VNode<any>[] {
  const lines: Inline[][] = [[]];
  for (const n of ns) (n as VNode).type == 'br' ? lines.push([]) : lines[lines.length - 1].push(n);
  const info = lines.map((l) => {
    const x: Line = { text: '' };
    scan(l, x);
    return x;
  });
  const out: VNode<any>[] = [];
  let run: Card[] | null = null;
  let rest: Inline[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const a = info[i];
    const b = info[i + 1];
    let c = card(a);
    // An image-only line paired with the neighbouring link+price line.
    if (!c && b && !a.bad && !b.bad && !a.img != !b.img && !trimSep(a.img ? a.text : b.text) && !(a.img ? a.url : b.url)) {
      c = card({ ...(a.img ? b : a), img: a.img || b.img });
      if (c) i++;
    }
    if (c) {
      if (!run) out.push(cardList((run = [])));
      run.push(c);
      rest = null;
    } else {
      if (!rest) out.push(h('p', null, (rest = [])));
      else rest.push(h('br', null));
      for (const n of lines[i]) rest.push(n);
      run = null;
    }
  }
  return run || out.length > 1 ? out : [h('p', null, ns)];
}
