import * as client from 'openid-client';
import type { Config } from '../config.js';

/** Citizen login through OpenID Connect, shaped for VNeID / the national SSO: authorization code
 * with PKCE, state and nonce, verified ID token. */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly config: Config) {}

  get enabled(): boolean {
    return Boolean(this.config.oidc.issuer && this.config.oidc.clientId);
  }

  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(new URL(this.config.oidc.issuer!), this.config.oidc.clientId!, this.config.oidc.clientSecret, undefined, {
        // Loopback test providers speak plain HTTP; production issuers must be HTTPS.
        execute: this.config.oidc.issuer!.startsWith('http://') ? [client.allowInsecureRequests] : [],
      })
      .catch((err) => {
        this.configuration = undefined;
        throw err;
      });
    return this.configuration;
  }

  redirectUri(): string {
    return `${this.config.publicUrl}/dang-nhap/oidc/callback`;
  }

  async start(): Promise<{ url: string; verifier: string; state: string; nonce: string }> {
    const cfg = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(cfg, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, verifier, state, nonce };
  }

  async finish(currentUrl: URL, saved: { verifier: string; state: string; nonce: string }) {
    const cfg = await this.discover();
    const tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
      pkceCodeVerifier: saved.verifier,
      expectedState: saved.state,
      expectedNonce: saved.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let email = typeof claims.email === 'string' ? claims.email : undefined;
    let name = typeof claims.name === 'string' ? claims.name : undefined;
    if ((!email || !name) && tokens.access_token) {
      const info = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub).catch(() => undefined);
      email ??= typeof info?.email === 'string' ? info.email : undefined;
      name ??= typeof info?.name === 'string' ? info.name : undefined;
    }
    return { issuer: String(claims.iss), subject: claims.sub, email, name };
  }
}
