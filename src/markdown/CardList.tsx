/**
 * Product cards: image, linked name, price, subtitle. Also used for the
 * transport's structured `"cards"`, which are untrusted too, so every URL is
 * re-checked here and every field is rendered as text.
 */
import { h } from 'preact';
import type { Card } from '../core/types';
import { IMG, LINK } from './inline';
import { safeImageUrl, safeLinkUrl } from './url';

/** Props of {@link CardList}. */
export interface CardListProps {
  cards: Card[];
}

const str = (v: unknown) => (v == null ? '' : '' + v);

/** A list of product cards. */
export function CardList({ cards }: CardListProps) {
  return h(
    'ul',
    { class: 'td-cards' },
    (Array.isArray(cards) ? cards : []).map((c: Partial<Card>) => {
      c ||= {};
      const href = safeLinkUrl(c.url);
      const src = safeImageUrl(c.imageUrl);
      const span = (cls: string, v: unknown) => str(v) && h('span', { class: 'td-card-' + cls }, str(v));
      return h(
        'li',
        { class: 'td-card' },
        src && h('img', { class: 'td-card-img', src, alt: '', ...IMG }),
        href ? h('a', { class: 'td-card-title', href, ...LINK }, str(c.title)) : span('title', c.title),
        span('price', c.price),
        span('sub', c.subtitle),
      );
    }),
  );
}
