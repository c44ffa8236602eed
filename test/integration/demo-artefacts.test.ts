import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoArtefact, demoArtefactValue } from '../../src/core/demo-artefacts.js';

/** The demo's PDFs and illustrations are made once (at build time) and only read at a first
 * start (src/core/demo-artefacts.ts). */
describe('demo artefacts made once', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-artefacts-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes an artefact once and then reads it back; other inputs make another', async () => {
    let made = 0;
    const make = async () => {
      made++;
      return Buffer.from(`%PDF-1.4 số ${made}`);
    };
    const first = await demoArtefact('legal-document', { numberSymbol: '01/2026/QĐ-SVHTTDL' }, make, dir);
    const again = await demoArtefact('legal-document', { numberSymbol: '01/2026/QĐ-SVHTTDL' }, make, dir);
    expect(made).toBe(1);
    expect(again.equals(first)).toBe(true);
    await demoArtefact('legal-document', { numberSymbol: '02/2026/QĐ-SVHTTDL' }, make, dir);
    expect(made).toBe(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(0);
  });

  it('keeps values made of JSON and buffers (an image and its variants)', async () => {
    const value = { alt: 'Hình minh họa', png: Buffer.from([0x89, 0x50, 0x4e, 0x47]), resized: { width: 1600, variants: [{ width: 480, format: 'webp', data: Buffer.from([1, 2, 3]) }] } };
    let made = 0;
    const make = async () => {
      made++;
      return value;
    };
    await demoArtefactValue('news-illustration', { svg: '<svg/>' }, make, dir);
    const back = await demoArtefactValue('news-illustration', { svg: '<svg/>' }, make, dir);
    expect(made).toBe(1);
    expect(Buffer.isBuffer(back.png)).toBe(true);
    expect(back.png.equals(value.png)).toBe(true);
    expect(back.resized.variants[0]!.data.equals(Buffer.from([1, 2, 3]))).toBe(true);
    expect(back.alt).toBe('Hình minh họa');
  });

  it('still answers when the folder cannot be written (a read-only installation)', async () => {
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const out = await demoArtefact('legal-document', { k: 1 }, async () => Buffer.from('made'), path.join(file, 'sub'));
    expect(out.toString()).toBe('made');
  });
});
