import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_DIR, demoDataFile, loadDemoData } from '../demo-data.js';

const Items = Type.Array(Type.Object({ code: Type.String(), fees: Type.Array(Type.Object({ amount: Type.Integer() })) }));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanhien-demo-data-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loadDemoData', () => {
  it('loads a good file from the given folder', () => {
    fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify([{ code: 'A', fees: [{ amount: 1000 }] }]));
    expect(loadDemoData('good', Items, dir)).toEqual([{ code: 'A', fees: [{ amount: 1000 }] }]);
  });

  it('names the file and the JSON path of a bad value', () => {
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify([
        { code: 'A', fees: [] },
        { code: 'B', fees: [{ amount: 'một nghìn' }] },
      ]),
    );
    const file = path.join(dir, 'bad.json');
    expect(() => loadDemoData('bad', Items, dir)).toThrow(`${file} tại /1/fees/0/amount`);
  });

  it('names the file when it is not JSON', () => {
    fs.writeFileSync(path.join(dir, 'broken.json'), '[{"code": ');
    expect(() => loadDemoData('broken', Items, dir)).toThrow(path.join(dir, 'broken.json'));
  });

  it('takes a name the agency folder lacks from the shipped demo/', () => {
    expect(demoDataFile('procedures', dir)).toBe(path.join(DEMO_DATA_DIR, 'procedures.json'));
    expect(fs.existsSync(demoDataFile('procedures'))).toBe(true);
  });
});
