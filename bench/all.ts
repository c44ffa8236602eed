/**
 * `npm run bench`: every bench scenario, one after the other, in one run, then a summary of each
 * scenario's verdicts. Scenarios run in their own process (one does not inherit another's heap,
 * handles or JIT state) and never at the same time: each measures against a ceiling taken in
 * the same minute, which a neighbour's load would distort.
 *
 * A scenario is a file of bench/ that prints its own figures and marks each target with `MET` or
 * `NOT MET` on one line (a table row or a sentence), and exits non-zero when it could not measure.
 * A scenario whose file is not there (yet) is skipped with a note, not an error.
 *
 * BENCH_ONLY=run,signing runs only those; BENCH_QUICK=1 is passed on (short rounds, not for the
 * record); BENCH_SKIP=dossiers leaves some out.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Scenario {
  name: string;
  file: string;
  what: string;
  nodeArgs?: string[];
}

const SCENARIOS: Scenario[] = [
  { name: 'run', file: 'bench/run.ts', what: 'HTTP routes against the bare ceiling and floor; cold start (issue 9)' },
  { name: 'dossiers', file: 'bench/dossiers.ts', what: 'one-stop dossiers at 1,000,000 (issue 3)', nodeArgs: ['--expose-gc'] },
  { name: 'indicators-dashboard', file: 'bench/indicators-dashboard.ts', what: 'indicator dashboards (issue 11)' },
  { name: 'devices', file: 'bench/devices.ts', what: 'device telemetry (MQTT)' },
  { name: 'heritage', file: 'bench/heritage.ts', what: 'heritage register' },
  { name: 'library', file: 'bench/library.ts', what: 'library OPAC, OAI-PMH harvest, MARCXML import (BENCH_RECORDS, default 1M)' },
  { name: 'library-iiif', file: 'bench/library-iiif.ts', what: 'library IIIF info.json and cached 512 px tile vs the bare route (issue 12)' },
  { name: 'titles', file: 'bench/titles.ts', what: 'cultural titles: statistics over 500,000 households × 10 years, 5,000 certificates to one PDF (issue 15)' },
  { name: 'naming', file: 'bench/naming.ts', what: 'street naming checks, street page, area GeoJSON (issue 16)' },
  { name: 'tourism', file: 'bench/tourism.ts', what: 'panorama tiling 16000×8000, destination page vs bare route, tour first-view bytes (issue 14)' },
  { name: 'signing', file: 'bench/signing.ts', what: 'signing and verifying a result PDF (issue 18)' },
  { name: 'payments', file: 'bench/payments.ts', what: 'bank statement of 10,000 lines reconciled against 1,000,000 dossiers (issue 18)' },
  { name: 'steering', file: 'bench/steering.ts', what: 'yearly CCHC/CĐS report DOCX+PDF on 100,000 dossiers (issue 17)' },
];

const list = (v: string | undefined) => new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const only = list(process.env.BENCH_ONLY);
const skip = list(process.env.BENCH_SKIP);

interface Outcome {
  scenario: Scenario;
  status: 'ran' | 'failed' | 'missing' | 'skipped';
  code?: number | null;
  seconds?: number;
  verdicts: string[];
}

/** A line that states a verdict, shortened to what the summary needs. */
function verdictOf(line: string): string | undefined {
  if (!/\b(NOT MET|MET)\b/.test(line)) return undefined;
  const cells = line.split('|').map((c) => c.trim()).filter(Boolean);
  if (cells.length >= 3) {
    // A table row: its first cell names the route, the cell with the verdict ends it.
    const verdict = cells.find((c) => /\b(NOT MET|MET)\b/.test(c))!;
    const target = cells.find((c) => c.startsWith('≥') || c.startsWith('≤'));
    return `${cells[0]}: ${verdict}${target ? ` (target ${target})` : ''}`;
  }
  return line.trim().length > 220 ? `${line.trim().slice(0, 217)}…` : line.trim();
}

function runScenario(s: Scenario): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(s.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, s.file)], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const verdicts: string[] = [];
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      process.stdout.write(d);
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) {
        const v = verdictOf(l);
        if (v) verdicts.push(v);
      }
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    // Ctrl-C reaches the child through the process group; it cleans up its own databases.
    child.on('exit', (code) => {
      const v = verdictOf(pending);
      if (v) verdicts.push(v);
      resolve({ scenario: s, status: code === 0 ? 'ran' : 'failed', code, seconds: (performance.now() - t0) / 1000, verdicts });
    });
  });
}

async function main() {
  const t0 = performance.now();
  process.stdout.write(`bench: ${SCENARIOS.length} scenarios, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const outcomes: Outcome[] = [];
  for (const s of SCENARIOS) {
    if ((only.size && !only.has(s.name)) || skip.has(s.name)) {
      outcomes.push({ scenario: s, status: 'skipped', verdicts: [] });
      continue;
    }
    if (!fs.existsSync(path.join(ROOT, s.file))) {
      process.stdout.write(`\n== ${s.name}: ${s.file} is not there; skipped\n`);
      outcomes.push({ scenario: s, status: 'missing', verdicts: [] });
      continue;
    }
    process.stdout.write(`\n== ${s.name}: ${s.what} (${s.file})\n`);
    outcomes.push(await runScenario(s));
  }

  const out = ['', '## Summary', '', '| scenario | status | time | MET | NOT MET |', '| --- | --- | ---: | ---: | ---: |'];
  for (const o of outcomes) {
    const met = o.verdicts.filter((v) => /\bMET\b/.test(v) && !/NOT MET/.test(v)).length;
    const notMet = o.verdicts.filter((v) => /NOT MET/.test(v)).length;
    const status = o.status === 'failed' ? `FAILED (exit ${o.code})` : o.status === 'missing' ? 'no file: skipped' : o.status;
    out.push(`| ${o.scenario.name} | ${status} | ${o.seconds === undefined ? '' : `${o.seconds.toFixed(0)} s`} | ${o.status === 'ran' || o.status === 'failed' ? met : ''} | ${o.status === 'ran' || o.status === 'failed' ? notMet : ''} |`);
  }
  out.push('');
  for (const o of outcomes) for (const v of o.verdicts) out.push(`- ${o.scenario.name}: ${v}`);
  out.push('', `total ${((performance.now() - t0) / 1000).toFixed(0)} s; load average after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
}

void main();
