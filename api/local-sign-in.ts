/**
 * Local sign-in for the console (issue 12, item 2): while the API verifies tokens with its local key (no JWKS
 * issuer configured), anyone who reaches it may list the directory's people and take a short-lived token as
 * one of them, exactly as `npm run -s token` does on the server's shell. This is a trial and development mode,
 * said so on the sign-in page; with JWT_JWKS_URL set both routes answer 404 and sign-in is the issuer's.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { z } from 'zod';
import type { Directory, User } from '../catalog/directory';
import { RoleSchema } from '../workflows/common/actor';
import { roleLabels } from './audit/labels';
import { mintToken } from './auth';
import { API_PREFIX } from './openapi';
import { HttpProblem } from './problem';
import { defineRoute } from './route';

export interface LocalSignInDeps {
  directory: Directory;
  issuer: string;
  audience: string;
  /** The local key; absent when a JWKS issuer is configured, and then the routes answer 404. */
  secret?: Uint8Array;
}

export const LOCAL_SIGN_IN_PATH = `${API_PREFIX}/local-sign-in`;
const PATH = LOCAL_SIGN_IN_PATH;
const tags = ['Đăng nhập'];
/** A working morning or afternoon: long enough to work, short enough that a forgotten tab expires. */
export const LOCAL_TOKEN_TTL_SECONDS = 4 * 3600;

export const PersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().optional(),
  agency: z.string(),
  agencyName: z.string(),
  role: RoleSchema,
  roleLabel: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

export const LocalPeopleSchema = z.object({ mode: z.literal('local'), people: z.array(PersonSchema) });
export const LocalSignInInputSchema = z.object({ userId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'mã người dùng không hợp lệ') }).strict();
export const LocalSignInResultSchema = z.object({
  token: z.string(),
  /** ISO 8601 instant after which the token is refused. */
  expiresAt: z.string(),
  person: PersonSchema,
});

const NOT_LOCAL = 'Đăng nhập cục bộ chỉ có khi chưa cấu hình nhà cung cấp đăng nhập (JWKS)';

export function personOf(directory: Directory, user: User): Person {
  return {
    id: user.id,
    name: user.name,
    ...(user.title ? { title: user.title } : {}),
    agency: user.agency,
    agencyName: directory.unit(user.agency)?.name ?? user.agency,
    role: user.role,
    roleLabel: roleLabels[user.role],
  };
}

export function localSignInRoutes(registry: OpenAPIRegistry, deps: LocalSignInDeps): Router {
  const router = Router();
  const requireLocal = (): Uint8Array => {
    if (!deps.secret) throw new HttpProblem(404, NOT_LOCAL);
    return deps.secret;
  };

  defineRoute(router, registry, {
    method: 'get',
    path: PATH,
    summary: 'Chế độ cục bộ: danh sách người trong danh bạ để chọn đăng nhập',
    description: 'Chỉ có khi API dùng khóa ký cục bộ; khi đã cấu hình JWKS trả về 404.',
    tags,
    public: true,
    responses: { 200: { description: 'Những người có thể đăng nhập', schema: LocalPeopleSchema } },
    problems: [404],
    handler: async () => {
      requireLocal();
      return { mode: 'local' as const, people: deps.directory.data.users.map((u) => personOf(deps.directory, u)) };
    },
  });

  defineRoute(router, registry, {
    method: 'post',
    path: PATH,
    summary: 'Chế độ cục bộ: đăng nhập với tư cách một người trong danh bạ (mã đăng nhập ngắn hạn)',
    description: `Mã có hiệu lực ${LOCAL_TOKEN_TTL_SECONDS / 3600} giờ. Chỉ có khi API dùng khóa ký cục bộ; khi đã cấu hình JWKS trả về 404.`,
    tags,
    public: true,
    body: LocalSignInInputSchema,
    responses: { 200: { description: 'Mã đăng nhập', schema: LocalSignInResultSchema } },
    problems: [404],
    handler: async ({ body }) => {
      const secret = requireLocal();
      const user = deps.directory.user(body.userId);
      if (!user) throw new HttpProblem(400, 'Dữ liệu không hợp lệ', [{ field: 'body.userId', message: `không có người dùng ${body.userId} trong danh bạ` }]);
      const expiresAt = new Date(Date.now() + LOCAL_TOKEN_TTL_SECONDS * 1000);
      const token = await mintToken({ secret, issuer: deps.issuer, audience: deps.audience, userId: user.id, ttl: `${LOCAL_TOKEN_TTL_SECONDS}s` });
      return { token, expiresAt: expiresAt.toISOString(), person: personOf(deps.directory, user) };
    },
  });

  return router;
}
