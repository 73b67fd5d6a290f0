/**
 * Renders agent markdown as vnodes (see ./parse for the vocabulary).
 * Text only ever becomes text children, never markup; URLs have passed the
 * allow-lists in ./url.
 */
import { h } from 'preact';
import { useRef } from 'preact/hooks';
import { memo } from '../ui/memo';
import type { Block } from './parse';
import { parseStreaming, type StreamCache } from './streaming';

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  text: string;
  /** The text is still arriving: render unfinished syntax leniently. */
  streaming?: boolean;
}

/** One top-level block; re-renders only when the block object changes (the widget's memo, shared). */
const Memo = memo((p: { b: Block }) => p.b);

/** A reply, restored message, transcript or greeting; re-parses only the unfinished end while streaming. */
export function Markdown({ text, streaming }: MarkdownProps) {
  const cache = useRef<StreamCache | undefined>(undefined);
  const r = parseStreaming(text, cache.current, { done: !streaming });
  cache.current = r.cache;
  return h('div', { class: 'td-md' }, r.blocks.map((b) => h(Memo, { b })));
}
