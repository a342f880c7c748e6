/**
 * What the console needs from the API, over HTTP on the real app: local sign-in (only in local key mode), the
 * reference lists, the actions a person may take on an estimate now, and the console's pages served under /
 * with the API's paths left alone.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestApi, militaryEstimate } from '../support/api';
import { useService } from '../support/service';

const service = useService('console-api');

/** A console build of its own, so this test does not depend on `npm run console:build` having run. */
function fakeBuild(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/assets/app-1234.js"></script>');
  writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("console")');
  return dir;
}

describe('local sign-in', () => {
  test('lists the directory\'s people with their agency and role in Vietnamese', async () => {
    const res = await request(service.api.app).get('/api/v1/local-sign-in');
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('local');
    expect(res.body.people).toContainEqual({
      id: 'hoa-tckh',
      name: 'Lý Thị Hoa',
      title: 'Trưởng phòng',
      agency: 'tckh',
      agencyName: expect.stringContaining('Tài chính'),
      role: 'appraiser',
      roleLabel: 'Chuyên viên thẩm định',
    });
  });

  test('signs in as a person: a short-lived token the API accepts as that person', async () => {
    const res = await request(service.api.app).post('/api/v1/local-sign-in').send({ userId: 'quan-bchqs' });
    expect(res.status).toBe(200);
    expect(res.body.person).toMatchObject({ id: 'quan-bchqs', name: 'Hoàng Văn Quân', agency: 'bchqs' });
    const lifetime = new Date(res.body.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(3 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(4 * 3600_000);
    const work = await request(service.api.app).get('/api/v1/my-work').set('Authorization', `Bearer ${res.body.token}`);
    expect(work.status).toBe(200);
    expect(work.body.agency).toBe('bchqs');
  });

  test('someone not in the directory is refused, field named', async () => {
    const res = await request(service.api.app).post('/api/v1/local-sign-in').send({ userId: 'khong-co-ai' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.userId', message: 'không có người dùng khong-co-ai trong danh bạ' }]);
  });

  test('the console learns how to sign in, and who the token is', async () => {
    expect((await request(service.api.app).get('/api/v1/sign-in')).body).toEqual({ mode: 'local' });
    const me = await request(service.api.app).get('/api/v1/me').set('Authorization', await service.api.bearer('thep-dt'));
    expect(me.body).toEqual({ id: 'thep-dt', name: 'Dương Thị Thép', title: 'Phó Chủ tịch UBND huyện', agency: 'lanh-dao', agencyName: expect.any(String), role: 'leader', roleLabel: 'Lãnh đạo' });
    expect((await request(service.api.app).get('/api/v1/me')).status).toBe(401);
    // A JWKS issuer without a client for the console: no way in from the console, said so.
    const apiOnly = createTestApi(service.client, service.taskQueue, undefined, {
      auth: { issuer: 'https://idp.example.vn', audience: 'bac-son-plan-api', jwksUrl: 'http://127.0.0.1:9/jwks.json' },
    });
    expect((await request(apiOnly.app).get('/api/v1/sign-in')).body).toEqual({ mode: 'none' });
  });

  test('does not exist once a JWKS issuer is configured', async () => {
    const oidc = createTestApi(service.client, service.taskQueue, undefined, {
      auth: { issuer: 'https://idp.example.vn', audience: 'bac-son-plan-api', jwksUrl: 'http://127.0.0.1:9/jwks.json' },
    });
    expect((await request(oidc.app).get('/api/v1/local-sign-in')).status).toBe(404);
    const post = await request(oidc.app).post('/api/v1/local-sign-in').send({ userId: 'thep-dt' });
    expect(post.status).toBe(404);
    expect(post.body.token).toBeUndefined();
  });
});

test('units and plans, for names and the activities an estimate line is for', async () => {
  const auth = await service.api.bearer('quan-bchqs');
  const units = await request(service.api.app).get('/api/v1/units').set('Authorization', auth);
  expect(units.body.items).toContainEqual({ code: 'bchqs', name: 'Ban Chỉ huy Quân sự huyện', kind: 'agency' });
  const plans = await request(service.api.app).get('/api/v1/plans').set('Authorization', auth);
  const plan = plans.body.items.find((p: { id: string }) => p.id === 'bac-son-70-nam-dien-bien-phu');
  expect(plan.activities).toContainEqual(expect.objectContaining({ code: 'II.1.a', section: '1. Công tác tuyên truyền, giáo dục' }));
  expect((await request(service.api.app).get('/api/v1/units')).status).toBe(401);
});

test("the tenant's names, without signing in: the header of the console says whose it is", async () => {
  const res = await request(service.api.app).get('/api/v1/issuer');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ name: 'UBND huyện Bắc Sơn', shortName: 'UBND huyện', level: 'huyện', above: { name: 'UBND tỉnh Lạng Sơn', shortName: 'UBND tỉnh' } });
});

test('the actions a person may take on an estimate now, from the validators\' rules', async () => {
  const { app } = service.api;
  const submitted = await request(app).post('/api/v1/budgets').set('Authorization', await service.api.bearer('quan-bchqs')).send(militaryEstimate);
  expect(submitted.status).toBe(201);
  const actionsOf = async (userId: string) => (await request(app).get(`/api/v1/budgets/${submitted.body.id}/actions`).set('Authorization', await service.api.bearer(userId))).body;
  expect((await actionsOf('hoa-tckh')).allowed).toEqual(['request-revision', 'appraise']);
  expect((await actionsOf('quan-bchqs')).allowed).toEqual(['withdraw']);
  const leader = await actionsOf('thep-dt');
  expect(leader.allowed).toEqual([]);
  expect(leader.actions).toContainEqual({ action: 'approve', allowed: false, reason: 'Không thể phê duyệt: dự toán đang ở trạng thái "Đang thẩm định"' });
  // Someone who may not read the estimate learns nothing of it.
  const stranger = await request(app).get(`/api/v1/budgets/${submitted.body.id}/actions`).set('Authorization', await service.api.bearer('tuan-vhtt'));
  expect(stranger.status).toBe(404);
});

describe('the console under /', () => {
  test('a page path opens index.html (an email\'s link), under the security policy; assets are cached for good', async () => {
    const api = createTestApi(service.client, service.taskQueue, undefined, { consoleDir: fakeBuild() });
    for (const page of ['/', '/budgets/DT-2026-1A2B3C4D', '/sign-in']) {
      const res = await request(api.app).get(page).set('Accept', 'text/html,application/xhtml+xml');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>console</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const asset = await request(api.app).get('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await request(api.app).get('/assets/missing.js')).status).toBe(404);
  });

  test('API paths are never the console: an unknown API path is a problem, even from a browser', async () => {
    const api = createTestApi(service.client, service.taskQueue, undefined, { consoleDir: fakeBuild() });
    const res = await request(api.app).get('/api/v1/khong-co').set('Accept', 'text/html');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await request(api.app).get('/khong-co').set('Accept', 'application/json');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  test('without a build, a page says how to build the console', async () => {
    const api = createTestApi(service.client, service.taskQueue, undefined, { consoleDir: mkdtempSync(path.join(os.tmpdir(), 'no-console-')) });
    const res = await request(api.app).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(503);
    expect(res.text).toContain('make install');
  });
});
