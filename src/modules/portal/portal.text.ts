/**
 * Diacritic-insensitive matching for highlighting (domain.md §10): "quyet dinh" must mark
 * "Quyết định". Folding is done per UTF-16 code unit so positions in the folded text are the
 * positions in the original, and the marks land on the original letters.
 */
export function foldChar(ch: string): string {
  if (ch === 'đ' || ch === 'Đ') return 'd';
  const f = ch
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return f.length === 1 ? f : ch;
}

export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]!);
  return out;
}

export interface Segment {
  text: string;
  mark: boolean;
}

function matchRanges(text: string, words: string[]): [number, number][] {
  const folded = fold(text);
  const ranges: [number, number][] = [];
  for (const w of new Set(words.map(fold).filter((x) => x.length > 0))) {
    let at = folded.indexOf(w);
    while (at >= 0) {
      ranges.push([at, at + w.length]);
      at = folded.indexOf(w, at + w.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The text cut into plain and matched pieces; the view renders matched ones in <mark>, and
 * preact escapes every piece, so a query or a title can never inject markup. */
export function highlight(text: string, words: string[]): Segment[] {
  const src = text.normalize('NFC');
  const out: Segment[] = [];
  let pos = 0;
  for (const [a, b] of matchRanges(src, words)) {
    if (a > pos) out.push({ text: src.slice(pos, a), mark: false });
    out.push({ text: src.slice(a, b), mark: true });
    pos = b;
  }
  if (pos < src.length) out.push({ text: src.slice(pos), mark: false });
  return out;
}

/** About `max` characters around the first match, cut at spaces, with ellipses where cut. */
export function snippet(text: string, words: string[], max = 220): string {
  const src = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (src.length <= max) return src;
  const first = matchRanges(src, words)[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(max / 3));
  if (start > 0) {
    const sp = src.indexOf(' ', start);
    start = sp >= 0 && sp < first ? sp + 1 : start;
  }
  let end = Math.min(src.length, start + max);
  if (end < src.length) {
    const sp = src.lastIndexOf(' ', end);
    if (sp > first) end = sp;
  }
  return `${start > 0 ? '… ' : ''}${src.slice(start, end)}${end < src.length ? ' …' : ''}`;
}

/** Markdown → plain text for snippets (the page itself renders through the sanitiser). */
export function markdownToText(md: string): string {
  return md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^[#>\-*+|\s]+/gm, '')
    .replace(/[*_`|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
