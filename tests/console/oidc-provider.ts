/**
 * A small OpenID Connect provider on loopback, for the console's code flow with PKCE: discovery, an
 * authorization page where a person types their user name, a token endpoint that checks the PKCE verifier
 * against the challenge, and the JWKS the API verifies access tokens with (RS256). Real HTTP, real signatures;
 * only the provider's own user database is reduced to "who you say you are".
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestProvider {
  issuer: string;
  jwksUrl: string;
  /** Token requests whose PKCE verifier matched (a flow without PKCE would leave this at 0). */
  pkceExchanges: number;
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  sub: string;
}

const base64url = (b: Buffer) => b.toString('base64url');

export async function startTestProvider(opts: { audience: string }): Promise<TestProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const app = express();
  const provider = { pkceExchanges: 0 } as TestProvider;
  // The console calls discovery and the token endpoint from its own origin.
  app.use((_req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    next();
  });
  app.options(/.*/, (_req, res) => void res.sendStatus(204));
  app.use(express.urlencoded({ extended: false }));

  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer: provider.issuer,
      authorization_endpoint: `${provider.issuer}/authorize`,
      token_endpoint: `${provider.issuer}/token`,
      jwks_uri: provider.jwksUrl,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    });
  });
  app.get('/jwks', (_req, res) => void res.json({ keys: [jwk] }));

  app.get('/authorize', (req, res) => {
    const q = req.query as Record<string, string>;
    if (q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge) {
      res.status(400).send('PKCE (S256) and response_type=code are required');
      return;
    }
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'nonce']
      .filter((k) => q[k] !== undefined)
      .map((k) => `<input type="hidden" name="${k}" value="${String(q[k]).replace(/"/g, '&quot;')}">`)
      .join('');
    res.type('html').send(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>Nhà cung cấp đăng nhập</title>
<form method="post" action="/authorize">${hidden}<label>Tên đăng nhập <input name="username"></label><button type="submit">Đăng nhập</button></form></html>`);
  });
  app.post('/authorize', (req, res) => {
    const b = req.body as Record<string, string>;
    const code = base64url(randomBytes(16));
    codes.set(code, { clientId: b.client_id!, redirectUri: b.redirect_uri!, challenge: b.code_challenge!, sub: b.username!, ...(b.nonce ? { nonce: b.nonce } : {}) });
    const back = new URL(b.redirect_uri!);
    back.searchParams.set('code', code);
    if (b.state) back.searchParams.set('state', b.state);
    res.redirect(302, back.toString());
  });

  app.post('/token', async (req, res) => {
    const b = req.body as Record<string, string>;
    const pending = b.code ? codes.get(b.code) : undefined;
    if (b.code) codes.delete(b.code);
    const verified = pending && b.code_verifier && base64url(createHash('sha256').update(b.code_verifier).digest()) === pending.challenge;
    if (!pending || b.grant_type !== 'authorization_code' || b.redirect_uri !== pending.redirectUri || b.client_id !== pending.clientId || !verified) {
      res.status(400).json({ error: 'invalid_grant' });
      return;
    }
    provider.pkceExchanges += 1;
    const sign = (claims: Record<string, unknown>, audience: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(provider.issuer).setAudience(audience).setSubject(pending.sub).setIssuedAt().setExpirationTime('1h').sign(privateKey);
    res.json({
      access_token: await sign({}, opts.audience),
      id_token: await sign(pending.nonce ? { nonce: pending.nonce } : {}, pending.clientId),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid profile',
    });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.jwksUrl = `${provider.issuer}/jwks`;
  provider.close = () => new Promise((r) => server.close(() => r()));
  return provider;
}
