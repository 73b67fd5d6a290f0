/**
 * Renders agent markdown as Preact vnodes. Text only ever becomes text
 * children (never markup); element names come from the parser's fixed
 * vocabulary and URLs from the AST, which holds only allow-listed ones.
 *
 * Headings: inside a chat bubble a real <h1> would claim a place in the host
 * page's outline and pick up the host's h1–h6 styles, so headings are
 * `<p class="td-h td-hN" role="heading" aria-level>` with levels 1–6 mapped
 * to aria-level 3–6 (below the widget's own title): screen-reader heading
 * navigation still works and the look stays ours.
 */
import { Component, h, type ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { CardList } from './CardList';
import type { Block, Inline } from './parse';
import { parseStreaming, type StreamCache } from './streaming';

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  text: string;
  /** The text is still arriving: render unfinished syntax leniently. */
  streaming?: boolean;
  /** Show base64 `data:image/…` images (the user's own uploads). */
  allowDataImages?: boolean;
}

/** Attributes every rendered link gets. */
export const LINK = { target: '_blank', rel: 'noopener noreferrer' };
/** Attributes every rendered image gets. */
export const IMG = { loading: 'lazy', referrerpolicy: 'no-referrer' } as const;

const node = (n: Block | Inline): ComponentChildren => {
  const t = n.type;
  return t == 'text'
    ? n.text
    : t == 'img'
      ? h('img', { src: n.src, alt: n.alt, ...IMG })
      : t == 'cards'
        ? h(CardList, { cards: n.cards })
        : t == 'pre'
          ? h('pre', null, h('code', null, n.text))
          : t == 'ul' || t == 'ol'
            ? h(
                t,
                { start: n.start != 1 ? n.start : undefined },
                n.items.map((it) => h('li', null, (it.length == 1 && it[0].type == 'p' ? it[0].children : it).map(node))),
              )
            : h(
                t == 'h' ? 'p' : t,
                t == 'h'
                  ? { class: 'td-h td-h' + n.level, role: 'heading', 'aria-level': Math.min(n.level + 2, 6) }
                  : t == 'a'
                    ? { href: n.href, ...LINK }
                    : null,
                'children' in n ? (n.children as (Block | Inline)[]).map(node) : 'text' in n ? n.text : null,
              );
};

/** One top-level block; re-renders only when the Block object changes. */
class Memo extends Component<{ b: Block }> {
  override shouldComponentUpdate(next: { b: Block }) {
    return next.b !== this.props.b;
  }
  override render() {
    return node(this.props.b);
  }
}

export function Markdown({ text, streaming, allowDataImages }: MarkdownProps) {
  const cache = useRef<StreamCache | undefined>(undefined);
  const r = parseStreaming(text, cache.current, { allowDataImages, done: !streaming });
  cache.current = r.cache;
  return h('div', { class: 'td-md' }, r.blocks.map((b) => h(Memo, { b })));
}
