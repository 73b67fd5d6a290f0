/**
 * Renders agent markdown as vnodes (see ./parse for the vocabulary).
 * Text only ever becomes text children, never markup; URLs have passed the
 * allow-lists in ./url.
 */
import { h, type VNode } from 'preact';
import { useRef } from 'preact/hooks';
import type { Block } from './parse';
import { parseStreaming, type StreamCache } from './streaming';

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  text: string;
  /** The text is still arriving: render unfinished syntax leniently. */
  streaming?: boolean;
}

/** One top-level block. */
const Part = (p: { b: Block }) => p.b;

/**
 * A reply, restored message, transcript or greeting; re-parses only the
 * unfinished end while streaming. Each finished block keeps one wrapper
 * vnode, and Preact skips a vnode it rendered last time, so a delta
 * re-renders only the open end.
 */
export function Markdown({ text, streaming }: MarkdownProps) {
  const cache = useRef<StreamCache | undefined>(undefined);
  const parts = useRef(new WeakMap<Block, VNode<any>>());
  const r = parseStreaming(text, cache.current, { done: !streaming });
  cache.current = r.cache;
  const part = (b: Block) => parts.current.get(b) || (parts.current.set(b, h(Part, { b })), parts.current.get(b)!);
  return h('div', { class: 'td-md' }, r.blocks.map(part));
}
