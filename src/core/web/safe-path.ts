/**
 * The one place that decides whether a user-supplied redirect target (`?next=`, a form field, a
 * value saved in a cookie) may be followed (issue 9 finding 1). Browsers are lenient where a
 * simple prefix check is not: Chromium follows `Location: /\evil.example` and `/<TAB>/evil.example`
 * to another host, and a CR/LF reaching `setHeader` is a 500. So only a local path with a single
 * leading `/` passes, and what is returned is the path as the URL parser re-serialises it
 * (non-ASCII percent-encoded, so a Vietnamese path cannot make Node refuse the header).
 */
const BASE = 'http://x.invalid';
// Raw C0/C1 controls, DEL, and the line/paragraph separators some parsers treat as newlines.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// The same, percent-encoded (%00–%1F, %7F, and UTF-8 C1 controls %C2%80–%C2%9F).
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)|%c2%[89][0-9a-f]/i;
// After the first `/`: another slash, a backslash, or either percent-encoded, makes it
// protocol-relative for some browser or proxy.
const BAD_START = /^\/(?:[/\\]|%2f|%5c)/i;
const MAX_LENGTH = 2000;

export function safeLocalPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_LENGTH) return undefined;
  if (!next.startsWith('/') || BAD_START.test(next)) return undefined;
  if (next.includes('\\') || CONTROL.test(next) || ENCODED_CONTROL.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments resolve (`/a/..//evil`) before the check above could see the result.
  if (BAD_START.test(path)) return undefined;
  return path;
}

/** `safeLocalPath`, or the fallback (usually `/`) when the target is not a safe local path. */
export function safeRedirectTarget(next: unknown, fallback = '/'): string {
  return safeLocalPath(next) ?? fallback;
}
