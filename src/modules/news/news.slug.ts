/** Longest slug kept: URLs stay readable in a chat message or a printed page. */
const MAX_SLUG = 80;

/**
 * "Sở Văn hóa tổ chức Hội nghị chuyển đổi số" → "so-van-hoa-to-chuc-hoi-nghi-chuyen-doi-so".
 * "đ" has no combining form (it is its own letter), so NFD alone leaves it: map it first.
 */
export function slugify(text: string): string {
  const ascii = text
    .normalize('NFC')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= MAX_SLUG) return ascii || 'bai-viet';
  // Cut at a word boundary so the slug never ends in half a word.
  const cut = ascii.slice(0, MAX_SLUG + 1);
  const at = cut.lastIndexOf('-');
  return (at > 20 ? cut.slice(0, at) : ascii.slice(0, MAX_SLUG)).replace(/-+$/, '');
}

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The first of base, base-2, base-3 … that `taken` does not contain. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
