// Characters XML 1.0 forbids even when escaped (C0 controls except tab, LF, CR): one pasted
// control character would make the whole feed unreadable to every reader.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface FeedItem {
  id: string;
  slug: string;
  title: string;
  summary: string;
  publishedAt: Date | null;
  categoryName: string;
}

/** RSS 2.0 (with atom:link rel="self", which feed validators ask for). */
export function buildRss(p: { title: string; description: string; siteUrl: string; selfUrl: string; items: FeedItem[] }): string {
  const e = xmlEscape;
  const newest = p.items[0]?.publishedAt ?? new Date(0);
  const items = p.items
    .map((a) => {
      const link = `${p.siteUrl}/tin-tuc/${encodeURIComponent(a.slug)}`;
      return [
        '    <item>',
        `      <title>${e(a.title)}</title>`,
        `      <link>${e(link)}</link>`,
        `      <guid isPermaLink="false">urn:uuid:${e(a.id)}</guid>`,
        `      <description>${e(a.summary)}</description>`,
        `      <category>${e(a.categoryName)}</category>`,
        // toUTCString() is the RFC 822 form RSS 2.0 requires ("Wed, 25 Nov 2026 07:00:00 GMT").
        a.publishedAt ? `      <pubDate>${a.publishedAt.toUTCString()}</pubDate>` : '',
        '    </item>',
      ]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${e(p.title)}</title>
    <link>${e(`${p.siteUrl}/tin-tuc`)}</link>
    <description>${e(p.description)}</description>
    <language>vi</language>
    <lastBuildDate>${newest.toUTCString()}</lastBuildDate>
    <atom:link href="${e(p.selfUrl)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}
