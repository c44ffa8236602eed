import sharp from 'sharp';
import { demoArtefactValue } from '../../core/demo-artefacts.js';
import { IMAGE_WIDTHS, resizeImage, type ResizedImage } from './news.images.js';

/**
 * Illustrations for a few demo articles, drawn here as SVG (no photograph is taken from
 * anywhere) and rasterised to PNG, so the demo shows the whole image path: upload, alt text,
 * responsive WebP/JPEG variants and the lead image of an article page.
 */
const W = 1600;
const H = 900;

const heads = (y: number, n: number, color: string) =>
  Array.from({ length: n }, (_, i) => `<circle cx="${80 + i * ((W - 160) / (n - 1))}" cy="${y}" r="${22 + (i % 3) * 3}" fill="${color}"/>`).join('');

const SCENES: Record<string, { alt: string; svg: string }> = {
  'Sở tổ chức Hội nghị chuyển đổi số ngành văn hóa, thể thao và du lịch năm 2026': {
    alt: 'Hội trường hội nghị: màn hình lớn trên sân khấu và các hàng ghế đại biểu (hình vẽ minh họa)',
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="w" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8e2b22"/><stop offset="1" stop-color="#4a1410"/></linearGradient><linearGradient id="s" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d4f91"/><stop offset="1" stop-color="#0b2447"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#w)"/><rect x="380" y="70" width="840" height="420" rx="12" fill="url(#s)"/><rect x="440" y="130" width="300" height="24" fill="#f5c542"/><rect x="440" y="190" width="700" height="14" fill="#cfe0f5"/><rect x="440" y="230" width="620" height="14" fill="#cfe0f5"/><rect x="440" y="300" width="180" height="140" fill="#5fa8d3"/><rect x="660" y="340" width="180" height="100" fill="#f5c542"/><rect x="880" y="260" width="180" height="180" fill="#9ad1a0"/><rect x="0" y="520" width="${W}" height="380" fill="#2b1b17"/>${heads(600, 18, '#3b2a25')}${heads(680, 17, '#4a3630')}${heads(770, 18, '#5a4239')}${heads(860, 17, '#6b4f45')}</svg>`,
  },
  'Khai mạc Đại hội Thể dục thể thao tỉnh lần thứ X': {
    alt: 'Sân vận động tỉnh với đường chạy và khán đài trong lễ khai mạc (hình vẽ minh họa)',
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="k" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fb8e6"/><stop offset="1" stop-color="#e3f1fb"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#k)"/><rect y="180" width="${W}" height="160" fill="#55606b"/>${heads(215, 30, '#d94841')}${heads(265, 29, '#f5c542')}${heads(315, 30, '#2f6fb3')}<ellipse cx="800" cy="680" rx="760" ry="260" fill="#b5523b"/><ellipse cx="800" cy="680" rx="640" ry="190" fill="#3f8f4a"/><ellipse cx="800" cy="680" rx="700" ry="225" fill="none" stroke="#fff" stroke-width="3"/><ellipse cx="800" cy="680" rx="730" ry="243" fill="none" stroke="#fff" stroke-width="3"/><rect x="780" y="520" width="40" height="320" fill="#fff" opacity=".5"/></svg>`,
  },
  'Tuần lễ quảng bá du lịch tỉnh năm 2026': {
    alt: 'Dòng sông uốn quanh đồi xanh, thuyền du lịch và mặt trời buổi sớm (hình vẽ minh họa)',
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="t" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffb26b"/><stop offset="1" stop-color="#ffe7c2"/></linearGradient><linearGradient id="r" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#2f7fb8"/><stop offset="1" stop-color="#5fb0e0"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#t)"/><circle cx="1180" cy="260" r="110" fill="#fff3b0"/><path d="M0 520 Q 300 330 620 500 T 1240 460 T 1600 430 V 900 H 0 Z" fill="#4f8f3a"/><path d="M0 620 Q 400 470 800 610 T 1600 560 V 900 H 0 Z" fill="#3b7a2d"/><path d="M0 780 C 400 660 700 860 1000 740 S 1500 700 1600 720 V 900 H 0 Z" fill="url(#r)"/><path d="M620 760 h180 l-30 36 h-120 z" fill="#7a3b1d"/><rect x="690" y="700" width="8" height="60" fill="#5a2a12"/><path d="M698 700 l60 40 h-60 z" fill="#fff"/></svg>`,
  },
};

export async function demoIllustration(title: string): Promise<{ alt: string; png: Buffer } | undefined> {
  const s = SCENES[title];
  if (!s) return undefined;
  return { alt: s.alt, png: await sharp(Buffer.from(s.svg)).png().toBuffer() };
}

/** The illustration with its resized variants, made once (at build time when possible): the
 * drawing and eight variants per image were most of a first start's CPU (core/demo-artefacts.ts). */
export async function demoPicture(title: string): Promise<{ alt: string; png: Buffer; resized: ResizedImage } | undefined> {
  const s = SCENES[title];
  if (!s) return undefined;
  return demoArtefactValue('news-illustration', { svg: s.svg, widths: IMAGE_WIDTHS }, async () => {
    const png = await sharp(Buffer.from(s.svg)).png().toBuffer();
    const resized = await resizeImage(png);
    if (typeof resized === 'string') throw new Error(`demo illustration "${title}": ${resized}`);
    return { alt: s.alt, png, resized };
  });
}

/** Every demo illustration: `npm run build` calls it to fill dist/demo-artefacts. */
export async function makeDemoPictures(): Promise<number> {
  for (const title of Object.keys(SCENES)) await demoPicture(title);
  return Object.keys(SCENES).length;
}
