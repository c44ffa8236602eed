/**
 * Run by bench/dossiers.ts in a child process with a small heap (--max-old-space-size): exports
 * the whole tracking log through the real functions into a byte counter and prints what it used.
 * If the export held the log in memory, this process would die of it.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { logCsv, logXlsx, periodBounds } from '../src/modules/dossiers/dossiers.reports.js';

const [url, kind] = process.argv.slice(2) as [string, 'csv' | 'xlsx'];
const pool = new pg.Pool({ connectionString: url, max: 2 });
const db = drizzle(pool);
const scope = { ...periodBounds({ from: '2022-01-01', to: '2026-12-31' }) };
let peakRss = 0;
let peakHeap = 0;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    bytes += chunk.length;
    cb();
  },
});
const t0 = performance.now();
await pipeline(kind === 'csv' ? logCsv(db as never, scope) : logXlsx(db as never, scope, 'bench'), sink);
clearInterval(timer);
await pool.end();
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - t0) / 1000, mb: bytes / 1048576, peakRssMb: peakRss / 1048576, peakHeapMb: peakHeap / 1048576 })}\n`);
