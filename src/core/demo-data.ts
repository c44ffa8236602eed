/**
 * Demo content as data (issue 10 finding 9): the procedures, articles, pages and feedback cases of
 * the demo live in `demo/<name>.json` at the package root, beside `drizzle/`, so an agency can
 * replace them without writing code. `VANHIEN_DEMO_DIR` points to a folder of files of the same
 * names; a name that folder lacks comes from the shipped `demo/` (write `[]` to have none).
 * Code that computes (dates relative to today, pictures, PDFs) stays in the modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** demo/ sits at the package root, beside src/ and dist/ (tsc does not copy JSON into dist/). */
export const DEMO_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo');

export class DemoDataError extends Error {
  constructor(
    public readonly file: string,
    public readonly pointer: string,
    message: string,
  ) {
    super(`Dữ liệu minh họa sai: ${file}${pointer ? ` tại ${pointer}` : ''}: ${message}`);
  }
}

/** The file `name` would be read from: the agency's folder when it has one, else the shipped demo. */
export function demoDataFile(name: string, dir?: string): string {
  if (dir) {
    const own = path.join(dir, `${name}.json`);
    if (fs.existsSync(own)) return own;
  }
  return path.join(DEMO_DATA_DIR, `${name}.json`);
}

/** Reads and checks `<dir>/<name>.json`; an error names the file and the JSON pointer of the bad value. */
export function loadDemoData<S extends TSchema>(name: string, schema: S, dir?: string): Static<S> {
  const file = demoDataFile(name, dir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new DemoDataError(file, '', (err as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DemoDataError(file, '', `không phải JSON hợp lệ (${(err as Error).message})`);
  }
  if (!Value.Check(schema, data)) {
    const first = Value.Errors(schema, data).First();
    throw new DemoDataError(file, first?.path || '/', first?.message ?? 'sai cấu trúc');
  }
  return data as Static<S>;
}
