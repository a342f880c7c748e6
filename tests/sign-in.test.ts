/**
 * Sign-in that fails closed: the local key file, token lifetimes and clock tolerance, and the JWKS mode with a
 * real provider's key set served on loopback. Through HTTP on the sign-in middleware of the API.
 */
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import request from 'supertest';
import { authenticate, checkJwksUrl, localSigningKey, MIN_KEY_BYTES, SignInConfigError } from '../api/auth';
import { problemHandler } from '../api/problem';
import { directory } from './support/temporal';

const ISSUER = 'https://idp.example.vn';
const AUDIENCE = 'bac-son-plan-api';
const USER = 'quan-bchqs';
const now = () => Math.floor(Date.now() / 1000);

/** The sign-in middleware in front of one route that answers who signed in. */
function appWith(opts: Omit<Parameters<typeof authenticate>[0], 'directory' | 'issuer' | 'audience'>) {
  const app = express();
  app.use(authenticate({ ...opts, directory, issuer: ISSUER, audience: AUDIENCE }));
  app.get('/me', (_req, res) => void res.json(res.locals.actor));
  app.use(problemHandler);
  return app;
}

const keyDir = () => mkdtempSync(path.join(tmpdir(), 'sign-in-'));

describe('the local signing key', () => {
  test('is made on first use: 32 random bytes, mode 600, no temporary file left, the same key next time', () => {
    const dir = keyDir();
    const file = path.join(dir, 'keys', 'jwt.key');
    const key = localSigningKey(file);
    expect(key.length).toBe(MIN_KEY_BYTES);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(['jwt.key']);
    expect(Buffer.from(localSigningKey(file)).equals(Buffer.from(key))).toBe(true);
  });

  test('an empty or short key file stops the start with a clear error instead of signing with it', () => {
    const dir = keyDir();
    for (const [name, content] of [['empty', ''], ['blank', '  \n'], ['16 bytes', Buffer.alloc(16, 7).toString('base64')]] as const) {
      const file = path.join(dir, `${name}.key`);
      writeFileSync(file, content);
      expect(() => localSigningKey(file)).toThrow(SignInConfigError);
      expect(() => localSigningKey(file)).toThrow(/at least 32 are needed/);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
    expect(() => authenticate({ directory, issuer: ISSUER, audience: AUDIENCE, secret: new Uint8Array(0) })).toThrow(SignInConfigError);
  });
});

describe('tokens signed with the local key', () => {
  const secret = new Uint8Array(Buffer.alloc(32, 3));
  const app = appWith({ secret, maxLifetimeSeconds: 12 * 3600 });
  const sign = (claims: { iat?: number; exp?: number }) => {
    let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(USER).setIssuer(ISSUER).setAudience(AUDIENCE);
    if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
    return jwt.sign(secret);
  };
  const status = async (token: string) => (await request(app).get('/me').set('Authorization', `Bearer ${token}`)).status;

  test('a token must expire, within the configured lifetime', async () => {
    expect(await status(await sign({ iat: now(), exp: now() + 3600 }))).toBe(200);
    expect(await status(await sign({ iat: now() }))).toBe(401);
    expect(await status(await sign({ iat: now(), exp: now() + 13 * 3600 }))).toBe(401);
    expect(await status(await sign({ exp: now() + 13 * 3600 }))).toBe(401);
    // Issued long ago with a long life: refused even though only an hour is left.
    expect(await status(await sign({ iat: now() - 30 * 86_400, exp: now() + 3600 }))).toBe(401);
  });

  test('a minute of clock difference is tolerated, not more', async () => {
    expect(await status(await sign({ iat: now() - 3600, exp: now() - 30 }))).toBe(200);
    expect(await status(await sign({ iat: now() - 3600, exp: now() - 120 }))).toBe(401);
  });
});

describe('tokens of an OpenID Connect provider (JWKS)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;
  let publicJwk: Record<string, unknown>;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('an RS256 token of the provider is accepted; an HS256 one keyed with the published key is not', async () => {
    const app = appWith({ jwksUrl });
    const good = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject(USER).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('1h').sign(privateKey);
    const me = await request(app).get('/me').set('Authorization', `Bearer ${good}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ userId: USER, agency: 'bchqs' });
    // Algorithm confusion: the public key's modulus used as an HMAC secret.
    const confused = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setSubject(USER).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('1h').sign(Buffer.from(String(publicJwk.n), 'base64url'));
    expect((await request(app).get('/me').set('Authorization', `Bearer ${confused}`)).status).toBe(401);
  });

  test('a JWKS URL that is not https is refused at start, unless it is on loopback', () => {
    expect(() => checkJwksUrl('http://idp.example.vn/jwks.json')).toThrow(SignInConfigError);
    expect(() => checkJwksUrl('http://10.0.0.5/jwks.json')).toThrow(/https/);
    expect(() => authenticate({ directory, issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://idp.example.vn/jwks' })).toThrow(SignInConfigError);
    expect(checkJwksUrl('https://idp.example.vn/jwks.json').protocol).toBe('https:');
    expect(checkJwksUrl('http://localhost:8080/jwks').hostname).toBe('localhost');
  });
});
