/**
 * Production sign-in in the console: with a JWKS issuer and a client id configured, the sign-in page sends the
 * person to the OpenID Connect provider (authorization code flow with PKCE), and back; the token works on the
 * API, never shows in a URL, and local sign-in is gone.
 */
import type { Page } from 'playwright-core';
import request from 'supertest';
import { AUDIENCE, createTestApi, type TestApi } from '../support/api';
import { useService } from '../support/service';
import { openConsole, shot, type ConsoleUnderTest } from './browser';
import { startTestProvider, type TestProvider } from './oidc-provider';

const service = useService('console-oidc');
let provider: TestProvider;
let api: TestApi;
let ui: ConsoleUnderTest;

describe('in the browser', () => {
  beforeAll(async () => {
    provider = await startTestProvider({ audience: AUDIENCE });
    api = createTestApi(service.client, service.taskQueue, undefined, {
      auth: { issuer: provider.issuer, audience: AUDIENCE, jwksUrl: provider.jwksUrl },
      oidc: { authority: provider.issuer, clientId: 'bac-son-console', scope: 'openid profile' },
    });
    ui = await openConsole(api.app);
  });
  afterAll(async () => {
    await ui?.close();
    await provider?.close();
  });

  test('signs in at the provider with PKCE, lands on the page asked for, and signs out', async () => {
    expect((await request(api.app).get('/api/v1/local-sign-in')).status).toBe(404);
    expect((await request(api.app).get('/api/v1/sign-in')).body).toEqual({ mode: 'oidc', authority: provider.issuer, clientId: 'bac-son-console', scope: 'openid profile' });

    const page: Page = await ui.person();
    const urls: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && urls.push(f.url()));
    await page.goto(`${ui.base}/budgets/new`);
    await page.waitForURL(/\/sign-in\?next=/);
    await expect(page.getByText('Chế độ cục bộ').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.origin === provider.issuer && u.pathname === '/authorize');
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('client_id')).toBe('bac-son-console');
    await page.getByLabel('Tên đăng nhập').fill('quan-bchqs');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.origin === ui.base && u.pathname === '/budgets/new');
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe('Hoàng Văn Quân · Chuyên viên, Ban Chỉ huy Quân sự huyện');
    expect(provider.pkceExchanges).toBe(1);
    await page.getByLabel('Tên dự toán').waitFor();
    await shot(page, '12-oidc-signed-in');
    // The code came back in a URL (as the flow has it); the token never does, nor does it reach localStorage.
    // (page scripts as strings: this file is type-checked for Node, where there is no localStorage)
    await expect(page.evaluate('Object.keys(localStorage).length')).resolves.toBe(0);
    await expect(page.evaluate("Object.keys(sessionStorage).some((k) => k.startsWith('oidc.user'))")).resolves.toBe(true);
    for (const u of urls) expect(u).not.toMatch(/access_token|id_token/);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/sign-in/);
    await expect(page.evaluate("Object.keys(sessionStorage).some((k) => k.startsWith('oidc.user') || k === 'bac-son-session')")).resolves.toBe(false);
  }, 60_000);

  test('someone the provider knows but the directory does not is told so', async () => {
    const page = await ui.person();
    await page.goto(`${ui.base}/`);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByLabel('Tên đăng nhập').fill('nguoi-la');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Tài khoản này không có trong danh bạ của hệ thống.');
  }, 60_000);
});
