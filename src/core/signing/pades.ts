import crypto from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf, Signer as SignPdfSigner } from '@signpdf/signpdf';
import { buildSignedData, checkSignedData, type CmsOptions, type RawSigner } from './cms.js';

/** ETSI.CAdES.detached: the PAdES sub-filter (EN 319 142-1), not the legacy adbe.pkcs7.detached. */
const SUBFILTER = 'ETSI.CAdES.detached';

class Adapter extends SignPdfSigner {
  constructor(
    private readonly raw: RawSigner,
    private readonly opts: CmsOptions,
  ) {
    super();
  }
  override async sign(content: Buffer) {
    return buildSignedData(content, this.raw, this.opts);
  }
}

export interface PadesInput {
  /** who signs, in the signature dictionary's /Name */
  name: string;
  reason: string;
  location: string;
  /** /M of the signature dictionary; the TSA's time is added when one is configured */
  signingTime: Date;
}

/** placeholder-plain writes non-ASCII text strings as UTF-8 of UTF-16 (an unparseable
 * dictionary, qpdf warns): the dictionary gets the unaccented form, while the certificate and the
 * visible block on the page carry the Vietnamese text. */
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[()\\]/g, ' ');

/** Adds a signature field (incremental update, pdfkit's classic xref) and fills it. */
export async function signPdf(pdf: Buffer, signer: RawSigner, input: PadesInput, opts: CmsOptions = {}): Promise<Buffer> {
  const withField = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: ascii(input.reason),
    contactInfo: '',
    name: ascii(input.name),
    location: ascii(input.location),
    signingTime: input.signingTime,
    // 2 certificates + signature ≈ 2.5 kB; a timestamp token adds the TSA's chain (≈ 6 kB).
    signatureLength: opts.timestamp ? 16_384 : 8_192,
    subFilter: SUBFILTER,
    appName: 'VanHien',
  });
  return new SignPdf().sign(exactStartXref(withField), new Adapter(signer, opts));
}

/** placeholder-plain's startxref points at the blank line before `xref`; qpdf --check warns
 * about it, so the offset is moved onto the keyword (before signing: the tail is signed). */
function exactStartXref(pdf: Buffer): Buffer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 64)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return pdf;
  let at = Number(m[1]);
  while (at < pdf.length && (pdf[at] === 0x0a || pdf[at] === 0x0d || pdf[at] === 0x20)) at++;
  if (at === Number(m[1]) || pdf.subarray(at, at + 4).toString('latin1') !== 'xref') return pdf;
  const start = pdf.length - tail.length + m.index;
  return Buffer.concat([pdf.subarray(0, start), Buffer.from(`startxref\n${at}\n%%EOF`, 'latin1')]);
}

export interface PdfSignature {
  /** the CMS signature verifies and its digest matches the signed bytes */
  valid: boolean;
  /** the signed byte range reaches the end of the file: nothing was added or changed after signing */
  coversWholeDocument: boolean;
  signerName: string;
  organisation?: string;
  issuer: string;
  signedAt?: Date;
  /** from an RFC 3161 token: the trusted time */
  timestampedAt?: Date;
  /** the signer certificate was valid at the signing time */
  certificateValidAtSigning: boolean;
  /** the chain ends at one of the given trust anchors */
  trusted: boolean;
  certificateSha256?: string;
  problem?: string;
}

function pdfDate(s: string | undefined): Date | undefined {
  const m = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?/.exec(s ?? '');
  if (!m) return undefined;
  const tz = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${tz}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A PDF literal string with its escapes undone; non-ASCII names are UTF-16BE with a BOM. */
function pdfString(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const bytes = Buffer.from(raw.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(Number.parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e)), 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

function chainTrusted(chain: crypto.X509Certificate[], signer: crypto.X509Certificate, anchors: crypto.X509Certificate[]): boolean {
  let cur = signer;
  for (let depth = 0; depth < 6; depth++) {
    if (anchors.some((a) => a.raw.equals(cur.raw))) return true;
    const anchor = anchors.find((a) => cur.checkIssued(a) && cur.verify(a.publicKey));
    if (anchor) return true;
    const next = chain.find((c) => c !== cur && !c.raw.equals(cur.raw) && cur.checkIssued(c) && cur.verify(c.publicKey));
    if (!next) return false;
    cur = next;
  }
  return false;
}

function commonName(dn: string | undefined): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(dn ?? '')?.[1] ?? '';
}

/**
 * Every signature in a PDF, checked on its own bytes: the /ByteRange's digest against the CMS,
 * the CMS signature against the certificate, and whether the range covers the whole file.
 * `anchors` are the CA certificates this server trusts (its own, in demo mode the demo CA).
 */
export function verifyPdf(pdf: Buffer, anchors: Buffer[] = []): PdfSignature[] {
  const trust = anchors.map((a) => new crypto.X509Certificate(a));
  const text = pdf.toString('latin1');
  const out: PdfSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const base: PdfSignature = { valid: false, coversWholeDocument: false, signerName: '', issuer: '', certificateValidAtSigning: false, trusted: false };
    if (a !== 0 || b <= 0 || c < b || c + d > pdf.length || text[b] !== '<' || text[c - 1] !== '>') {
      out.push({ ...base, problem: 'byte-range' });
      continue;
    }
    const objStart = text.lastIndexOf(' obj', m.index);
    const objEnd = text.indexOf('endobj', c);
    const dict = text.slice(objStart, m.index) + text.slice(c, objEnd < 0 ? c : objEnd);
    const cms = Buffer.from(text.slice(b + 1, c - 1).replace(/(00)+$/, ''), 'hex');
    const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    const check = checkSignedData(cms, signed);
    const signedAt = check.timestamp ?? pdfDate(/\/M\s*\(([^)]*)\)/.exec(dict)?.[1]) ?? check.signingTimeAttr;
    const cert = check.signer;
    const signerName = cert ? commonName(cert.subject) : pdfString(/\/Name\s*\(((?:\\.|[^\\)])*)\)/.exec(dict)?.[1]) ?? '';
    out.push({
      valid: check.signatureValid && check.digestMatches,
      coversWholeDocument: c + d === pdf.length,
      signerName: decodeDn(signerName),
      organisation: cert ? decodeDn(/(?:^|\n)O=([^\n]*)/.exec(cert.subject)?.[1] ?? '') || undefined : undefined,
      issuer: decodeDn(commonName(cert?.issuer)),
      signedAt,
      timestampedAt: check.timestamp,
      certificateValidAtSigning: !!cert && !!signedAt && signedAt >= new Date(cert.validFrom) && signedAt <= new Date(cert.validTo),
      trusted: !!cert && chainTrusted(check.chain, cert, trust),
      certificateSha256: cert ? crypto.createHash('sha256').update(cert.raw).digest('hex') : undefined,
      problem: check.error,
    });
  }
  return out;
}

/** Node prints non-ASCII characters of a distinguished name as \\xHH escapes of UTF-8 bytes. */
function decodeDn(s: string): string {
  if (!/\\x[0-9A-Fa-f]{2}/.test(s)) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const m = /^\\x([0-9A-Fa-f]{2})/.exec(s.slice(i, i + 4));
    if (m) {
      bytes.push(Number.parseInt(m[1]!, 16));
      i += 3;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
