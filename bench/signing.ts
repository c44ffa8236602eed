/**
 * `node --import tsx bench/signing.ts` (issue 18, "Figures"): signing a 2-page result with the
 * demo certificate (render not included: the figure is what signing adds to issuing a result)
 * and verifying it, p50/p95 over ROUNDS runs after a warm-up. Needs no database; the demo CA is
 * made in a temporary directory and removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderResult } from '../src/modules/dossiers/dossiers.result.js';
import { SigningService } from '../src/core/signing/index.js';

const ROUNDS = Number(process.env.BENCH_SIGNING_ROUNDS ?? 200);
const TARGET = { signP95: 150, verifyP95: 100 };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bench-signing-'));
try {
  const signing = new SigningService({ signing: { p12Path: undefined, p12Password: '', tsaUrl: undefined }, dataDir: dir, production: false });
  const st = signing.status();
  if (!st.ready) throw new Error(st.reason);
  const now = new Date();
  // A long procedure name and many lines push the result onto a second page.
  const base = await renderResult({
    resultId: '00000000-0000-4000-8000-000000000001',
    agencyName: 'Sở Văn hóa, Thể thao và Du lịch',
    procedureName: 'Cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke '.repeat(45).trim(),
    resultType: 'Giấy phép',
    applicantName: 'Võ Thị Công Dân',
    code: 'SVHTTDL-261204-0001',
    decidedAt: now,
    approverName: 'Trần Văn Lãnh Đạo',
    issuedAt: now,
    verifyUrl: 'http://localhost/xac-thuc/00000000-0000-4000-8000-000000000001',
    stamp: { certificateName: st.identity.name, signedAt: now, demo: true },
  });
  const pages = (base.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const sign = () => signing.sign(base, { name: 'Tran Van Lanh Dao', reason: 'Phe duyet', location: 'Ha Noi', signingTime: new Date() });
  const signed = await sign();
  for (let i = 0; i < 20; i++) {
    await sign();
    signing.verify(signed);
  }
  const ts: number[] = [];
  const tv: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    await sign();
    ts.push(performance.now() - t);
    t = performance.now();
    const [v] = signing.verify(signed);
    tv.push(performance.now() - t);
    if (!v?.valid) throw new Error('verification failed');
  }
  const pct = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((a.length * p) / 100))]!;
  const f = (n: number) => n.toFixed(1);
  const out = {
    pages,
    bytes: signed.length,
    rounds: ROUNDS,
    signMs: { p50: f(pct(ts, 50)), p95: f(pct(ts, 95)), target: TARGET.signP95 },
    verifyMs: { p50: f(pct(tv, 50)), p95: f(pct(tv, 95)), target: TARGET.verifyP95 },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  // One line per goal of issue 18 (figures), as the other benches print them.
  const goals: [string, boolean, string][] = [
    [`signing a ${pages}-page result p95 ≤ ${TARGET.signP95} ms`, pct(ts, 95) <= TARGET.signP95, `p50 ${f(pct(ts, 50))} ms, p95 ${f(pct(ts, 95))} ms over ${ROUNDS} rounds`],
    [`verifying it p95 ≤ ${TARGET.verifyP95} ms`, pct(tv, 95) <= TARGET.verifyP95, `p50 ${f(pct(tv, 50))} ms, p95 ${f(pct(tv, 95))} ms over ${ROUNDS} rounds`],
  ];
  for (const [goal, met, detail] of goals) process.stdout.write(`${met ? 'MET' : 'NOT MET'}: ${goal} — ${detail}\n`);
  if (goals.some(([, met]) => !met)) process.exitCode = 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
