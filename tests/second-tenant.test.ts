/**
 * A second tenant, shipped as data beside the first and run with no code change: an example commune of
 * today's two-tier local government (catalog/tenants/xa-vi-du/directory.json, its names flagged as example).
 * Its staff submit an estimate, its Phòng Kinh tế appraises, its leadership approves, through the API; every
 * message names the commune's own bodies and sender, never the district of the seed.
 */
import path from 'node:path';
import request from 'supertest';
import { Directory } from '../catalog/directory';
import { eventually } from './support/budget-api';
import { useService } from './support/service';
import { readOutbox } from './support/temporal';

const tenant = Directory.fromFile(path.resolve(__dirname, '../catalog/tenants/xa-vi-du/directory.json'));
const service = useService('second-tenant', { directory: tenant });

test("the example commune's directory is one of today's two-tier government, and says what is example", () => {
  expect(tenant.data.district).toBeUndefined();
  expect(tenant.data.issuer).toMatchObject({ name: 'UBND xã Vĩ Dụ', shortName: 'UBND xã', level: 'xã' });
  expect(tenant.data.about).toMatch(/^Ví dụ/);
});

test("an estimate goes from the commune's office through its Phòng Kinh tế to its leadership, and every message speaks of the commune", async () => {
  const { api, outbox } = service;
  const as = async (userId: string) => api.bearer(userId);
  const submitted = await request(api.app)
    .post('/api/v1/budgets')
    .set('Authorization', await as('em-vhxh'))
    .send({ title: 'Dự toán tổ chức ngày hội văn hóa các dân tộc của xã', lines: [{ description: 'Thuê âm thanh, ánh sáng', activity: 'Ngày hội văn hóa', quantity: 1, unit: 'gói', unitPrice: 12_000_000 }] });
  expect(submitted.status).toBe(201);
  expect(submitted.body).toMatchObject({ agency: 'vhxh', status: 'in_appraisal', awaiting: { agency: 'tckh', role: 'appraiser' } });
  expect(submitted.body.dueAt).toEqual(expect.any(String));
  const id = submitted.body.id as string;

  const appraised = await request(api.app)
    .post(`/api/v1/budgets/${id}/appraise`)
    .set('Authorization', await as('dung-kt'))
    .send({ lines: [{ lineNo: 1, recommendedAmount: 10_000_000 }], opinion: 'Đề nghị giảm theo giá thuê tại địa phương.' });
  expect(appraised.status).toBe(200);
  const approved = await request(api.app)
    .post(`/api/v1/budgets/${id}/approve`)
    .set('Authorization', await as('an-ld'))
    .send({ amount: 10_000_000, decisionNumber: '21/QĐ-UBND', decisionDate: '2026-03-02' });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('approved');

  const mail = await eventually(async () => {
    const all = (await readOutbox(outbox)).filter((m) => m.text.includes(id));
    expect(all.some((m) => m.to.includes('em-vhxh@xavidu.example.vn') && m.text.includes('Lãnh đạo UBND xã đã phê duyệt dự toán.'))).toBe(true);
    return all;
  });
  const texts = mail.map((m) => m.text).join('\n');
  expect(texts).toContain('Phòng Văn hóa - Xã hội đã gửi dự toán kinh phí đề nghị Phòng Kinh tế thẩm định.');
  expect(texts).toContain('Phòng Kinh tế đã thẩm định dự toán, đề xuất UBND xã xem xét, quyết định.');
  expect(texts).toContain('Hệ thống điều hành kế hoạch - UBND xã Vĩ Dụ');
  // Nothing of the seed tenant: no district, no Bắc Sơn, no Finance and Planning Office.
  expect(texts).not.toMatch(/huyện|Bắc Sơn|Tài chính - Kế hoạch/);
  // Every address is one of the commune's own.
  expect(mail.flatMap((m) => m.to).every((a) => a.endsWith('@xavidu.example.vn'))).toBe(true);
});
