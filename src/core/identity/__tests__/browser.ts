import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';

type Jar = Map<string, string>;
function keep(jar: Jar, res: { cookies: { name: string; value: string }[] }) {
  for (const c of res.cookies) {
    if (c.value === '') jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}

/** A browser without JavaScript: one cookie jar, one address, form posts with the page's CSRF token. */
export class Browser {
  readonly jar: Jar = new Map();
  constructor(
    private readonly app: FastifyInstance,
    readonly ip: string,
  ) {}

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.cookie } });
    keep(this.jar, res);
    return res;
  }

  async post(url: string, fields: Record<string, string>) {
    const page = await this.get('/dang-nhap');
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!_csrf) throw new Error('no csrf token');
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf, ...fields }).toString(),
    });
    keep(this.jar, res);
    return res;
  }

  login(email: string, password = 'Demo@2026', next?: string) {
    return this.post(next === undefined ? '/dang-nhap' : `/dang-nhap?next=${encodeURIComponent(next)}`, { email, password });
  }
}

export function totpNow(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
