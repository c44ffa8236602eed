import { describe, expect, it } from 'vitest';
import { REDACTED, redactionPreview, stillHasContactData } from '../feedback.privacy.js';
import { CORPUS } from './redaction-corpus.js';

describe('redaction mask: the corpus of tricky Vietnamese texts (issue 9 finding 3)', () => {
  it('holds at least 60 strings', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  for (const c of CORPUS) {
    it(JSON.stringify(c.text), () => {
      const { text } = redactionPreview(c.text, c.reporter ? [c.reporter] : []);
      for (const g of c.gone) expect(text, `"${g}" must be hidden`).not.toContain(g.normalize('NFKC'));
      for (const k of c.kept) expect(text, `"${k}" must stay`).toContain(k);
      if (c.gone.length) expect(text).toContain(REDACTED);
      else expect(text).toBe(c.text.normalize('NFC'));
    });
  }

  it('the last check before publishing sees contact data however it is written', () => {
    for (const s of ['(091) 234-5678', '0912  345  678', '０９１２３４５６７８', 'hoa @ gmail.com', 'hoa[at]gmail.com', '+84 912 345 678']) {
      expect(stillHasContactData(`gọi ${s} nhé`), s).toBe(true);
    }
    expect(stillHasContactData('Quán hát đến 23 giờ ngày 12/3/2026, phí 1.500.000 đồng.')).toBe(false);
  });
});
