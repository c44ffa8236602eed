import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Multi-resolution tiles of an equirectangular (2:1) panorama for Photo Sphere Viewer's
 * equirectangular tiles adapter: each level has cols × rows tiles, cols a power of two and
 * rows = cols / 2, every tile the same square size. Phones cap textures at 4,096 px
 * (Pannellum #199, PSV #384), so the viewer loads only the tiles in view of the level it needs.
 *
 * libvips' dzsave streams the image (it never holds the whole decoded panorama), which is what
 * keeps a 16,000 × 8,000 JPEG under the 600 MB budget measured in bench/tourism.ts.
 */
export interface TileLevel {
  width: number;
  cols: number;
  rows: number;
}

export interface TiledPanorama {
  levels: TileLevel[];
  tileSize: number;
  /** low-resolution whole panorama (JPEG, ≤ maxPreviewBytes), the viewer's first view */
  preview: Buffer;
}

/** Target tile side: 512 px tiles are ~40–80 KB in JPEG q80, a good unit for phone networks. */
const TARGET_TILE = 512;
/** The smallest level worth tiling: 4 × 2 tiles. */
const MIN_COLS = 4;

export async function tileEquirectangular(
  input: Buffer | string,
  onTile: (level: number, col: number, row: number, data: Buffer) => Promise<void>,
  opts: { maxPixels?: number; previewWidth?: number; maxPreviewBytes?: number; quality?: number } = {},
): Promise<TiledPanorama> {
  const limitInputPixels = opts.maxPixels ?? 16000 * 8000;
  const meta = await sharp(input, { limitInputPixels }).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!width || width !== height * 2) throw new Error(`not a 2:1 panorama (${width}×${height})`);
  // cols = the power of two giving tiles closest above 512 px; the image is resized to cols × tile.
  const topCols = Math.max(MIN_COLS, 2 ** Math.floor(Math.log2(width / TARGET_TILE)));
  const tile = Math.floor(width / topCols);
  const topWidth = topCols * tile;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vh-tiles-'));
  try {
    const base = path.join(dir, 'p');
    let img = sharp(input, { limitInputPixels, sequentialRead: true });
    if (topWidth !== width) img = img.resize(topWidth, topWidth / 2, { fit: 'fill' });
    await img
      .jpeg({ quality: opts.quality ?? 80, mozjpeg: false })
      .tile({ size: tile, overlap: 0, layout: 'dz', depth: 'onepixel' })
      .toFile(`${base}.dz`);
    // dzsave levels: the top level is ceil(log2(max side)); each one below halves the image.
    const filesDir = `${base}_files`;
    const names = (await fs.readdir(filesDir)).map(Number).sort((a, b) => b - a);
    const levels: TileLevel[] = [];
    const chosen: { dz: number; cols: number }[] = [];
    let cols = topCols;
    for (const dz of names) {
      if (cols < MIN_COLS) break;
      chosen.unshift({ dz, cols });
      levels.unshift({ width: cols * tile, cols, rows: cols / 2 });
      cols /= 2;
    }
    for (const [i, c] of chosen.entries()) {
      for (let col = 0; col < c.cols; col++) {
        for (let row = 0; row < c.cols / 2; row++) {
          await onTile(i, col, row, await fs.readFile(path.join(filesDir, String(c.dz), `${col}_${row}.jpeg`)));
        }
      }
    }
    const preview = await previewOf(input, limitInputPixels, opts.previewWidth ?? 1024, opts.maxPreviewBytes ?? 100 * 1024);
    return { levels, tileSize: tile, preview };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The whole panorama small enough for a first view: JPEG quality lowered until ≤ maxBytes (Pannellum #786). */
async function previewOf(input: Buffer | string, limitInputPixels: number, width: number, maxBytes: number): Promise<Buffer> {
  let w = width;
  for (let q = 70; ; q -= 10) {
    const out = await sharp(input, { limitInputPixels, sequentialRead: true }).resize(w, w / 2, { fit: 'fill' }).jpeg({ quality: q, progressive: true }).toBuffer();
    if (out.length <= maxBytes) return out;
    if (q <= 30) {
      q = 80;
      w /= 2;
    }
  }
}
