/**
 * Sign-in with the OpenID Connect provider: authorization code flow with PKCE, by oidc-client-ts. Loaded only
 * when the API says the console signs in there (a dynamic import: local mode's first load does not carry it).
 * The library keeps its state in sessionStorage, like the session itself; the access token is the API's Bearer.
 */
import type { UserManager } from 'oidc-client-ts';

export interface OidcSettings {
  authority: string;
  clientId: string;
  scope: string;
}

export const CALLBACK_PATH = '/sign-in/callback';
const SETTINGS_KEY = 'bac-son-oidc';

async function manager(settings: OidcSettings): Promise<UserManager> {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    scope: settings.scope,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/** Sends the person to the provider; they come back to CALLBACK_PATH, then to `next`. */
export async function startSignIn(settings: OidcSettings, next: string): Promise<void> {
  sessionStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  await (await manager(settings)).signinRedirect({ state: { next } });
}

/** Completes the sign-in on return from the provider: the access token, its expiry, and where to go. */
export async function finishSignIn(): Promise<{ token: string; expiresAt: string; next: string }> {
  const raw = sessionStorage.getItem(SETTINGS_KEY);
  if (!raw) throw new Error('Phiên đăng nhập không bắt đầu từ trang này');
  const user = await (await manager(JSON.parse(raw) as OidcSettings)).signinRedirectCallback();
  const next = (user.state as { next?: string } | undefined)?.next ?? '/';
  const expiresAt = new Date((user.expires_at ?? Date.now() / 1000 + 300) * 1000).toISOString();
  return { token: user.access_token, expiresAt, next: next.startsWith('/') && !next.startsWith('//') ? next : '/' };
}

/** Forgets the provider's user kept in this tab (the console's own session is dropped by signOut). */
export async function forgetOidcUser(): Promise<void> {
  const raw = sessionStorage.getItem(SETTINGS_KEY);
  if (raw) await (await manager(JSON.parse(raw) as OidcSettings)).removeUser();
}
