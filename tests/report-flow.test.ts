/**
 * The district's consolidated report through HTTP against a real Temporal server. A campaign of the seed plan
 * is started; its agencies report and the Military Command accepts; communes send their plans; estimates are
 * submitted and one approved. The report's figures must match those inputs exactly, each linked to its source;
 * the .docx, opened with a real parser (mammoth), must carry the administrative format, the sections and the
 * figures; the leadership returns the draft, the office edits it, the leadership approves, and the province
 * receives one email with the document attached. (A deadline already past, and a report waiting for the last
 * acceptance: tests/report-deadline.test.ts.)
 *
 * With UPDATE_EXAMPLES=1 the approved document of the first campaign is written to examples/report/.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { localDate } from '../catalog/calendar';
import type { Plan } from '../catalog/plan';
import { assignmentWorkflowId, type ReportFigures } from '../workflows/assignment/messages';
import { budgetWorkflowId, BUDGET_WORKFLOW_TYPE } from '../workflows/budget/messages';
import { communePlanId, communePlanWorkflowId } from '../workflows/commune-plan/messages';
import type { DocumentRef } from '../workflows/common/document';
import { PlanCode } from '../workflows/common/search-attributes';
import { militaryEstimate, type TestApi } from './support/api';
import { budgetApi, eventually } from './support/budget-api';
import { campaignApi, campaignSettings, planCopy, submission } from './support/campaign';
import { pdf } from './support/pdf';
import { docxText, figuresOf, reportSeeding } from './support/report';
import { useService } from './support/service';
import { calendar, directory, readOutbox } from './support/temporal';

jest.setTimeout(180_000);

const PROVINCE = 'vanphong@langson.example.vn';
const EXAMPLE = path.resolve(__dirname, '../examples/report/bao-cao-ket-qua-70-nam-dien-bien-phu.docx');

let client: Client;
let api: TestApi;
let people: ReturnType<typeof campaignApi>;
let seed: ReturnType<typeof reportSeeding>;
let post: ReturnType<typeof reportSeeding>['post'];
let get: ReturnType<typeof reportSeeding>['get'];
let download: ReturnType<typeof reportSeeding>['download'];
let outbox: string;
const plans: Plan[] = [planCopy('report')];

// The worker writes the report's documents where the API serves them from (the service's document store).
const service = useService('report-flow', { api: { campaigns: { ...campaignSettings(plans[0]!, calendar), plans } } });
beforeAll(() => {
  ({ client, api, outbox } = service);
  people = campaignApi(api, directory);
  seed = reportSeeding(api, people);
  ({ post, get, download } = seed);
});

const today = localDate(new Date());

const officerOf = (commune: string): string => directory.usersOf(commune, 'commune_officer')[0]!.id;

const digits = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

async function communeSends(campaignId: string, commune: string, outcome: 'accept' | 'return' | 'none'): Promise<void> {
  const officer = officerOf(commune);
  const up = await people.upload(pdf(`${campaignId}-${commune}`), `ke-hoach-${commune}.pdf`, officer);
  expect(up.status).toBe(201);
  const id = communePlanId(campaignId, commune);
  expect((await people.act(id, 'submit', officer, submission(commune, up.body as DocumentRef, today))).status).toBe(200);
  if (outcome === 'accept') expect((await people.act(id, 'accept', 'son-bchqs', {})).status).toBe(200);
  if (outcome === 'return') expect((await people.act(id, 'return', 'son-bchqs', { comments: 'Bổ sung phân công nhiệm vụ.' })).status).toBe(200);
}

test('a seeded campaign produces a report whose figures match its inputs, drafted, returned, edited, approved and sent once', async () => {
  const plan = plans[0]!;
  const campaignId = plan.id;
  const board = await seed.startCampaign(plan);
  const assignments = board.assignments;
  // Eleven items name their agency; III.13 (every agency and socio-political organisation) goes to each unit
  // the plan names nowhere else: the inspectorate, the Fatherland Front and three organisations (the office
  // compiles the report, it does not report to itself).
  expect(assignments.length).toBe(16);
  expect(assignments.filter((a) => a.number === 13).map((a) => a.agency)).toEqual(['thanh-tra', 'ubmttq', 'hoi-lhpn', 'hoi-nong-dan', 'ldld']);

  // Every agency reports; the Labour office's first report is returned and the second (version 2) accepted.
  const sent = new Map<string, ReportFigures>();
  for (const a of assignments) {
    const f = figuresOf(a.number);
    sent.set(a.agency, f);
    await seed.reportAndAccept(campaignId, a.number, a.agency, f, a.agency === 'ldtbxh');
  }

  // Three communes: one accepted, one returned, one waiting for review; the other fifteen have sent nothing.
  await communeSends(campaignId, 'xa-vu-lang', 'accept');
  await communeSends(campaignId, 'xa-long-dong', 'return');
  await communeSends(campaignId, 'tt-bac-son', 'none');

  // Two estimates of the Military Command for this plan: one approved for less than asked, one still in appraisal.
  const budgets = budgetApi(api);
  const estimate = { ...militaryEstimate, planId: plan.id };
  const first = await budgets.submit('quan-bchqs', estimate);
  expect((await budgets.appraiseAll(first)).status).toBe(200);
  expect((await budgets.act(first.id, 'approve', 'thep-dt', { amount: 30_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: today })).status).toBe(200);
  const second = await budgets.submit('binh-bchqs', { ...estimate, lines: [{ ...estimate.lines[0]!, quantity: 5 }] });
  await eventually(async () => {
    const found: string[] = [];
    for await (const w of client.workflow.list({ query: `WorkflowType = '${BUDGET_WORKFLOW_TYPE}' AND ${PlanCode.name} = '${plan.id}'` })) found.push(w.workflowId);
    if (found.length !== 2) throw new Error(`${found.length} estimates visible`);
  }, 30_000, 300);

  // Only the office starts the report.
  expect((await post('/api/v1/reports', 'thep-dt', { campaignId })).status).toBe(403);
  const started = await seed.startReport({ campaignId });
  expect(started.id).toBe(campaignId);
  expect((await post('/api/v1/reports', 'lan-vp', { campaignId })).status).toBe(409);

  const drafted = await seed.reportIn(campaignId, 'awaiting_approval');
  expect(drafted.compiledBecause).toBe('all_accepted');
  const r = drafted.report!;

  // District totals: every accepted report once.
  const all = [...sent.values()];
  const sum = (k: keyof ReportFigures, list = all): number => list.reduce((s, f) => s + f[k], 0);
  expect(r.totals).toEqual({
    eventsHeld: sum('eventsHeld'),
    peopleReached: sum('peopleReached'),
    giftsGiven: sum('giftsGiven'),
    giftsValue: sum('giftsValue'),
    moneySpent: sum('moneySpent'),
  });
  expect(r.totalSources).toHaveLength(16);

  // Per agency, with its source: the assignment's workflow and the accepted version.
  for (const a of assignments) {
    const row = r.agencies.find((x) => x.agency === a.agency)!;
    expect(row.figures).toEqual(sent.get(a.agency));
    expect(row.source).toEqual({ kind: 'assignment', workflowId: assignmentWorkflowId(campaignId, a.number, a.agency), version: a.agency === 'ldtbxh' ? 2 : 1, at: expect.any(String) });
  }

  // Per section of part II: the agencies whose assignment's first activity in a section is there (counted once).
  const firstSection = (activities: string[]): number | undefined =>
    activities.map((code) => Number(/^II\.(\d+)/.exec(code)?.[1])).find((n) => plan.content.sections.some((s) => s.number === n));
  for (const section of plan.content.sections) {
    // The campaign's assignments (III.13 once per unit it goes to), each with its item's activities.
    const contributing = assignments.filter((a) => firstSection(plan.implementation.assignments.find((i) => i.number === a.number)!.activities) === section.number);
    const got = r.sections.find((s) => s.number === section.number)!;
    expect(got.heading).toBe(section.heading);
    expect(new Set(got.agencies)).toEqual(new Set(contributing.map((a) => a.agency)));
    expect(got.figures.moneySpent).toBe(sum('moneySpent', contributing.map((a) => sent.get(a.agency)!)));
    expect(got.figures.peopleReached).toBe(sum('peopleReached', contributing.map((a) => sent.get(a.agency)!)));
  }

  // Communes: every one of the 18, with its state and the submission it came from.
  expect(r.communes.totals).toEqual({ communes: 18, accepted: 1, submitted: 1, returned: 1, awaiting: 15, late: 0 });
  expect(r.communes.rows.find((c) => c.commune === 'xa-vu-lang')!.source).toEqual({
    kind: 'commune-plan',
    workflowId: communePlanWorkflowId(communePlanId(campaignId, 'xa-vu-lang')),
    version: 1,
    at: expect.any(String),
  });
  expect(r.lateness.missingCommunes).toHaveLength(16);
  expect(r.lateness.missingAgencies).toEqual([]);

  // Budgets: requested is both estimates, approved the decision, spent what the Military Command reported.
  const bchqs = r.budgets.rows.find((b) => b.agency === 'bchqs')!;
  expect(bchqs.requested).toBe(first.versions[0]!.total + second.versions[0]!.total);
  expect(bchqs.approved).toBe(30_000_000);
  expect(bchqs.spent).toBe(sent.get('bchqs')!.moneySpent);
  expect(bchqs.sources).toEqual(
    expect.arrayContaining([
      { kind: 'budget', workflowId: budgetWorkflowId(first.id), version: 1 },
      { kind: 'budget', workflowId: budgetWorkflowId(second.id), version: 1 },
      { kind: 'assignment', workflowId: assignmentWorkflowId(campaignId, 1, 'bchqs'), version: 1, at: expect.any(String) },
    ]),
  );
  // Spending past what was approved is counted: every agency's spending beyond its approved amount.
  const overspent = r.budgets.rows.reduce((n, row) => n + Math.max(row.spent - row.approved, 0), 0);
  expect(overspent).toBeGreaterThan(0);
  expect(r.budgets.totals).toEqual({ requested: bchqs.requested, approved: 30_000_000, spent: sum('moneySpent'), overspent });
  // The sections add up to the totals: each report counted once.
  expect(r.sections.reduce((n, sec) => n + sec.figures.moneySpent, 0) + (r.unattributed?.figures.moneySpent ?? 0)).toBe(sum('moneySpent'));

  // The document opens with a real parser and says what the figures say, in the administrative format.
  const doc = await download(`/api/v1/reports/${campaignId}/document`, 'lan-vp');
  expect(doc.status).toBe(200);
  expect(doc.type).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const text = await docxText(doc.bytes);
  for (const expected of [
    'ỦY BAN NHÂN DÂN',
    'HUYỆN BẮC SƠN',
    'Thực hiện Kế hoạch số 22/KH-UBND ngày 23/01/2024 của Ủy ban nhân dân tỉnh Lạng Sơn',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    '/BC-UBND',
    'BÁO CÁO',
    'I. KẾT QUẢ THỰC HIỆN',
    'II. ĐÁNH GIÁ CHUNG',
    'KT. CHỦ TỊCH',
    'PHÓ CHỦ TỊCH',
    'Dương Thị Thép',
    'Nơi nhận:',
    '- UBND tỉnh (B/c);',
    '- Lưu: VT, VP.',
    'NGUỒN SỐ LIỆU CỦA BÁO CÁO',
    `thu hút ${digits(sum('peopleReached'))} lượt người`,
    `kinh phí đã chi ${digits(sum('moneySpent'))} đồng`,
    `UBND huyện Bắc Sơn đã phê duyệt ${digits(30_000_000)} đồng`,
    ...plan.content.sections.map((s) => `2.${s.number}. ${s.heading}`),
    ...[...sent.values()].map((f) => digits(f.moneySpent)),
    // The appendix says in words what each figure comes from: the Labour office's second report.
    'Báo cáo kết quả thực hiện nhiệm vụ tại mục III.4 của Kế hoạch (lần 2, đã được chấp nhận)',
    'Báo cáo kết quả thực hiện nội dung đề nghị tại mục III.10 của Kế hoạch (lần 1, đã được chấp nhận)',
    'UBND xã Vũ Lăng',
    'được tính một lần, vào nội dung đầu tiên đơn vị thực hiện',
    ...r.budgets.rows
      .filter((row) => row.spent > row.approved)
      .map((row) => `Chi vượt dự toán: ${row.name} đã chi ${digits(row.spent)} đồng, vượt ${digits(row.spent - row.approved)} đồng so với `),
  ]) {
    expect(text).toContain(expected);
  }
  expect(text).toMatch(/Bắc Sơn, ngày \d{2} tháng \d{1,2} năm \d{4}/);
  // The Fatherland Front is requested on III.13; the inspectorate, an agency, is directed.
  const cells = text.replace(/\s+/g, ' ');
  expect(cells).toContain('Ủy ban Mặt trận Tổ quốc Việt Nam huyện Bắc Sơn Báo cáo kết quả thực hiện nội dung đề nghị tại mục III.13');
  expect(cells).toContain('Thanh tra huyện Báo cáo kết quả thực hiện nhiệm vụ tại mục III.13');
  // Signed as the plan's data says (KT. CHỦ TỊCH), not for the collective; no case ids or plan codes in the letter.
  expect(text).not.toContain('TM. ỦY BAN NHÂN DÂN');
  expect(text).not.toContain(campaignId);
  expect(text).not.toMatch(/assignment:|commune-plan:|budget:/);

  // The leadership sends the draft back; only the office may edit, and only a leader may approve.
  const back = `/api/v1/reports/${campaignId}`;
  expect((await post(`${back}/approve`, 'lan-vp', {})).status).toBe(403);
  expect((await post(`${back}/edit-narrative`, 'thep-dt', { narrative: 'x' })).status).toBe(403);
  expect((await post(`${back}/return`, 'thep-dt', { comments: 'Bổ sung đánh giá về công tác tuyên truyền.' })).status).toBe(200);
  expect((await post(`${back}/approve`, 'thep-dt', {})).status).toBe(409);
  const narrative = 'Công tác tuyên truyền được triển khai sâu rộng đến từng thôn, bản.\n\nĐề nghị UBND tỉnh quan tâm hỗ trợ kinh phí tu bổ di tích.';
  const edited = await post(`${back}/edit-narrative`, 'lan-vp', { narrative, number: '35' });
  expect(edited.status).toBe(200);
  const redrafted = await seed.reportIn(campaignId, 'awaiting_approval', 2);
  expect(redrafted.returns).toHaveLength(1);
  // The leadership heard of each draft; the office heard of the return, with the leader's words.
  const notices = await eventually(async () => {
    const all = (await readOutbox(outbox)).filter((m) => m.subject.startsWith('[Báo cáo UBND tỉnh]') && m.text.includes(`/reports/${encodeURIComponent(campaignId)}`));
    expect(all.filter((m) => m.subject.includes('chờ duyệt') && m.to.includes('thep-dt@bacson.example.vn'))).toHaveLength(2);
    return all;
  });
  const returned = notices.filter((m) => m.subject.includes('trả lại'));
  expect(returned).toHaveLength(1);
  expect(returned[0]!.to).toContain('lan-vp@bacson.example.vn');
  expect(returned[0]!.text).toContain('Bổ sung đánh giá về công tác tuyên truyền.');
  const second2 = await download(`${back}/document`, 'thep-dt');
  const text2 = await docxText(second2.bytes);
  expect(text2).toContain('Số: 35/BC-UBND');
  expect(text2).toContain('Đề nghị UBND tỉnh quan tâm hỗ trợ kinh phí tu bổ di tích.');
  expect((await download(`${back}/document?draft=1`, 'thep-dt')).bytes.equals(doc.bytes)).toBe(true);

  // Approved by the deputy of the plan's field: the report is issued under her authority, "KT. CHỦ TỊCH / PHÓ
  // CHỦ TỊCH" over her name, and the province receives that document, once.
  const approved = await post(`${back}/approve`, 'thep-dt', { comment: 'Đồng ý gửi.' });
  expect(approved.status).toBe(200);
  expect(approved.body.approval.by.capacity).toMatchObject({ form: 'KT.', principalTitle: 'Chủ tịch', signerTitle: 'Phó Chủ tịch', signer: 'Dương Thị Thép' });
  const done = await seed.reportIn(campaignId, 'sent', 2);
  expect(done.issued).toMatchObject({ draft: 2, signature: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], signer: 'Dương Thị Thép' });
  expect(done.sent).toMatchObject({ to: [PROVINCE], draft: 2, document: done.issued!.document });
  const issued = await download(`${back}/issued`, 'thanh-tt');
  expect(createHash('sha256').update(issued.bytes).digest('hex')).toBe(done.issued!.document.sha256);
  const issuedText = await docxText(issued.bytes);
  expect(issuedText).toMatch(/KT\. CHỦ TỊCH\s+PHÓ CHỦ TỊCH\s+Dương Thị Thép/);
  expect((await post(`${back}/approve`, 'thep-dt', {})).status).toBe(409);
  const mails = await eventually(async () => {
    const toProvince = (await readOutbox(outbox)).filter((x) => x.to.includes(PROVINCE));
    const mine = toProvince.filter((x) => x.attachments.some((a) => createHash('sha256').update(a.content).digest('hex') === done.issued!.document.sha256));
    if (!mine.length) throw new Error('no mail to the province yet');
    return mine;
  });
  expect(mails).toHaveLength(1);
  const attachment = mails[0]!.attachments[0]!;
  expect(mails[0]!.attachments).toHaveLength(1);
  expect(attachment.filename).toBe('bao-cao-ket-qua-so-35-BC-UBND-lan-2.docx');
  expect(createHash('sha256').update(attachment.content).digest('hex')).toBe(done.issued!.document.sha256);
  expect(await docxText(attachment.content)).toContain('Số: 35/BC-UBND');
  expect(mails[0]!.text).toContain(`${digits(sum('peopleReached'))}`);

  if (process.env.UPDATE_EXAMPLES === '1') {
    mkdirSync(path.dirname(EXAMPLE), { recursive: true });
    writeFileSync(EXAMPLE, attachment.content);
  }
});

test('bad requests are refused with every field named, unknown reports are 404, and only the leadership, the office and auditors read', async () => {
  const bad = await post('/api/v1/reports', 'lan-vp', { campaignId: 'Không hợp lệ', reportDue: '2024-02-30', checkEveryMinutes: 0, extra: 1 });
  expect(bad.status).toBe(400);
  expect(bad.headers['content-type']).toContain('application/problem+json');
  const fields = (bad.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
  expect(fields).toEqual(expect.arrayContaining(['body.campaignId', 'body.reportDue', 'body.checkEveryMinutes']));
  expect((await post('/api/v1/reports', 'lan-vp', { campaignId: 'khong-co-dot-nay' })).status).toBe(404);
  expect((await get('/api/v1/reports/khong-co-dot-nay', 'thep-dt')).status).toBe(404);
  expect((await post('/api/v1/reports/khong-co-dot-nay/approve', 'thep-dt', {})).status).toBe(404);
  expect((await get(`/api/v1/reports/${plans[0]!.id}`, 'quan-bchqs')).status).toBe(403);
  expect((await get(`/api/v1/reports/${plans[0]!.id}`, 'thanh-tt')).status).toBe(200);
});

test('the committed example opens as a report in the administrative format', async () => {
  const text = await docxText(readFileSync(EXAMPLE));
  for (const expected of ['ỦY BAN NHÂN DÂN', 'HUYỆN BẮC SƠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'I. KẾT QUẢ THỰC HIỆN', 'KT. CHỦ TỊCH', 'Nơi nhận:', 'NGUỒN SỐ LIỆU CỦA BÁO CÁO']) {
    expect(text).toContain(expected);
  }
});
