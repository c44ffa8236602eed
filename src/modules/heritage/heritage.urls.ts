/**
 * The public heritage pages in both languages (issue 13 part 6): each Vietnamese URL has an English
 * twin under /en/heritage, paired through hreflang in the head and used for links on English pages.
 */
const PAIRS: readonly [string, string][] = [
  ['/di-san/kiem-tra-vung-bao-ve', '/en/heritage/zone-check'],
  ['/di-san/ban-do', '/en/heritage/map'],
  ['/di-san/di-tich', '/en/heritage/relics'],
  ['/di-san/hien-vat', '/en/heritage/artefacts'],
  ['/di-san/phi-vat-the', '/en/heritage/intangible'],
  ['/di-san', '/en/heritage'],
];

function swap(path: string, from: 0 | 1): string | undefined {
  const [p, q = ''] = path.split(/(?=\?)/);
  for (const pair of PAIRS) {
    const a = pair[from];
    if (p === a || p!.startsWith(`${a}/`)) return `${pair[1 - from]}${p!.slice(a.length)}${q}`;
  }
  return undefined;
}

export const englishPath = (vi: string) => swap(vi, 0);
export const vietnamesePath = (en: string) => swap(en, 1);

/** A link from a heritage page: the English twin on the English side. */
export function hp(ctx: { lang: string }, vi: string): string {
  return ctx.lang === 'en' ? (englishPath(vi) ?? vi) : vi;
}

/** Both URLs of a public heritage page (undefined for a path that has no twin, e.g. staff pages). */
export function pairOf(path: string): { vi: string; en: string } | undefined {
  const clean = path.split('?')[0]!;
  const en = englishPath(clean);
  if (en) return { vi: clean, en };
  const vi = vietnamesePath(clean);
  return vi ? { vi, en: clean } : undefined;
}
