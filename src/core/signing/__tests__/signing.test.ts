import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { openA4 } from '../../pdf.js';
import type { Config } from '../../config.js';
import { announceSigning, SigningService } from '../signing.js';
import { verifyPdf } from '../pades.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-signing-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const service = (signing: Partial<{ p12Path: string; p12Password: string }> = {}, production = false) =>
  new SigningService({ signing: { p12Path: undefined, p12Password: '', tsaUrl: undefined, ...signing }, dataDir: dir, production });

async function twoPages() {
  const { doc, done } = openA4({ Title: 'Thử ký số' });
  doc.text('Kết quả giải quyết thủ tục hành chính — trang một.');
  doc.addPage();
  doc.text('Trang hai: Nơi nhận, người ký.');
  doc.end();
  return done;
}

const write = (name: string, data: Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
};
const pdfsig = (file: string) => spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;

/** A PKCS#12 made with node-forge: `days` from now (negative = already expired). */
function makeP12(password: string, days: number) {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 400 * 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  const name = [{ shortName: 'CN', value: 'Test agency' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  return write(`p12-${days}.p12`, Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'));
}

describe('core/signing', () => {
  it('signs with the demo CA: pdfsig says valid and whole, qpdf --check passes, one byte breaks it', async () => {
    const s = service();
    const st = s.status();
    expect(st.ready).toBe(true);
    if (!st.ready) return;
    expect(st.identity.name).toContain('DEMO — không có giá trị pháp lý');
    expect(fs.statSync(path.join(dir, 'signing', 'demo-agency.key.pem')).mode & 0o777).toBe(0o600);

    const signed = await s.sign(await twoPages(), { name: 'Trần Văn Lãnh Đạo', reason: 'Phê duyệt', location: 'Hà Nội', signingTime: new Date() });
    const file = write('signed.pdf', signed);
    const out = pdfsig(file);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('Cơ quan thử nghiệm Văn Hiến');
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);

    const [sig] = s.verify(signed);
    expect(sig).toMatchObject({ valid: true, coversWholeDocument: true, trusted: true, certificateValidAtSigning: true });
    expect(sig!.signerName).toBe(st.identity.name);

    // One byte inside the signed range (page content) changes: pdfsig and our check both refuse.
    const bad = Buffer.from(signed);
    const at = bad.indexOf('stream') + 20;
    bad[at] = bad[at]! ^ 0x01;
    expect(pdfsig(write('bad.pdf', bad))).not.toContain('Signature is Valid.');
    expect(s.verify(bad)[0]!.valid).toBe(false);

    // Content appended after signing: the signature still verifies, but not the whole document.
    const appended = Buffer.concat([signed, Buffer.from('\n% later\n')]);
    expect(s.verify(appended)[0]).toMatchObject({ valid: true, coversWholeDocument: false });
    expect(verifyPdf(await twoPages())).toEqual([]);

    // The demo certificate survives a restart: same files, same certificate.
    expect(service().status()).toMatchObject({ ready: true, identity: { serial: st.identity.serial } });
  });

  it('refuses to sign with a wrong P12 password or an expired certificate, and without a certificate in production', async () => {
    const good = makeP12('đúng-mật-khẩu', 365);
    expect(service({ p12Path: good, p12Password: 'đúng-mật-khẩu' }).status()).toMatchObject({ ready: true, identity: { name: 'Test agency', demo: false } });

    const wrong = service({ p12Path: good, p12Password: 'sai' });
    expect(wrong.status()).toMatchObject({ ready: false, reason: expect.stringContaining('Mật khẩu tệp chứng thư số') });
    // At start the server says so once and carries on: the rest of the platform runs.
    const said: string[] = [];
    const config = { signing: { p12Path: good, p12Password: 'sai', tsaUrl: undefined }, dataDir: dir, production: true } as unknown as Config;
    expect(() => announceSigning(config, (m) => said.push(m))).not.toThrow();
    expect(said).toEqual([expect.stringMatching(/^Ký số TẮT: Mật khẩu tệp chứng thư số.*Các chức năng khác vẫn chạy/)]);
    await expect(wrong.sign(await twoPages(), { name: 'x', reason: 'x', location: 'x', signingTime: new Date() })).rejects.toMatchObject({ code: 'SIGN-503' });

    const expired = service({ p12Path: makeP12('p', -1), p12Password: 'p' });
    expect(expired.status()).toMatchObject({ ready: false, reason: expect.stringContaining('đã hết hạn') });
    expect(() => expired.signer()).toThrow(/Signing is unavailable/);

    expect(service({}, true).status()).toMatchObject({ ready: false, reason: expect.stringContaining('SIGNING_P12_PATH') });
  });

  it('vanhien verify reports the signature on the command line', async () => {
    const s = service();
    const file = write('cli.pdf', await s.sign(await twoPages(), { name: 'A', reason: 'B', location: 'C', signingTime: new Date() }));
    const main = path.resolve('src/main.ts');
    const env = { ...process.env, VANHIEN_DATA_DIR: dir, NODE_ENV: 'test', DATABASE_URL: 'postgres://unused/none' };
    const ok = execFileSync(process.execPath, ['--import', 'tsx', main, 'verify', file], { env, encoding: 'utf8' });
    expect(ok).toContain('HỢP LỆ, văn bản không bị thay đổi sau khi ký');
    // The failing case is covered by verifyPdf above; one process start is enough here (≈ 4 s).
  });
});
