import { describe, expect, it } from 'vitest';
import { fold, highlight, markdownToText, snippet } from '../portal.text.js';

describe('portal text helpers (diacritic-insensitive highlighting)', () => {
  it('folds tone marks and đ, keeping one character per character', () => {
    expect(fold('Quyết định Đà Nẵng')).toBe('quyet dinh da nang');
    const decomposed = 'Quyết'.normalize('NFD');
    expect(fold(decomposed.normalize('NFC'))).toBe('quyet');
    expect(fold('Hội nghị').length).toBe('Hội nghị'.length);
  });

  it('marks the original letters of a match typed without diacritics', () => {
    expect(highlight('Kế hoạch chuyển đổi số', ['chuyen', 'doi'])).toEqual([
      { text: 'Kế hoạch ', mark: false },
      { text: 'chuyển', mark: true },
      { text: ' ', mark: false },
      { text: 'đổi', mark: true },
      { text: ' số', mark: false },
    ]);
    // Overlapping words merge into one mark.
    expect(highlight('karaoke', ['kara', 'raoke']).filter((s) => s.mark)).toEqual([{ text: 'karaoke', mark: true }]);
    expect(highlight('abc', [])).toEqual([{ text: 'abc', mark: false }]);
  });

  it('cuts a snippet around the first match, at spaces, with ellipses', () => {
    const long = `${'mở đầu '.repeat(60)}di tích quốc gia đặc biệt ${'kết thúc '.repeat(60)}`;
    const s = snippet(long, ['di', 'tich'], 120);
    expect(s.startsWith('… ')).toBe(true);
    expect(s.endsWith(' …')).toBe(true);
    expect(s).toContain('di tích quốc gia');
    expect(s.length).toBeLessThanOrEqual(126);
    expect(snippet('ngắn', ['x'])).toBe('ngắn');
  });

  it('turns Markdown into plain text for snippets', () => {
    expect(markdownToText('## Tiêu đề\n\n- **Đậm** và [liên kết](/x) <b>thẻ</b>')).toBe('Tiêu đề Đậm và liên kết thẻ');
  });
});
