/**
 * Incremental parsing for replies that arrive as a growing string.
 *
 * Approach: the block scanner reports its last "safe" cut (a blank line
 * between blocks before a complete unindented line that cannot continue the
 * block before it — see `blocks` in ./parse), where every block is known to end. Blocks before it are finished:
 * the cache keeps their source and their vnodes, so each delta only
 * re-parses the text after the last cut and finished blocks keep their
 * identity (the renderer skips them by reference). The cache is reused only
 * when the new text extends the cached source.
 *
 * The text after the cut is parsed "open" (unless `done`): a trailing `*`/`_`/`~`/`` ` ``
 * run is hidden, unclosed emphasis is closed at the end, an open code span
 * or fence runs to the end, a half link `[Shop](https://tra` shows just
 * "Shop" until its `)` arrives, a last line that is only a list marker, `#`
 * or the start of a fence is held back, and so is a `|` line until its
 * table's delimiter row starts (then the header shows as a table). Parsing the finished text with `done` renders
 * exactly like `parseMarkdown(text)`, reusing the cached blocks.
 */
import { normalise, parseText, type Block } from './parse';

/** What `parseStreaming` keeps between calls. Treat as opaque. */
export interface StreamCache {
  /** Source of the finished blocks (up to the last safe cut). */
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
  const s = normalise(text);
  let cache: StreamCache = prev && s.startsWith(prev.src) ? prev : { src: '', blocks: [] };
  const tail = s.slice(cache.src.length);
  const [bs, at, n] = parseText(tail, !opts?.done, opts?.done);
  if (at) cache = { src: cache.src + tail.slice(0, at), blocks: cache.blocks.concat(bs.slice(0, n)) };
  return { blocks: cache.blocks.concat(bs.slice(n)), cache };
}
