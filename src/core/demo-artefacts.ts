/**
 * Heavy demo artefacts (legal-document PDFs, illustrations and their resized variants) made once
 * and kept in `dist/demo-artefacts/`, so a first start on an empty data directory only copies
 * bytes. Making them took 2–18 s of the first start (16 PDFs with an embedded TTF font, three
 * images in eight variants each; docs/benchmarks.md), more than everything else the seed does.
 * `npm run build` fills the directory (scripts/demo-artefacts.mjs); a start whose directory is
 * empty or read-only makes the artefact as before and only tries to keep it.
 *
 * An artefact is found by its name and a hash of everything that determines its bytes (the
 * inputs and `VERSION`): change a drawing or a PDF layout and it is made again. Demo data only —
 * never a user's file: the directory is not the file store and has no access control.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the code that makes an artefact changes without its inputs changing. */
const VERSION = 1;

/** The same folder from `src/core` (tests, tsx) and `dist/core` (the built server). */
export const DEMO_ARTEFACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/demo-artefacts');

function fileFor(name: string, key: unknown, dir: string): string {
  const hash = crypto.createHash('sha256').update(JSON.stringify([VERSION, name, key])).digest('hex').slice(0, 24);
  return path.join(dir, `${name.replace(/[^a-z0-9-]/gi, '-')}-${hash}.bin`);
}

/** The artefact's bytes: from the folder when made before, otherwise made now and kept. */
export async function demoArtefact(name: string, key: unknown, make: () => Promise<Buffer>, dir = DEMO_ARTEFACTS_DIR): Promise<Buffer> {
  const file = fileFor(name, key, dir);
  try {
    return await fs.promises.readFile(file);
  } catch {
    /* not made yet */
  }
  const data = await make();
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    // Written aside then renamed: two processes starting at once never read half a file.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  } catch {
    /* a read-only installation: made again on the next first start */
  }
  return data;
}

/** The same for a value made of JSON and buffers (e.g. an image and its variants). */
export async function demoArtefactValue<T>(name: string, key: unknown, make: () => Promise<T>, dir = DEMO_ARTEFACTS_DIR): Promise<T> {
  const bytes = await demoArtefact(name, key, async () => Buffer.from(JSON.stringify(await make(), (_k, v) => (isBufferJson(v) ? { $b64: Buffer.from(v.data).toString('base64') } : v))), dir);
  return JSON.parse(bytes.toString('utf8'), (_k, v) => (v && typeof v === 'object' && typeof v.$b64 === 'string' ? Buffer.from(v.$b64, 'base64') : v)) as T;
}

function isBufferJson(v: unknown): v is { type: 'Buffer'; data: number[] } {
  return !!v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);
}
