import crypto from 'node:crypto';
import util from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import type { RawSigner } from './cms.js';

/** Who signs, as printed in the visible signature block and on /xac-thuc. */
export interface SignerIdentity {
  /** the certificate subject's common name */
  name: string;
  organisation?: string;
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  demo: boolean;
}

/**
 * The adapter every signing backend implements (ADR 015): the local PKCS#12 file below, or a
 * remote HSM / the government CA's remote-signing API, which would send the 32-byte-hash input
 * out and get the signature back. The private key never leaves the implementation.
 */
export interface Signer extends RawSigner {
  readonly identity: SignerIdentity;
  /** the certificates a verifier of this server trusts as the top of the chain (DER) */
  readonly trustAnchors: Buffer[];
}

export class SigningUnavailableError extends Error {}

const utf8Field = (shortName: string, value: string) => ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 as never });
const decode = (v: unknown) => {
  const s = String(v ?? '');
  try {
    return forge.util.decodeUtf8(s);
  } catch {
    return s;
  }
};

export function identityOf(cert: crypto.X509Certificate, demo: boolean): SignerIdentity {
  const f = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(cert.raw.toString('binary'))));
  return {
    name: decode(f.subject.getField('CN')?.value),
    organisation: f.subject.getField('O') ? decode(f.subject.getField('O').value) : undefined,
    issuer: decode(f.issuer.getField('CN')?.value),
    serial: cert.serialNumber,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    demo,
  };
}

/** Refuses a certificate that is not yet or no longer valid: a document signed with it would be
 * rejected by every verifier (Law on Electronic Transactions 20/2023/QH15, art. 23). */
export function assertUsable(id: SignerIdentity, now = new Date()) {
  if (now > id.notAfter) throw new SigningUnavailableError(`Chứng thư số "${id.name}" đã hết hạn ngày ${id.notAfter.toISOString().slice(0, 10)}.`);
  if (now < id.notBefore) throw new SigningUnavailableError(`Chứng thư số "${id.name}" chưa đến ngày có hiệu lực (${id.notBefore.toISOString().slice(0, 10)}).`);
}

class LocalSigner implements Signer {
  readonly identity: SignerIdentity;
  constructor(
    private readonly key: crypto.KeyObject,
    readonly certificates: Buffer[],
    readonly trustAnchors: Buffer[],
    demo: boolean,
  ) {
    this.identity = identityOf(new crypto.X509Certificate(certificates[0]!), demo);
  }
  async signRaw(data: Buffer) {
    return crypto.sign('sha256', data, this.key);
  }
}

/** The agency's PKCS#12 file (SIGNING_P12_PATH / SIGNING_P12_PASSWORD). */
export function loadP12(file: string, password: string, now = new Date()): Signer {
  let der: Buffer;
  try {
    der = fs.readFileSync(file);
  } catch (e) {
    throw new SigningUnavailableError(`Không đọc được tệp chứng thư số ${file}: ${(e as Error).message}`);
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))), false, password);
  } catch {
    throw new SigningUnavailableError(`Mật khẩu tệp chứng thư số (SIGNING_P12_PASSWORD) sai hoặc tệp ${path.basename(file)} hỏng.`);
  }
  const keyBag = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ][0];
  if (!keyBag?.key) throw new SigningUnavailableError(`Tệp ${path.basename(file)} không chứa khóa bí mật.`);
  const key = crypto.createPrivateKey(forge.pki.privateKeyToPem(keyBag.key as forge.pki.rsa.PrivateKey));
  const pub = crypto.createPublicKey(key).export({ type: 'spki', format: 'der' });
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .filter((b) => b.cert)
    .map((b) => new crypto.X509Certificate(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary')));
  const own = certs.find((c) => c.publicKey.export({ type: 'spki', format: 'der' }).equals(pub));
  if (!own) throw new SigningUnavailableError(`Tệp ${path.basename(file)} không có chứng thư khớp với khóa bí mật.`);
  const rest = certs.filter((c) => c !== own);
  const anchors = rest.filter((c) => c.checkIssued(c));
  const signer = new LocalSigner(
    key,
    [own.raw, ...rest.map((c) => c.raw)],
    anchors.map((c) => c.raw),
    false,
  );
  assertUsable(signer.identity, now);
  return signer;
}

export const DEMO_MARK = 'DEMO — không có giá trị pháp lý';

function forgeKeys() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return asForge(privateKey, publicKey);
}

function asForge(privateKey: crypto.KeyObject, publicKey: crypto.KeyObject) {
  return {
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    priv: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string),
    pub: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string),
  };
}

function makeCert(o: {
  subject: ReturnType<typeof utf8Field>[];
  issuer: ReturnType<typeof utf8Field>[];
  pub: forge.pki.PublicKey;
  signKey: forge.pki.rsa.PrivateKey;
  ca: boolean;
  years: number;
  now: Date;
}) {
  const c = forge.pki.createCertificate();
  c.publicKey = o.pub;
  c.serialNumber = `01${crypto.randomBytes(15).toString('hex')}`;
  c.validity.notBefore = new Date(o.now.getTime() - 86_400_000);
  c.validity.notAfter = new Date(o.now.getTime() + o.years * 365 * 86_400_000);
  c.setSubject(o.subject);
  c.setIssuer(o.issuer);
  c.setExtensions(
    o.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ],
  );
  c.sign(o.signKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
}

type KeyPair = ReturnType<typeof forgeKeys>;

function demoFiles(dataDir: string) {
  const dir = path.join(dataDir, 'signing');
  return { dir, key: path.join(dir, 'demo-agency.key.pem'), cert: path.join(dir, 'demo-agency.crt'), ca: path.join(dir, 'demo-ca.crt') };
}

const demoMissing = (f: ReturnType<typeof demoFiles>) => !fs.existsSync(f.key) || !fs.existsSync(f.cert) || !fs.existsSync(f.ca);

/** Writes the demo CA and agency certificate: synchronous from the check to the last file, so
 * two callers in one process never leave a key beside another key's certificate. */
function writeDemo(f: ReturnType<typeof demoFiles>, ca: KeyPair, agency: KeyPair, now: Date) {
  if (!demoMissing(f)) return;
  fs.mkdirSync(f.dir, { recursive: true, mode: 0o700 });
  const caName = [utf8Field('CN', `Văn Hiến Demo CA (${DEMO_MARK})`), utf8Field('O', 'Văn Hiến'), { shortName: 'C', value: 'VN' } as never];
  const caDer = makeCert({ subject: caName, issuer: caName, pub: ca.pub, signKey: ca.priv, ca: true, years: 10, now });
  const agencyDer = makeCert({
    subject: [utf8Field('CN', `Cơ quan thử nghiệm Văn Hiến (${DEMO_MARK})`), utf8Field('O', 'Văn Hiến'), { shortName: 'C', value: 'VN' } as never],
    issuer: caName,
    pub: agency.pub,
    signKey: ca.priv,
    ca: false,
    years: 3,
    now,
  });
  const pem = (d: Buffer) => `-----BEGIN CERTIFICATE-----\n${d.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  fs.writeFileSync(f.key, agency.pem, { mode: 0o600 });
  fs.writeFileSync(f.cert, pem(agencyDer));
  fs.writeFileSync(f.ca, pem(caDer));
}

/**
 * The demo keys made on the thread pool, for a start that must not block: two RSA key pairs took
 * 0.3–1.6 s of the event loop at the first start (issue 9: cold start ≤ 8 s). Called after the
 * server listens; a document signed before it finishes makes the keys itself, and then these are
 * dropped (writeDemo checks again).
 */
export async function prepareDemoKeys(dataDir: string, now = new Date()): Promise<void> {
  const f = demoFiles(dataDir);
  if (!demoMissing(f)) return;
  const gen = util.promisify(crypto.generateKeyPair);
  const pair = async (): Promise<KeyPair> => {
    const { privateKey, publicKey } = await gen('rsa', { modulusLength: 2048 });
    return asForge(privateKey, publicKey);
  };
  const [ca, agency] = await Promise.all([pair(), pair()]);
  writeDemo(f, ca, agency, now);
}

/**
 * Outside production without a configured P12: a demo CA and an agency certificate made once and
 * kept in the data directory (key 0600), so results signed before a restart still verify.
 * Both subjects say they have no legal value.
 */
export function loadOrCreateDemo(dataDir: string, now = new Date()): Signer {
  const files = demoFiles(dataDir);
  if (demoMissing(files)) writeDemo(files, forgeKeys(), forgeKeys(), now);
  const key = crypto.createPrivateKey(fs.readFileSync(files.key));
  const cert = new crypto.X509Certificate(fs.readFileSync(files.cert));
  const ca = new crypto.X509Certificate(fs.readFileSync(files.ca));
  const signer = new LocalSigner(key, [cert.raw, ca.raw], [ca.raw], true);
  assertUsable(signer.identity, now);
  return signer;
}
