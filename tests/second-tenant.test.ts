/**
 * A second tenant, shipped as data beside the first and run with no code change: an example commune of
 * today's two-tier local government (catalog/tenants/xa-vi-du/, its names flagged as example), with unit codes
 * of its own. Its estimate goes from its Phòng Văn hóa - Xã hội through its Phòng Kinh tế to its leadership;
 * its own plan (addressed to its offices and organisations, to no commune) is launched, every unit reports, its
 * office accepts, compiles the report, its leadership approves, and the province receives it by email. Every
 * message and the document speak of the commune, never of the seed's district.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { localDate } from '../catalog/calendar';
import { Directory } from '../catalog/directory';
import { loadPlans } from '../catalog/plan-files';
import { checkPlanAgainstDirectory } from '../catalog/plan-fit';
import type { ReportFigures } from '../workflows/assignment/messages';
import type { Board } from '../workflows/campaign/messages';
import type { ReportState } from '../workflows/report/messages';
import { eventually } from './support/budget-api';
import { campaignApi, defaultCommunePolicy } from './support/campaign';
import { docxText } from './support/report';
import { useService } from './support/service';
import { calendar, readOutbox } from './support/temporal';

jest.setTimeout(180_000);

const TENANT = path.resolve(__dirname, '../catalog/tenants/xa-vi-du');
const tenant = Directory.fromFile(path.join(TENANT, 'directory.json'));
const [tenantPlan] = loadPlans(path.join(TENANT, 'plans'));
// One campaign per plan id on the shared server: this run's copy of the tenant's plan.
const plan = { ...tenantPlan!, id: `${tenantPlan!.id}-${randomBytes(3).toString('hex')}` };
const PROVINCE = 'vanthu@langson.example.vn';
/** With UPDATE_EXAMPLES=1 the report sent to the province is written here (its PDF: `soffice --headless --convert-to pdf`). */
const EXAMPLE = path.resolve(__dirname, '../examples/report/bao-cao-xa-vi-du-cham-lo-tet-dinh-mui-2027.docx');

const service = useService('second-tenant', {
  directory: tenant,
  api: { campaigns: { plans: [plan], calendar, policy: { ...defaultCommunePolicy, reviewerAgency: tenant.data.parties.reviewer } } },
});

const today = localDate(new Date());
const post = async (url: string, userId: string, body: object) => request(service.api.app).post(url).set('Authorization', await service.api.bearer(userId)).send(body);
const get = async (url: string, userId: string) => request(service.api.app).get(url).set('Authorization', await service.api.bearer(userId));

test("the example commune's directory and plan are of today's two-tier government, fit each other, and say what is example", () => {
  expect(tenant.data.district).toBeUndefined();
  expect(tenant.data.issuer).toMatchObject({ name: 'UBND xã Vĩ Dụ', shortName: 'UBND xã', level: 'xã' });
  expect(tenant.data.about).toMatch(/^Ví dụ/);
  expect(tenantPlan!.about).toMatch(/^Ví dụ/);
  expect(tenantPlan!.issuer).toMatchObject({ level: 'commune', province: 'Lạng Sơn' });
  expect(tenantPlan!.issuer.district).toBeUndefined();
  expect(checkPlanAgainstDirectory(tenantPlan!, tenant)).toEqual([]);
  // None of the seed's unit codes: each duty is named in the directory's parties.
  expect(tenant.data.parties).toEqual({ leadership: 'ld-ubnd-xa', office: 'vp-hdnd-ubnd-xa', appraiser: 'phong-kinh-te', above: 'ubnd-tinh-lang-son', reviewer: 'vp-hdnd-ubnd-xa' });
  for (const seedCode of ['lanh-dao', 'van-phong', 'tckh', 'ubnd-tinh', 'bchqs']) expect(tenant.unit(seedCode)).toBeUndefined();
});

test("the console's header and its words for the report's recipient come from the tenant, before anyone signs in", async () => {
  const res = await request(service.api.app).get('/api/v1/issuer');
  expect(res.body).toEqual({ name: 'UBND xã Vĩ Dụ', shortName: 'UBND xã', level: 'xã', above: { name: 'UBND tỉnh Lạng Sơn', shortName: 'UBND tỉnh' } });
});

test("an estimate goes from the commune's office through its Phòng Kinh tế to its leadership, and every message speaks of the commune", async () => {
  const { outbox } = service;
  const submitted = await post('/api/v1/budgets', 'em-vhxh', {
    title: 'Dự toán tổ chức ngày hội văn hóa các dân tộc của xã',
    lines: [{ description: 'Thuê âm thanh, ánh sáng', activity: 'Ngày hội văn hóa', quantity: 1, unit: 'gói', unitPrice: 12_000_000 }],
  });
  expect(submitted.status).toBe(201);
  expect(submitted.body).toMatchObject({ agency: 'phong-vhxh', status: 'in_appraisal', awaiting: { agency: 'phong-kinh-te', role: 'appraiser' } });
  expect(submitted.body.dueAt).toEqual(expect.any(String));
  const id = submitted.body.id as string;

  const appraised = await post(`/api/v1/budgets/${id}/appraise`, 'dung-kt', { lines: [{ lineNo: 1, recommendedAmount: 10_000_000 }], opinion: 'Đề nghị giảm theo giá thuê tại địa phương.' });
  expect(appraised.status).toBe(200);
  // The office of the seed has no say here: only this commune's leadership decides.
  const approved = await post(`/api/v1/budgets/${id}/approve`, 'an-ld', { amount: 10_000_000, decisionNumber: '21/QĐ-UBND', decisionDate: today });
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

test("the commune's own plan runs end to end: launched to its units, reported, accepted, compiled, approved and sent to the province", async () => {
  const people = campaignApi(service.api, tenant);
  const reportDue = calendar.addWorkingDays(today, 20);
  // The plan addresses no commune: a deadline for communes' plans is refused, and none is needed.
  const withCommuneDue = await people.start({ planId: plan.id, communePlanDue: calendar.addWorkingDays(today, 10), reportDue }, 'cuong-vp');
  expect(withCommuneDue.status).toBe(400);
  expect(withCommuneDue.body.errors).toEqual([{ field: 'body.communePlanDue', message: 'kế hoạch không giao nhiệm vụ cho các xã: không có hạn gửi kế hoạch của xã' }]);
  // Only this commune's office launches it.
  expect((await people.start({ planId: plan.id, reportDue }, 'an-ld')).status).toBe(403);
  const started = await people.start({ planId: plan.id, reportDue }, 'cuong-vp');
  expect(started.status).toBe(201);
  const board = await eventually(async () => {
    const b = await people.boardOf(plan.id, 'an-ld');
    if (!b.assignments.every((a) => a.started)) throw new Error('assignments still starting');
    return b;
  }, 30_000);
  expect(board).toMatchObject({ deadlines: { reportDue }, reviewerAgency: 'vp-hdnd-ubnd-xa', totals: { communes: 0 } });
  expect(board.deadlines.communePlanDue).toBeUndefined();
  expect(board.communes).toEqual([]);
  // One assignment per item of section III; the Front and the Youth Union are requested, not directed.
  expect(board.assignments.map((a: Board['assignments'][number]) => [a.number, a.agency])).toEqual([
    [1, 'phong-vhxh'],
    [2, 'phong-kinh-te'],
    [3, 'bchqs-xa'],
    [4, 'ubmttq-xa'],
    [5, 'doan-thanh-nien-xa'],
  ]);

  // The lead office's estimate for the plan: 150 gifts and the programme, appraised down, approved.
  const estimate = await post('/api/v1/budgets', 'em-vhxh', {
    title: 'Dự toán kinh phí chăm lo Tết Nguyên đán Đinh Mùi năm 2027',
    planId: plan.id,
    lines: [
      { description: 'Quà Tết gia đình người có công, hộ nghèo, hộ cận nghèo', activity: 'II.1.a', quantity: 150, unit: 'suất', unitPrice: 300_000 },
      { description: 'Chương trình văn nghệ mừng Đảng, mừng Xuân', activity: 'II.2.b', quantity: 1, unit: 'chương trình', unitPrice: 8_000_000 },
    ],
  });
  expect(estimate.status).toBe(201);
  const estimateId = estimate.body.id as string;
  expect((await post(`/api/v1/budgets/${estimateId}/appraise`, 'dung-kt', { lines: [{ lineNo: 1, recommendedAmount: 45_000_000 }, { lineNo: 2, recommendedAmount: 6_000_000 }], opinion: 'Chương trình văn nghệ giảm theo mức chi năm trước.' })).status).toBe(200);
  expect((await post(`/api/v1/budgets/${estimateId}/approve`, 'an-ld', { amount: 51_000_000, decisionNumber: '52/QĐ-UBND', decisionDate: today })).status).toBe(200);

  // Each unit reports; the office's reviewer returns the first report once, then accepts every one. Only the
  // lead office spends (from the approved estimate); the others report what they did.
  const staff: Record<string, string> = { 'phong-vhxh': 'em-vhxh', 'phong-kinh-te': 'giang-kt', 'bchqs-xa': 'khanh-bchqs', 'ubmttq-xa': 'lien-mttq', 'doan-thanh-nien-xa': 'minh-doan' };
  const figuresOf = (n: number): ReportFigures =>
    n === 1
      ? { eventsHeld: 4, peopleReached: 620, giftsGiven: 150, giftsValue: 45_000_000, moneySpent: 50_650_000 }
      : { eventsHeld: n, peopleReached: 40 * n + 3, giftsGiven: n === 4 ? 25 : 0, giftsValue: n === 4 ? 7_500_000 : 0, moneySpent: 0 };
  for (const a of board.assignments) {
    const url = `/api/v1/assignments/${plan.id}/${a.number}-${a.agency}`;
    const assignment = await get(url, staff[a.agency]!);
    expect(assignment.status).toBe(200);
    expect(assignment.body.awaiting).toMatchObject({ agency: a.agency });
    if (a.number === 1) {
      expect((await post(`${url}/submit-report`, staff[a.agency]!, { narrative: 'Đã thăm, tặng quà.', figures: { ...figuresOf(1), moneySpent: 1 } })).status).toBe(200);
      // The seed's reviewer (the Military Command) is no one here: the commune's office reviews.
      expect((await post(`${url}/return`, 'em-vhxh', { comments: 'x' })).status).toBe(403);
      expect((await post(`${url}/return`, 'hoa-vp', { comments: 'Đề nghị đối chiếu lại kinh phí đã chi.' })).status).toBe(200);
    }
    expect((await post(`${url}/submit-report`, staff[a.agency]!, { narrative: `Kết quả thực hiện mục III.${a.number}.`, figures: figuresOf(a.number) })).status).toBe(200);
    expect((await post(`${url}/accept`, 'hoa-vp', {})).status).toBe(200);
  }

  // The office compiles once every report is accepted; the leadership approves; the province receives it.
  expect((await post('/api/v1/reports', 'hoa-vp', { campaignId: plan.id })).status).toBe(403);
  expect((await post('/api/v1/reports', 'cuong-vp', { campaignId: plan.id })).status).toBe(201);
  const reportIn = (status: ReportState['status']) =>
    eventually(async () => {
      const state = (await get(`/api/v1/reports/${plan.id}`, 'binh-ld')).body as ReportState;
      if (state.status !== status) throw new Error(`report is ${state.status}`);
      return state;
    }, 60_000, 200);
  const drafted = await reportIn('awaiting_approval');
  expect(drafted.compiledBecause).toBe('all_accepted');
  const sum = (k: keyof ReportFigures): number => board.assignments.reduce((s, a) => s + figuresOf(a.number)[k], 0);
  expect(drafted.report!.totals).toEqual({ eventsHeld: sum('eventsHeld'), peopleReached: sum('peopleReached'), giftsGiven: sum('giftsGiven'), giftsValue: sum('giftsValue'), moneySpent: sum('moneySpent') });
  expect(drafted.report!.agencies.find((a) => a.agency === 'phong-vhxh')!.source).toMatchObject({ kind: 'assignment', version: 2 });
  expect(drafted.narrative).toContain('5/5 nhiệm vụ đã có báo cáo kết quả được chấp nhận.');
  expect(drafted.narrative).not.toContain('xã, thị trấn');
  // The estimate counts for its plan: requested, approved and spent, and nothing overspent.
  const vhxh = drafted.report!.budgets.rows.find((b) => b.agency === 'phong-vhxh')!;
  expect([vhxh.requested, vhxh.approved, vhxh.spent]).toEqual([53_000_000, 51_000_000, 50_650_000]);
  expect(drafted.report!.budgets.totals.overspent).toBe(0);

  expect((await post(`/api/v1/reports/${plan.id}/approve`, 'cuong-vp', {})).status).toBe(403);
  expect((await post(`/api/v1/reports/${plan.id}/approve`, 'binh-ld', { comment: 'Đồng ý gửi.' })).status).toBe(200);
  const sent = await reportIn('sent');
  expect(sent.sent).toMatchObject({ to: [PROVINCE] });

  const letter = await eventually(async () => {
    const toProvince = (await readOutbox(service.outbox)).filter((m) => m.to.includes(PROVINCE));
    if (!toProvince.length) throw new Error('no mail to the province yet');
    return toProvince;
  });
  expect(letter).toHaveLength(1);
  expect(letter[0]!.text).toContain(`UBND xã Vĩ Dụ kính gửi UBND tỉnh Lạng Sơn Báo cáo /BC-UBND về kết quả thực hiện Kế hoạch số 45/KH-UBND`);
  expect(letter[0]!.text).toContain('Kính đề nghị UBND tỉnh xem xét.');
  const text = await docxText(letter[0]!.attachments[0]!.content);
  if (process.env.UPDATE_EXAMPLES === '1') writeFileSync(EXAMPLE, letter[0]!.attachments[0]!.content);
  for (const expected of [
    'ỦY BAN NHÂN DÂN',
    'XÃ VĨ DỤ',
    'Thực hiện Kế hoạch số 250/KH-UBND ngày 25/11/2026 của Ủy ban nhân dân tỉnh Lạng Sơn',
    'Kế hoạch số 45/KH-UBND ngày 10 tháng 12 năm 2026 của Ủy ban nhân dân xã Vĩ Dụ',
    'kính báo cáo Ủy ban nhân dân tỉnh Lạng Sơn./.',
    '4. Kinh phí thực hiện',
    '5. Tình hình báo cáo',
    'KT. CHỦ TỊCH',
    'PHÓ CHỦ TỊCH',
    'Trần Thị Bình',
    '- UBND tỉnh (B/c);',
    '- Lưu: VT, VP.',
    'Ủy ban Mặt trận Tổ quốc Việt Nam xã Vĩ Dụ',
    'Tổng dự toán các đơn vị đề nghị 53.000.000 đồng; UBND xã Vĩ Dụ đã phê duyệt 51.000.000 đồng; các đơn vị báo cáo đã chi 50.650.000 đồng.',
  ]) {
    expect(text).toContain(expected);
  }
  expect(text).toMatch(/Vĩ Dụ, ngày \d{2} tháng \d{1,2} năm \d{4}/);
  // No section on communes' plans, and nothing of the seed's district.
  expect(text).not.toMatch(/xã, thị trấn|huyện|Bắc Sơn|Chi vượt dự toán/i);
  // Every message of the campaign went to the commune's own people, and the report to its province.
  const all = await readOutbox(service.outbox);
  expect(all.flatMap((m) => m.to).every((a) => a.endsWith('@xavidu.example.vn') || a === PROVINCE)).toBe(true);
  expect(all.map((m) => `${m.subject}\n${m.text}`).join('\n')).not.toMatch(/huyện|Bắc Sơn|Ban Chỉ huy Quân sự huyện/);
});
