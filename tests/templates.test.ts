/**
 * Every email template, rendered with sample data for every event, goes out as a real MIME message with a
 * plain-text and an HTML part that say the same things in Vietnamese, with nothing left unfilled and
 * nothing a sender typed able to inject markup.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { outboxMailer } from '../activities/mailer';
import { render, templateKinds, type Notice, type TemplateContext } from '../activities/templates';
import { AssignmentEvents, type AssignmentNotice } from '../workflows/assignment/notices';
import { BudgetEvents, type BudgetNotice } from '../workflows/budget/notices';
import type { CampaignNotice } from '../workflows/campaign/notices';
import { CommunePlanEvents, type CommunePlanNotice } from '../workflows/commune-plan/notices';
import type { Actor } from '../workflows/common/actor';
import type { PendingItem } from '../workflows/digest/messages';
import { ReportEvents, type ReportNotice } from '../workflows/report/notices';
import { digestNotice } from '../workflows/digest/notices';
import { WorkingCalendar } from '../catalog/calendar';
import { engineWordIn } from './support/words';
import { directory, readOutbox, tempDir } from './support/temporal';

const ctx: TemplateContext = { directory, publicUrl: 'https://kehoach.bacson.example.vn' };
const appraiser: Actor = { userId: 'hoa-tckh', name: 'Nguyễn Thị Hòa', agency: 'tckh', role: 'appraiser' };
/** Typed by people, so it must reach the HTML part escaped. */
const comments = 'Đề nghị tách chi phí <b>băng rôn</b> & "khẩu hiệu" theo địa điểm treo.';

const budgetSample = (event: BudgetNotice['event']): BudgetNotice => ({
  kind: 'budget',
  key: `budget:DT-2024-0001/1-${event}`,
  event,
  to: [{ agency: 'tckh', role: 'appraiser' }],
  budget: {
    id: 'DT-2024-0001',
    title: 'Dự toán kinh phí tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ',
    agency: 'bchqs',
    version: 2,
    total: 36_500_000,
    status: event === 'approved' ? 'approved' : event === 'rejected' ? 'rejected' : 'in_appraisal',
    dueAt: '2024-04-05T10:00:00.000Z',
    appraisedTotal: 31_000_000,
    ...(event === 'approved' ? { approvedAmount: 30_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' } : {}),
  },
  by: appraiser,
  comments,
});

const assignmentSample = (event: AssignmentNotice['event']): AssignmentNotice => ({
  kind: 'assignment',
  key: `assignment:KH-2024:4-ldtbxh/1-${event}`,
  event,
  to: [{ agency: 'ldtbxh', role: 'staff' }],
  assignment: {
    id: 'KH-2024:4-ldtbxh',
    campaignId: 'KH-2024',
    planId: 'bac-son-70-nam-dien-bien-phu',
    assignment: {
      number: 4,
      agency: 'ldtbxh',
      mode: 'directed',
      role: 'lead',
      tasks: ['Tổ chức thăm, tặng quà gia đình chính sách tham gia chiến dịch Điện Biên Phủ'],
      activities: ['II.4'],
    },
    reviewerAgency: 'bchqs',
    status: event === 'accepted' ? 'accepted' : event === 'returned' ? 'returned' : 'submitted',
    reportDueDate: '2024-05-20',
    dueAt: '2024-05-20T10:00:00.000Z',
    report: { version: 1, figures: { eventsHeld: 3, peopleReached: 450, giftsGiven: 20, giftsValue: 20_000_000, moneySpent: 21_500_000 }, documents: 1, late: false },
  },
  by: appraiser,
  comments,
});

const communePlanSample = (event: CommunePlanNotice['event']): CommunePlanNotice => ({
  kind: 'commune-plan',
  key: `commune-plan:kh-70-nam-dbp.xa-vu-lang/1-${event}`,
  event,
  to: [{ agency: 'xa-vu-lang' }],
  communePlan: {
    id: 'kh-70-nam-dbp.xa-vu-lang',
    campaignId: 'kh-70-nam-dbp',
    planReference: '45/KH-UBND',
    planTitle: 'Kế hoạch tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ',
    commune: 'xa-vu-lang',
    communeName: 'UBND xã Vũ Lăng',
    mode: 'directed',
    status: event === 'accepted' ? 'accepted' : event === 'returned' ? 'returned' : event === 'submitted' ? 'submitted' : 'awaiting_submission',
    dueDate: '2024-03-15',
    dueAt: '2024-03-15T10:00:00.000Z',
    version: 1,
    documentNumber: '12/KH-UBND',
    documentName: 'ke-hoach-xa-vu-lang.pdf',
    requestedDate: '2024-03-22',
  },
  by: appraiser,
  comments,
});

const campaignSample: CampaignNotice = {
  kind: 'campaign',
  key: 'campaign:kh-70-nam-dbp/1-overdue_digest',
  event: 'overdue_digest',
  to: [{ agency: 'lanh-dao', role: 'leader' }, { agency: 'van-phong' }],
  campaign: {
    id: 'kh-70-nam-dbp',
    planReference: '45/KH-UBND',
    planTitle: 'Kế hoạch tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ',
    dueDate: '2024-03-15',
    asOf: '2024-03-19T01:00:00.000Z',
  },
  escalated: [{ commune: 'xa-vu-lang', name: 'UBND xã Vũ Lăng', dueDate: '2024-03-15', daysLate: 2 }],
  overdueCount: 1,
  totals: { communes: 18, started: 18, awaiting_submission: 3, submitted: 5, returned: 1, accepted: 9, overdue: 1, submittedLate: 0, extensionPending: 0 },
};

const leader: Actor = { userId: 'thep-dt', name: 'Dương Thị Thép', agency: 'lanh-dao', role: 'leader' };
const reportSample = (event: ReportNotice['event']): ReportNotice => ({
  kind: 'report',
  key: `report:kh-70-nam-dbp/1-${event}`,
  event,
  to: [{ agency: 'lanh-dao', role: 'leader' }, { agency: 'van-phong' }],
  report: {
    id: 'kh-70-nam-dbp',
    planReference: '/KH-UBND',
    planTitle: 'Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)',
    status: event === 'sent' ? 'sent' : event === 'returned' ? 'returned' : 'awaiting_approval',
    compiledBecause: 'deadline_passed',
    draft: 2,
    missingAgencies: 1,
    missingCommunes: 3,
    ...(event === 'sent' ? { sentTo: ['vanphong@langson.example.vn'] } : {}),
  },
  ...(event === 'returned' ? { by: leader, comments } : {}),
});

const pending = (n: number, overdue: boolean): PendingItem => ({
  workflowId: `budget:DT-2024-00${n}`,
  workflowType: 'budgetEstimateWorkflow',
  kindLabel: 'Dự toán kinh phí',
  title: `Dự toán số ${n} <của> "đơn vị"`,
  caseAgency: 'bchqs',
  status: 'in_appraisal',
  awaitingAgency: 'tckh',
  since: '2024-03-01T02:00:00.000Z',
  dueAt: overdue ? '2024-03-08T10:00:00.000Z' : '2024-04-08T10:00:00.000Z',
  overdue,
  path: `/api/v1/budgets/DT-2024-00${n}`,
});

/** Sample notices of every event of every kind; a kind registered without samples fails the first test. */
const samples: Partial<{ [K in Notice['kind']]: Array<Extract<Notice, { kind: K }>> }> = {
  budget: BudgetEvents.map(budgetSample),
  assignment: AssignmentEvents.map(assignmentSample),
  'commune-plan': CommunePlanEvents.map(communePlanSample),
  campaign: [campaignSample],
  report: ReportEvents.map(reportSample),
  'mail-routing': [
    {
      kind: 'mail-routing',
      event: 'mail_routing_changed',
      key: 'inbox:bac-son-plan/bchqs/mail-routing-1',
      to: [{ agency: 'bchqs' }],
      agency: 'bchqs',
      added: ['chi-huy-truong@bacson.example.vn'],
      removed: ['cu@bacson.example.vn'],
      extraEmails: ['chi-huy-truong@bacson.example.vn'],
      by: { userId: 'lan-vp', name: 'Nông Thị Lan', agency: 'van-phong', role: 'administrator' },
      at: '2024-03-11T03:00:00.000Z',
      outsideDomainsApproved: false,
      note: 'Chỉ huy trưởng nhận thư trực tiếp',
    },
  ],
  digest: [
    digestNotice('2024-03-11', { agency: 'tckh', total: 3, overdue: 1, items: [pending(1, true), pending(2, false), pending(3, false)] }),
    digestNotice('2024-03-12', { agency: 'lanh-dao', total: 60, overdue: 0, items: [pending(4, false)] }),
  ],
};
const all: Notice[] = Object.values(samples).flat() as Notice[];

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const UNFILLED = /undefined|null|NaN|\[object Object\]|\$\{/;

test('every registered template has samples for every event', () => {
  expect(templateKinds.filter((k) => !samples[k]?.length)).toEqual([]);
  const budgetEvents = new Set((samples.budget ?? []).map((n) => n.event));
  expect(budgetEvents).toEqual(new Set(BudgetEvents));
});

test.each(all.map((n) => [`${n.kind}/${n.event}`, n] as const))('%s renders a complete Vietnamese message in both parts', (_name, notice) => {
  const r = render(notice, ctx);
  for (const part of [r.subject, r.text, r.html]) {
    expect(part).not.toMatch(UNFILLED);
    expect(part).toMatch(VIETNAMESE);
  }
  expect(r.text).toMatch(/^Kính gửi Quý cơ quan, đơn vị,\n/);
  expect(r.text).toContain('UBND huyện Bắc Sơn');
  expect(r.html).toMatch(/^<!doctype html><html lang="vi">/);
  // The in-app notification shows the first paragraph; it is in both parts.
  expect(r.summary).toBeTruthy();
  expect(r.text).toContain(r.summary!);
  expect(r.html).toContain(r.summary!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
  // Links open the console's page of the case, not the JSON API.
  expect(r.link).toMatch(/^https:\/\/kehoach\.bacson\.example\.vn\/(budgets|assignments|commune-plans|campaigns|reports|audit)?\/?/);
  expect(r.link).not.toContain('/api/');
  expect(r.html).not.toMatch(/<b>|<của>/);
});

test('within a kind, each event has a subject of its own', () => {
  for (const list of Object.values(samples)) {
    const subjects = (list as Notice[]).map((n) => render(n, ctx).subject.replace(/^\[[^\]]*\] /, ''));
    if ((list as Notice[])[0]!.kind !== 'digest') expect(new Set(subjects).size).toBe(subjects.length);
  }
});

test('the comments people typed appear verbatim in the text and escaped in the HTML', () => {
  const r = render(budgetSample('revision_requested'), ctx);
  expect(r.text).toContain(`Nội dung đề nghị chỉnh sửa: ${comments}`);
  expect(r.html).toContain('&lt;b&gt;băng rôn&lt;/b&gt; &amp; &quot;khẩu hiệu&quot;');
});

test('the digest lists the overdue first, counts what it does not list, and links every case', () => {
  const [withOverdue, long] = samples.digest!;
  const r = render(withOverdue!, ctx);
  expect(r.subject).toBe('[Bản tin công việc 11/03/2024] 3 hồ sơ chờ xử lý, 1 quá hạn');
  expect(r.text).toContain('Đến 07:30 ngày 11/03/2024, Phòng Tài chính - Kế hoạch có 3 hồ sơ đang chờ xử lý, trong đó 1 hồ sơ đã quá hạn.');
  const overdueAt = r.text.indexOf('Hồ sơ đã quá hạn');
  const waitingAt = r.text.indexOf('Hồ sơ đang chờ xử lý:');
  expect(overdueAt).toBeGreaterThan(0);
  expect(waitingAt).toBeGreaterThan(overdueAt);
  expect(r.text.slice(overdueAt, waitingAt)).toContain('mã DT-2024-001');
  expect(r.text.slice(overdueAt, waitingAt)).toContain('hạn 17:00 ngày 08/03/2024 - ĐÃ QUÁ HẠN');
  expect(r.text).toContain('xem: https://kehoach.bacson.example.vn/budgets/DT-2024-002');
  expect(r.text).toContain('chờ từ 09:00 ngày 01/03/2024');
  const rest = render(long!, ctx);
  expect(rest.text).toContain('Và 59 hồ sơ khác');
  expect(rest.text).toContain('chưa có hồ sơ nào quá hạn');
});

test('each rendered message leaves as multipart/alternative with both parts', async () => {
  const dir = tempDir('outbox-templates');
  const mailer = outboxMailer(dir, 'test@bacson.example.vn');
  for (const n of all) {
    const { summary: _s, link: _l, ...mail } = render(n, ctx);
    await mailer.send({ key: n.key, to: ['tckh@bacson.example.vn'], ...mail });
  }
  const parsed = await readOutbox(dir);
  expect(parsed).toHaveLength(all.length);
  for (const m of parsed) {
    expect(readFileSync(path.join(dir, m.file), 'utf8')).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(m.text).toMatch(/^Kính gửi/);
    expect(m.html).toContain('<html lang="vi">');
  }
});

test('a deadline in a year whose days off are not announced yet is marked provisional in the email; one in an announced year is not', () => {
  const calendar = WorkingCalendar.fromFile(path.resolve(__dirname, '../catalog/holidays.json'));
  const withCalendar: TemplateContext = { ...ctx, calendar };
  const sample = budgetSample('submitted');
  const in2027: BudgetNotice = { ...sample, budget: { ...sample.budget, dueAt: '2027-02-12T10:00:00.000Z' } };
  const mail = render(in2027, withCalendar);
  expect(mail.text).toContain('17:00 ngày 12/02/2027');
  expect(mail.text).toContain('Lưu ý: lịch nghỉ năm 2027 chưa được công bố');
  expect(mail.text.indexOf('Lưu ý')).toBeLessThan(mail.text.indexOf('\n--\n'));
  expect(mail.html).toContain('<p>Lưu ý: lịch nghỉ năm 2027 chưa được công bố');
  const announced = render(sample, withCalendar);
  expect(announced.text).not.toContain('Lưu ý');
  // Once the office records 2027, the same deadline is no longer provisional.
  const recorded = calendar.withYears({ '2027': { holidays: [{ date: '2027-02-10', name: 'Tết' }], workingWeekends: [] } });
  expect(render(in2027, { ...ctx, calendar: recorded }).text).not.toContain('Lưu ý');
});

test('a requested body is told of "nội dung đề nghị", never of a task assigned, and no role is printed where the plan names none', () => {
  const sample = assignmentSample('submitted');
  const { role: _role, ...noRole } = sample.assignment.assignment;
  const requested: AssignmentNotice = {
    ...sample,
    assignment: { ...sample.assignment, assignment: { ...noRole, number: 10, agency: 'btg', mode: 'requested' } },
  };
  for (const event of AssignmentEvents) {
    const mail = render({ ...requested, event }, ctx);
    expect([event, mail.text.includes('nhiệm vụ được giao'), mail.subject.startsWith('[Mục III.10 - ')]).toEqual([event, false, true]);
    expect(mail.text).not.toContain('(chủ trì)');
  }
  expect(render(requested, ctx).text).toContain('nội dung đề nghị tại mục III.10 của Kế hoạch');
  expect(render(sample, ctx).text).toContain('(chủ trì)');
});

test('a returned commune plan is asked for by the People’s Committee, not by the reviewing agency', () => {
  const text = render(communePlanSample('returned'), ctx).text;
  expect(text).toContain('UBND huyện yêu cầu');
  expect(text).not.toMatch(/trả lại kế hoạch của [^.]+\. Yêu cầu/);
});


test.each(all.map((n) => [`${n.kind}/${n.event}`, n] as const))('%s names no case id, plan code or engine word outside its links', (_name, notice) => {
  const { subject, text, html, summary } = render(notice, ctx);
  expect(engineWordIn([subject, text, html, summary ?? ''].join('\n'))).toBeNull();
});
