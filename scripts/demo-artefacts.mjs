// Part of `npm run build` (so of `npm ci`, through `prepare`): makes the demo's heavy artefacts
// (legal-document PDFs, illustrations and their variants) once, into dist/demo-artefacts/, so a
// first start does not spend seconds drawing them (src/core/demo-artefacts.ts). Made afresh at
// every build: an artefact never outlives the code that draws it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const { DEMO_ARTEFACTS_DIR } = await import(pathToFileURL(path.join(root, 'dist/core/demo-artefacts.js')).href);
fs.rmSync(DEMO_ARTEFACTS_DIR, { recursive: true, force: true });
const { makeDemoDocumentPdfs } = await import(pathToFileURL(path.join(root, 'dist/modules/portal/portal.pdf.js')).href);
const { makeDemoPictures } = await import(pathToFileURL(path.join(root, 'dist/modules/news/news.demo-images.js')).href);
const { makeDemoLibraryPages } = await import(pathToFileURL(path.join(root, 'dist/modules/library/library.items.demo.js')).href);
const pdfs = await makeDemoDocumentPdfs();
const pictures = await makeDemoPictures();
const pages = await makeDemoLibraryPages();
process.stdout.write(`demo artefacts: ${pdfs} PDFs, ${pictures} illustrations, ${pages} scanned pages in ${path.relative(root, DEMO_ARTEFACTS_DIR)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
