/**
 * Sign-in by Bearer JWT. Out of the box the API verifies tokens signed with a local key (created on first use;
 * `npm run -s token -- <user-id>` mints one); in production it verifies the OpenID Connect provider's tokens
 * through its JWKS. Either way the subject must be a person of the directory: role and agency come from there.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { Directory, User } from '../catalog/directory';
import type { Actor } from '../workflows/common/actor';
import { HttpProblem } from './problem';

export interface AuthOptions {
  directory: Directory;
  issuer: string;
  audience: string;
  /** Local HS256 key, when no JWKS is configured. */
  secret?: Uint8Array;
  jwksUrl?: string;
  /** Longest lifetime (exp − iat, or exp − now without iat) a token may have, in seconds; default 24 h. */
  maxLifetimeSeconds?: number;
}

/** Shortest local HS256 key accepted: RFC 7518 §3.2 asks for a key at least as long as the hash (256 bits). */
export const MIN_KEY_BYTES = 32;
/** Clock difference tolerated between the token's issuer and this API, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** Default cap on a token's lifetime: a working day and a night. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;
/** Signature algorithms accepted from an OpenID Connect provider: asymmetric only (never HS*, never none). */
export const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** An error that stops the API at start, naming what to fix. */
export class SignInConfigError extends Error {
  override readonly name = 'SignInConfigError';
}

/**
 * Reads the local signing key, creating it (32 random bytes, mode 600) if missing. The new key is written to a
 * temporary file and linked into place, so a crash never leaves an empty key behind and two processes starting
 * at once agree on one key. A key shorter than MIN_KEY_BYTES (an empty or cut file) stops the start.
 */
export function localSigningKey(file: string): Uint8Array {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text === undefined) {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, randomBytes(MIN_KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx', flush: true });
    try {
      linkSync(temporary, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(temporary, { force: true });
    }
    text = readFileSync(file, 'utf8');
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length < MIN_KEY_BYTES) {
    throw new SignInConfigError(
      `The signing key ${file} holds ${key.length} bytes; at least ${MIN_KEY_BYTES} are needed. ` +
        'Delete the file to have a new key made (every token signed with the old one stops working), or put a base64 key of 32 random bytes in it.',
    );
  }
  return key;
}

/** Refuses a JWKS URL that is not https, except on loopback (a provider run for tests on this machine). */
export function checkJwksUrl(jwksUrl: string): URL {
  const url = new URL(jwksUrl);
  const loopback = ['localhost', '[::1]'].includes(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SignInConfigError(`JWT_JWKS_URL must be an https URL (http only on loopback): ${jwksUrl}`);
  }
  return url;
}

export async function mintToken(opts: { secret: Uint8Array; issuer: string; audience: string; userId: string; ttl?: string }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(opts.userId)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt()
    .setExpirationTime(opts.ttl ?? '12h')
    .sign(opts.secret);
}

export const actorOf = (user: User): Actor => ({ userId: user.id, name: user.name, agency: user.agency, role: user.role });

/** Typed access to the signed-in person from a handler. */
export function currentActor(res: { locals: Record<string, unknown> }): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new HttpProblem(401, 'Cần đăng nhập');
  return actor;
}

export function authenticate(opts: AuthOptions): RequestHandler {
  const key: Uint8Array | JWTVerifyGetKey | undefined = opts.jwksUrl ? createRemoteJWKSet(checkJwksUrl(opts.jwksUrl)) : opts.secret;
  if (!key) throw new SignInConfigError('authentication needs a JWKS URL or a local signing key');
  if (typeof key !== 'function' && key.length < MIN_KEY_BYTES) throw new SignInConfigError(`the local signing key has ${key.length} bytes; at least ${MIN_KEY_BYTES} are needed`);
  const maxLifetime = opts.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const checks = {
    issuer: opts.issuer,
    audience: opts.audience,
    algorithms: typeof key === 'function' ? JWKS_ALGORITHMS : ['HS256'],
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new HttpProblem(401, 'Thiếu mã đăng nhập (Authorization: Bearer ...)'));
      return;
    }
    const verify = typeof key === 'function' ? jwtVerify(match[1]!, key, checks) : jwtVerify(match[1]!, key, checks);
    verify
      .then(({ payload }) => {
        // A token may not outlive the cap: counted from its issue, or from now when it does not say.
        const from = typeof payload.iat === 'number' ? Math.min(payload.iat, Date.now() / 1000) : Date.now() / 1000;
        if (payload.exp! - from > maxLifetime + CLOCK_TOLERANCE_SECONDS) throw new HttpProblem(401, 'Mã đăng nhập có thời hạn quá dài');
        const user = payload.sub ? opts.directory.user(payload.sub) : undefined;
        if (!user) throw new HttpProblem(401, 'Người dùng không có trong danh bạ');
        res.locals.actor = actorOf(user);
        next();
      })
      .catch((err: unknown) => {
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        next(err instanceof HttpProblem ? err : new HttpProblem(401, 'Mã đăng nhập không hợp lệ hoặc đã hết hạn'));
      });
  };
}
