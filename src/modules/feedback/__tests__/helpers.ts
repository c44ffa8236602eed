import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** A tiny valid PNG (1×1) and a text file pretending to be a photo. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const NOT_AN_IMAGE = Buffer.from('Đây không phải là ảnh, chỉ là văn bản.\n', 'utf8');

export interface FilePart {
  name: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data body the way a browser builds it. */
export function multipart(fields: Record<string, string>, files: FilePart[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----vhtest${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  for (const f of files) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`, 'utf8'),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** An anonymous visitor's CSRF token and cookie, from the page that holds the form. */
export async function anonymousCsrf(app: FastifyInstance, url: string, remoteAddress: string): Promise<{ csrf: string; cookie: string }> {
  const page = await app.inject({ url, remoteAddress });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { csrf, cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

export function mergeCookies(a: string, setCookies: { name: string; value: string }[]): string {
  const jar = new Map(
    a
      .split('; ')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]),
  );
  for (const c of setCookies) jar.set(c.name, c.value);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
