/**
 * How the console signs in, and who the token is. GET /api/v1/sign-in (public) tells the console which way:
 * `local` (the directory's people, api/local-sign-in.ts), `oidc` (the provider's authorization code flow with
 * PKCE, when JWT_JWKS_URL and OIDC_CLIENT_ID are set), or `none` (a JWKS issuer without a client for the
 * console: only API clients with their own tokens). GET /api/v1/me answers the signed-in person.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { z } from 'zod';
import type { Directory } from '../catalog/directory';
import { currentActor } from './auth';
import { personOf, PersonSchema } from './local-sign-in';
import { API_PREFIX } from './openapi';
import { HttpProblem } from './problem';
import { defineRoute } from './route';

/** The provider the console sends people to: its issuer (discovery at `<authority>/.well-known/openid-configuration`). */
export interface OidcClient {
  authority: string;
  clientId: string;
  scope: string;
}

export const SignInModeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({ mode: z.literal('oidc'), authority: z.string(), clientId: z.string(), scope: z.string() }),
  z.object({ mode: z.literal('none') }),
]);
export type SignInMode = z.infer<typeof SignInModeSchema>;

const tags = ['Đăng nhập'];

export function signInModeRoutes(registry: OpenAPIRegistry, mode: SignInMode): Router {
  const router = Router();
  defineRoute(router, registry, {
    method: 'get',
    path: `${API_PREFIX}/sign-in`,
    summary: 'Cách đăng nhập vào giao diện: cục bộ (chọn người trong danh bạ) hoặc qua nhà cung cấp OpenID Connect',
    tags,
    public: true,
    responses: { 200: { description: 'Cách đăng nhập', schema: SignInModeSchema } },
    handler: async () => mode,
  });
  return router;
}

export function meRoutes(registry: OpenAPIRegistry, deps: { directory: Directory }): Router {
  const router = Router();
  defineRoute(router, registry, {
    method: 'get',
    path: `${API_PREFIX}/me`,
    summary: 'Người đang đăng nhập: tên, chức vụ, đơn vị, vai trò',
    tags,
    responses: { 200: { description: 'Người đang đăng nhập', schema: PersonSchema } },
    handler: async (_input, _req, res) => {
      const user = deps.directory.user(currentActor(res).userId);
      if (!user) throw new HttpProblem(401, 'Người dùng không có trong danh bạ');
      return personOf(deps.directory, user);
    },
  });
  return router;
}
