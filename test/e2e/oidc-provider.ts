import http from 'node:http';
import crypto from 'node:crypto';
import { freePort } from '../helpers/net.js';

export { freePort };

/**
 * A real OpenID Provider (panva/oidc-provider) on loopback, standing in for VNeID in browser
 * tests. Its built-in development interactions (login form that accepts any login name, then a
 * consent page with a "Continue" button) are acceptable here: it is a test double, never served.
 */

export const OIDC_CLIENT_ID = 'vanhien-test';
export const OIDC_CLIENT_SECRET = 'vanhien-test-secret-0123456789abcdef';
export const DEMO_CITIZEN = { sub: 'VNEID-001099012345', email: 'nguyen.van.a@vneid.test', name: 'Nguyễn Văn A' } as const;

// oidc-provider ships no type declarations; only the few members used here are typed.
interface OidcProviderInstance {
  proxy: boolean;
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type OidcProviderCtor = new (issuer: string, configuration: Record<string, unknown>) => OidcProviderInstance;

export async function startOidcProvider(opts: { appUrl: string; port?: number }): Promise<{ issuer: string; close(): Promise<void> }> {
  const port = opts.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const mod = (await import('oidc-provider' as string)) as { default: OidcProviderCtor };
  const Provider = mod.default;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [`${opts.appUrl}/dang-nhap/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    // The demo citizen. The dev login page accepts any login name and makes it the account id;
    // oidc-provider insists that the account id matches the session's, so sub follows what was
    // typed — type DEMO_CITIZEN.sub to be "Nguyễn Văn A" as VNeID would present them.
    async findAccount(_ctx: unknown, id: string) {
      return {
        accountId: id,
        async claims() {
          return { ...DEMO_CITIZEN, sub: id };
        },
      };
    },
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    // Explicit lifetimes (seconds) also keep the provider's "default ttl" notices out of the test output.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  });
  provider.proxy = false;
  // Errors are already answered to the browser; keep them out of the test output unless asked.
  if (process.env.DEBUG_OIDC) provider.on('server_error', (...args) => console.error('oidc-provider:', ...args));

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
