/**
 * Sign-in by Bearer JWT. Out of the box the API verifies tokens signed with a local key (created on first use;
 * `npm run -s token -- <user-id>` mints one); in production it verifies the OpenID Connect provider's tokens
 * through its JWKS. Either way the subject must be a person of the directory: role and agency come from there.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
}

/** Reads the local signing key, creating it (32 random bytes, mode 600) if missing. */
export function localSigningKey(file: string): Uint8Array {
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  }
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
  const key: Uint8Array | JWTVerifyGetKey | undefined = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : opts.secret;
  if (!key) throw new Error('authentication needs a JWKS URL or a local signing key');
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new HttpProblem(401, 'Thiếu mã đăng nhập (Authorization: Bearer ...)'));
      return;
    }
    const verify = typeof key === 'function'
      ? jwtVerify(match[1]!, key, { issuer: opts.issuer, audience: opts.audience })
      : jwtVerify(match[1]!, key, { issuer: opts.issuer, audience: opts.audience, algorithms: ['HS256'] });
    verify
      .then(({ payload }) => {
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
