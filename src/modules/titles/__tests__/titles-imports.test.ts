import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** ADR 008: another module is reached only through its public entry `../<module>/index.js`, in the
 * titles module's code and in its tests alike (a test reaching into indicators.compute.js breaks
 * whenever the indicators module rearranges its files). */

const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES_DIR = path.dirname(MODULE_DIR);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('titles module imports', () => {
  it('reaches other modules only through their index.js', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(MODULE_DIR)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) continue;
        const target = path.relative(MODULES_DIR, path.resolve(path.dirname(file), spec));
        const [mod, ...rest] = target.split(path.sep);
        if (!mod || mod.startsWith('..') || mod === 'titles') continue;
        if (rest.join('/') !== 'index.js') wrong.push(`${path.relative(MODULE_DIR, file)}: ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
