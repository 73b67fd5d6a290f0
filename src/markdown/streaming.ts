/**
 * Incremental parsing for replies that arrive as a growing string.
 *
 * Approach: the text is cut into chunks at "safe" blank lines (outside code
 * fences, before an unindented non-list line — see `chunkStarts`), where
 * every block is known to end. Chunks before the last safe cut are finished:
 * they are parsed once, and the cache keeps their source and their Preact
 * nodes, so each delta only re-parses the last chunk and finished blocks keep
 * their identity (the renderer skips them by reference). The cache is reused
 * only when the new text extends the cached source.
 *
 * The last chunk is parsed "open" (unless `done`): a trailing `*`/`_`/`` ` ``
 * run is hidden, unclosed emphasis is closed at the end, an open code span
 * or fence runs to the end, and a half link `[Shop](https://tra` shows just
 * "Shop" until its `)` arrives. Parsing the finished text with `done` renders
 * exactly like `parseMarkdown(text)`, reusing the cached blocks.
 */
import { chunkStarts, normalise, parseChunk, type Block } from './parse';

/** What `parseStreaming` keeps between calls. Treat as opaque. */
export interface StreamCache {
  /** Source of the finished chunks. */
  src: string;
  /** Their blocks (stable identities). */
  blocks: Block[];
}

/** Options for {@link parseStreaming}. */
export interface StreamOptions {
  /** The text is complete: parse the end strictly, like `parseMarkdown`. */
  done?: boolean;
}

/** Result of {@link parseStreaming}: blocks to render and the cache for the next call. */
export interface StreamResult {
  blocks: Block[];
  cache: StreamCache;
}

/** Parse `text`, reusing the finished blocks from `prev` when it still applies. */
export function parseStreaming(text: string, prev?: StreamCache, opts?: StreamOptions): StreamResult {
  const s = normalise(String(text ?? ''));
  let cache: StreamCache =
    prev && s.startsWith(prev.src) ? prev : { src: '', blocks: [] };
  const cuts = chunkStarts(s, cache.src.length, opts?.done);
  if (cuts.length) {
    const blocks = cache.blocks.slice();
    let p = cache.src.length;
    for (const q of cuts) {
      for (const b of parseChunk(s.slice(p, q))) blocks.push(b);
      p = q;
    }
    cache = { src: s.slice(0, p), blocks };
  }
  return { blocks: cache.blocks.concat(parseChunk(s.slice(cache.src.length), !opts?.done)), cache };
}
