import crypto from 'node:crypto';
import forge from 'node-forge';

/**
 * CMS SignedData (RFC 5652) for PAdES baseline B-B / B-T (ETSI EN 319 142-1): detached, SHA-256,
 * signed attributes contentType + messageDigest + signing-certificate-v2 (ESS, RFC 5035) and no
 * signing-time attribute (the PDF's /M carries it; EN 319 142-1 §5.4.2 forbids both). Built by
 * hand on node-forge's ASN.1 so the private key is only ever used through `Signer.signRaw`,
 * which a remote HSM can implement (ADR 015).
 */
const { asn1 } = forge;
const T = asn1.Type;
const C = asn1.Class;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
} as const;

const DIGEST_BY_OID: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

const bin = (b: Buffer) => b.toString('binary');
const buf = (s: string) => Buffer.from(s, 'binary');
const oid = (o: string) => asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (v: forge.asn1.Asn1[]) => asn1.create(C.UNIVERSAL, T.SEQUENCE, true, v);
const set = (v: forge.asn1.Asn1[]) => asn1.create(C.UNIVERSAL, T.SET, true, v);
const octets = (b: Buffer) => asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, bin(b));
const int = (n: number) => asn1.create(C.UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const algId = (o: string, nullParams = true) => seq(nullParams ? [oid(o), asn1.create(C.UNIVERSAL, T.NULL, false, '')] : [oid(o)]);
const der = (a: forge.asn1.Asn1) => buf(asn1.toDer(a).getBytes());
const fromDer = (b: Buffer) => asn1.fromDer(forge.util.createBuffer(bin(b)), { parseAllBytes: false } as never);
const attr = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);

/** What a signer offers: its certificate chain (signer first, DER) and a raw RSA-SHA256 signature. */
export interface RawSigner {
  certificates: Buffer[];
  signRaw(data: Buffer): Promise<Buffer>;
}

/** The TBSCertificate's issuer Name and serial number, as DER nodes. */
function issuerAndSerial(certDer: Buffer) {
  const tbs = (fromDer(certDer).value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
  const hasVersion = tbs[0]!.tagClass === C.CONTEXT_SPECIFIC;
  const serial = tbs[hasVersion ? 1 : 0]!;
  const issuer = tbs[hasVersion ? 3 : 2]!;
  return { serial, issuer };
}

export interface CmsOptions {
  /** RFC 3161 timestamp authority; the token covers the signature value (PAdES B-T). */
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>;
}

/** Detached CMS SignedData over `content` (the PDF bytes of the /ByteRange). */
export async function buildSignedData(content: Buffer, signer: RawSigner, opts: CmsOptions = {}): Promise<Buffer> {
  const certDer = signer.certificates[0]!;
  const { serial, issuer } = issuerAndSerial(certDer);
  const digest = crypto.createHash('sha256').update(content).digest();
  const certHash = crypto.createHash('sha256').update(certDer).digest();
  const signedAttrs = [
    attr(OID.contentType, oid(OID.data)),
    attr(OID.messageDigest, octets(digest)),
    // ESSCertIDv2 with the default hash (SHA-256) omitted; issuerSerial is optional.
    attr(OID.signingCertificateV2, seq([seq([seq([octets(certHash)])])])),
  ];
  const signature = await signer.signRaw(der(set(signedAttrs)));
  const signerInfo: forge.asn1.Asn1[] = [
    int(1),
    seq([issuer, serial]),
    algId(OID.sha256, false),
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, signedAttrs),
    algId(OID.sha256WithRSA),
    octets(signature),
  ];
  if (opts.timestamp) {
    const token = await opts.timestamp(signature);
    signerInfo.push(asn1.create(C.CONTEXT_SPECIFIC, 1, true, [attr(OID.timeStampToken, fromDer(token))]));
  }
  const signedData = seq([
    int(1),
    set([algId(OID.sha256, false)]),
    seq([oid(OID.data)]),
    asn1.create(
      C.CONTEXT_SPECIFIC,
      0,
      true,
      signer.certificates.map((c) => fromDer(c)),
    ),
    set([seq(signerInfo)]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(C.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** RFC 3161 TimeStampReq for SHA-256 of `data`, asking for the TSA's certificate. */
export function timestampRequest(data: Buffer): Buffer {
  const imprint = seq([algId(OID.sha256), octets(crypto.createHash('sha256').update(data).digest())]);
  const nonce = asn1.create(C.UNIVERSAL, T.INTEGER, false, bin(Buffer.concat([Buffer.from([0x01]), crypto.randomBytes(8)])));
  return der(seq([int(1), imprint, nonce, asn1.create(C.UNIVERSAL, T.BOOLEAN, false, '\xff')]));
}

/** The TimeStampToken (a ContentInfo) out of a TimeStampResp; throws unless status is granted (0/1). */
export function timestampToken(resp: Buffer): Buffer {
  const top = fromDer(resp).value as forge.asn1.Asn1[];
  const status = asn1.derToInteger(((top[0]!.value as forge.asn1.Asn1[])[0]!.value as string) ?? '');
  if ((status !== 0 && status !== 1) || !top[1]) throw new Error(`TSA trả về trạng thái ${status}`);
  return der(top[1]);
}

// Verification ---------------------------------------------------------------------------------

export interface CmsCheck {
  /** the signature over the signed attributes verifies with the signer's public key */
  signatureValid: boolean;
  /** the messageDigest attribute equals the digest of the signed bytes */
  digestMatches: boolean;
  signer?: crypto.X509Certificate;
  chain: crypto.X509Certificate[];
  signingTimeAttr?: Date;
  /** genTime of an RFC 3161 token in the unsigned attributes */
  timestamp?: Date;
  error?: string;
}

const children = (a: forge.asn1.Asn1) => (Array.isArray(a.value) ? (a.value as forge.asn1.Asn1[]) : []);

function parseTime(a: forge.asn1.Asn1): Date {
  return a.type === T.UTCTIME ? asn1.utcTimeToDate(a.value as string) : asn1.generalizedTimeToDate(a.value as string);
}

/** Checks a detached CMS SignedData against the bytes it claims to sign. Never throws. */
export function checkSignedData(cms: Buffer, content: Buffer): CmsCheck {
  const out: CmsCheck = { signatureValid: false, digestMatches: false, chain: [] };
  try {
    const ci = children(fromDer(cms));
    if (asn1.derToOid(ci[0]!.value as string) !== OID.signedData) throw new Error('not SignedData');
    const sd = children(children(ci[1]!)[0]!);
    const certNode = sd.find((n) => n.tagClass === C.CONTEXT_SPECIFIC && n.type === 0);
    out.chain = certNode ? children(certNode).map((c) => new crypto.X509Certificate(der(c))) : [];
    const si = children(children(sd[sd.length - 1]!)[0]!);
    const sid = children(si[1]!);
    const serialHex = Buffer.from(sid[1]!.value as string, 'binary').toString('hex').replace(/^0+/, '').toUpperCase();
    out.signer = out.chain.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serialHex) ?? out.chain[0];
    const digestName = DIGEST_BY_OID[asn1.derToOid(children(si[2]!)[0]!.value as string)];
    if (!digestName) throw new Error('unsupported digest');
    const attrsNode = si[3]!;
    if (attrsNode.tagClass !== C.CONTEXT_SPECIFIC || attrsNode.type !== 0) throw new Error('no signed attributes');
    let md: Buffer | undefined;
    for (const a of children(attrsNode)) {
      const [t, vals] = children(a);
      const type = asn1.derToOid(t!.value as string);
      const v = children(vals!)[0]!;
      if (type === OID.messageDigest) md = buf(v.value as string);
      if (type === OID.signingTime) out.signingTimeAttr = parseTime(v);
    }
    out.digestMatches = !!md && crypto.createHash(digestName).update(content).digest().equals(md);
    const signature = buf(si[5]!.value as string);
    if (out.signer) out.signatureValid = crypto.verify(digestName, der(set(children(attrsNode))), out.signer.publicKey, signature);
    const unsigned = si[6];
    if (unsigned) {
      for (const a of children(unsigned)) {
        const [t, vals] = children(a);
        if (asn1.derToOid(t!.value as string) !== OID.timeStampToken) continue;
        out.timestamp = tstGenTime(children(vals!)[0]!);
      }
    }
  } catch (e) {
    out.error = (e as Error).message;
  }
  return out;
}

/** genTime of a TimeStampToken (its eContent is a DER TSTInfo). */
function tstGenTime(token: forge.asn1.Asn1): Date | undefined {
  const sd = children(children(children(token)[1]!)[0]!);
  const encap = children(sd[2]!);
  const content = children(encap[1]!)[0]!;
  const info = children(fromDer(buf(content.value as string)));
  const t = info.find((n) => n.type === T.GENERALIZEDTIME);
  return t ? parseTime(t) : undefined;
}
