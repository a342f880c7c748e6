/**
 * The consolidated report against its deadline, through HTTP on a real Temporal server: compiled with a
 * deadline already past, the agencies that did not report appear as missing and the report still goes out;
 * started while a report is owed, it waits and compiles as soon as the last one is accepted.
 */
import { createHash } from 'node:crypto';
import { localDate } from '../catalog/calendar';
import type { ReportState } from '../workflows/report/messages';
import { eventually } from './support/budget-api';
import { campaignSettings, planCopy } from './support/campaign';
import { docxText, figuresOf, reportSeeding } from './support/report';
import { useService } from './support/service';
import { calendar, directory, readOutbox } from './support/temporal';

jest.setTimeout(180_000);

const PROVINCE = 'vanphong@langson.example.vn';
const plans = [planCopy('report-late'), planCopy('report-wait')];
const service = useService('report-deadline', { api: { campaigns: { ...campaignSettings(plans[0]!, calendar), plans } } });
let seed: ReturnType<typeof reportSeeding>;
let post: ReturnType<typeof reportSeeding>['post'];
let get: ReturnType<typeof reportSeeding>['get'];
let download: ReturnType<typeof reportSeeding>['download'];
let outbox: string;
beforeAll(() => {
  seed = reportSeeding(service.api);
  ({ post, get, download } = seed);
  ({ outbox } = service);
});

const today = localDate(new Date());

test('agencies that did not report by the deadline appear as missing, and the report still goes out', async () => {
  const plan = plans[0]!;
  const campaignId = plan.id;
  const board = await seed.startCampaign(plan);
  const reporting = board.assignments.filter((a) => a.agency === 'bchqs' || a.agency === 'ttvh');
  for (const a of reporting) await seed.reportAndAccept(campaignId, a.number, a.agency, figuresOf(a.number));
  // The Labour office sent a report the reviewer has not accepted: it counts as missing, not as results.
  expect((await post(`/api/v1/assignments/${campaignId}/4-ldtbxh/submit-report`, 'hang-ldtbxh', { narrative: 'Đã thăm, tặng quà.', figures: figuresOf(4) })).status).toBe(200);

  // The office compiles with a deadline already past: the report does not wait for the others.
  // A working day already past (a weekend day would move the deadline to the next working day, maybe today).
  await seed.startReport({ campaignId, reportDue: calendar.subtractWorkingDays(today, 2) });
  const drafted = await seed.reportIn(campaignId, 'awaiting_approval');
  expect(drafted.compiledBecause).toBe('deadline_passed');
  const r = drafted.report!;
  const missing = board.assignments.filter((a) => a.agency !== 'bchqs' && a.agency !== 'ttvh');
  expect(r.lateness.missingAgencies.map((m) => m.agency).sort()).toEqual(missing.map((m) => m.agency).sort());
  expect(r.lateness.missingAgencies.find((m) => m.agency === 'ldtbxh')!.status).toBe('submitted');
  expect(r.totals.moneySpent).toBe(reporting.reduce((s, a) => s + figuresOf(a.number).moneySpent, 0));
  expect(r.agencies.find((a) => a.agency === 'ldtbxh')!.figures).toBeNull();
  expect(r.communes.totals.awaiting).toBe(18);

  const text = await docxText((await download(`/api/v1/reports/${campaignId}/document`, 'thanh-tt')).bytes);
  const missingLine = text.split('\n').find((l) => l.startsWith('Đơn vị chưa báo cáo hoặc báo cáo chưa được chấp nhận'))!;
  for (const m of missing) expect(missingLine).toContain(`${directory.unit(m.agency)!.name} (III.${m.number}`);
  expect(missingLine).not.toContain('Ban Chỉ huy Quân sự huyện');

  expect((await post(`/api/v1/reports/${campaignId}/approve`, 'hung-nv', {})).status).toBe(200);
  const done = await seed.reportIn(campaignId, 'sent');
  // Approved by the chairman in person: issued over "CHỦ TỊCH" alone, and that document goes to the province.
  expect(done.issued).toMatchObject({ signature: ['CHỦ TỊCH'], signer: 'Nguyễn Văn Hùng' });
  const mails = await eventually(async () => {
    const sha256 = done.issued!.document.sha256;
    const mine = (await readOutbox(outbox)).filter((x) => x.to.includes(PROVINCE) && x.attachments.some((a) => createHash('sha256').update(a.content).digest('hex') === sha256));
    if (!mine.length) throw new Error('no mail to the province yet');
    return mine;
  });
  expect(mails).toHaveLength(1);
  expect(done.sent!.messageId).toBe(mails[0]!.messageId);
});

test('started while a report is owed, it waits, and compiles as soon as the last report is accepted', async () => {
  const plan = plans[1]!;
  const campaignId = plan.id;
  const board = await seed.startCampaign(plan);
  const [last, ...others] = [...board.assignments].reverse();
  for (const a of others) await seed.reportAndAccept(campaignId, a.number, a.agency, figuresOf(a.number));
  // A periodic look only every minute: compiling within seconds below proves the acceptance woke it.
  await seed.startReport({ campaignId, checkEveryMinutes: 1 });
  const waiting = await eventually(async () => {
    const s = (await get(`/api/v1/reports/${campaignId}`, 'lan-vp')).body as ReportState;
    if (!s.dueAt) throw new Error('deadline not planned yet');
    return s;
  });
  expect(waiting).toMatchObject({ status: 'collecting', report: null, drafts: [] });
  expect((await post(`/api/v1/reports/${campaignId}/approve`, 'thep-dt', {})).status).toBe(409);
  expect((await post(`/api/v1/reports/${campaignId}/edit-narrative`, 'lan-vp', { narrative: 'Chưa đến lúc.' })).status).toBe(409);

  const acceptedAt = Date.now();
  await seed.reportAndAccept(campaignId, last!.number, last!.agency, figuresOf(last!.number));
  const drafted = await eventually(async () => {
    const s = (await get(`/api/v1/reports/${campaignId}`, 'lan-vp')).body as ReportState;
    if (s.status !== 'awaiting_approval') throw new Error(s.status);
    return s;
  }, 30_000, 250);
  expect(Date.now() - acceptedAt).toBeLessThan(30_000);
  expect(drafted.compiledBecause).toBe('all_accepted');
  expect(drafted.report!.lateness.missingAgencies).toEqual([]);
  expect(drafted.report!.totals.eventsHeld).toBe(board.assignments.reduce((s, a) => s + figuresOf(a.number).eventsHeld, 0));
});

