/**
 * URL allow-lists for agent-supplied links and images.
 *
 * Callers pass the URL as the browser would get it (the markdown parser has
 * already decoded escapes and entities), and no HTML is ever built, so the
 * only way a URL can hurt is through its scheme. Strings are trimmed, then rejected outright
 * if they still contain whitespace or control characters (browsers silently
 * drop tabs/newlines, which turns `java\tscript:` into `javascript:`), and
 * finally parsed with `URL`; relative URLs have no base and are rejected.
 */

/** Options for {@link safeImageUrl}. */
export interface ImageUrlOptions {
  /** Also accept `data:image/(png|jpeg|webp|gif);base64,…`: only for the visitor's own photo (MessageItem), never for markdown. */
  allowData?: boolean;
}

// C0/C1 controls, space and the Unicode line/zero-width/bidi tricks.
const BAD = /[\0-\x20\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;
const DATA_IMG = /^data:image\/(?:png|jpeg|webp|gif);base64,[a-z0-9+/]+=*$/i;

/**
 * The scheme is tested on the trimmed string: with no whitespace or control
 * character in it, the URL parser keeps the scheme it starts with, so the
 * parsed `protocol` needs no second check.
 */
function parse(raw: unknown, scheme: RegExp): string | null {
  if (typeof raw != 'string') return null;
  const s = raw.trim();
  if (BAD.test(s) || !scheme.test(s)) return null;
  try {
    // A backslash is kept (percent-encoded), not read as `/`.
    return new URL(s.replace(/\\/g, '%5C')).href;
  } catch {
    return null;
  }
}

/** Normalised `http:`/`https:`/`mailto:`/`tel:` URL, or null if anything else. */
export const safeLinkUrl = (raw: unknown): string | null => parse(raw, /^(https?|mailto|tel):/i);

/** Hosts whose plain `http:` images are accepted: the browser's own machine (secure contexts, no mixed content). */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Normalised `https:` image URL, `http:` on this machine only (a local backend, the
 * offline demo), or an allowed base64 data image; otherwise null.
 */
export function safeImageUrl(raw: unknown, opts?: ImageUrlOptions): string | null {
  if (opts?.allowData && typeof raw == 'string' && DATA_IMG.test(raw.trim())) return raw.trim();
  const local = parse(raw, /^http:/i);
  return local && LOOPBACK.includes(new URL(local).hostname) ? local : parse(raw, /^https:/i);
}
