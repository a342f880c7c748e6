/**
 * The wording of commune-plan notices fits the recipient: a commune is directed ("UBND huyện yêu cầu ..."), a
 * unit the plan only requests is asked ("trân trọng đề nghị ... quan tâm"). Rendered by the real templates
 * with the seeded directory, as the notify activity renders them.
 */
import { render } from '../activities/templates';
import { overdueDigest } from '../workflows/campaign/notices';
import type { Board } from '../workflows/campaign/messages';
import type { CommunePlanNotice, CommunePlanSummary } from '../workflows/commune-plan/notices';
import { directory } from './support/temporal';

const ctx = { directory, publicUrl: 'https://kehoach.bacson.example.vn' };

const summary = (mode: 'directed' | 'requested'): CommunePlanSummary => ({
  id: 'bac-son-70-nam-dien-bien-phu.xa-vu-lang',
  campaignId: 'bac-son-70-nam-dien-bien-phu',
  planReference: '/KH-UBND',
  planTitle: 'Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)',
  commune: 'xa-vu-lang',
  communeName: 'UBND xã Vũ Lăng',
  mode,
  status: 'awaiting_submission',
  dueDate: '2024-04-26',
  dueAt: '2024-04-26T10:00:00.000Z',
  version: 0,
});

const notice = (event: CommunePlanNotice['event'], mode: 'directed' | 'requested'): CommunePlanNotice => ({
  kind: 'commune-plan',
  key: `k/${event}-${mode}`,
  to: [{ agency: 'xa-vu-lang' }],
  event,
  communePlan: summary(mode),
});

test('a directed commune is required to act; reminders and escalations say so', () => {
  const reminder = render(notice('reminder', 'directed'), ctx);
  expect(reminder.subject).toBe('[Kế hoạch UBND xã Vũ Lăng] Nhắc hạn gửi kế hoạch');
  expect(reminder.text).toContain(
    'Nhắc việc: UBND huyện yêu cầu UBND xã Vũ Lăng hoàn thành và gửi kế hoạch tổ chức các hoạt động trước 17:00 ngày 26/04/2024 ' +
      'theo Kế hoạch /KH-UBND của UBND huyện về tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ',
  );
  const escalation = render(notice('escalation', 'directed'), ctx);
  expect(escalation.subject).toBe('[Kế hoạch UBND xã Vũ Lăng] Quá hạn gửi kế hoạch');
  expect(escalation.text).toContain('Yêu cầu UBND xã Vũ Lăng khẩn trương hoàn thành, gửi ngay về UBND huyện và báo cáo rõ lý do chậm trễ.');
  expect(escalation.text).toContain('Xem chi tiết: https://kehoach.bacson.example.vn/commune-plans/bac-son-70-nam-dien-bien-phu.xa-vu-lang');
  expect(escalation.html).toContain('Yêu cầu UBND xã Vũ Lăng khẩn trương hoàn thành');
});

test('a requested unit is asked, never ordered', () => {
  for (const event of ['assigned', 'reminder', 'escalation'] as const) {
    const { subject, text } = render(notice(event, 'requested'), ctx);
    expect(text).toContain('trân trọng đề nghị UBND xã Vũ Lăng quan tâm');
    expect(text).not.toMatch(/yêu cầu/i);
    expect(subject).not.toMatch(/Yêu cầu|Quá hạn/);
  }
});

test('the leadership digest names the overdue communes with their working days late', () => {
  const board = {
    campaignId: 'bac-son-70-nam-dien-bien-phu',
    plan: { id: 'bac-son-70-nam-dien-bien-phu', reference: '/KH-UBND', title: 'Tổ chức các hoạt động kỷ niệm' },
    deadlines: { communePlanDue: '2024-04-26', reportDue: '2024-05-31' },
    asOf: '2024-05-02T10:00:00.000Z',
    totals: { communes: 18, started: 18, awaiting_submission: 2, submitted: 3, returned: 0, accepted: 13, overdue: 2, submittedLate: 0, extensionPending: 0 },
    communes: [
      { commune: 'xa-hung-vu', name: 'UBND xã Hưng Vũ', status: 'awaiting_submission', dueDate: '2024-04-26', overdue: true, daysLate: 2, submittedAt: null, version: 0, extensionPending: false },
      { commune: 'xa-dong-y', name: 'UBND xã Đồng Ý', status: 'awaiting_submission', dueDate: '2024-04-26', overdue: true, daysLate: 2, submittedAt: null, version: 0, extensionPending: false },
    ],
  } as unknown as Board;
  const digest = render(overdueDigest('k/1-overdue', board, ['xa-hung-vu', 'xa-dong-y'], directory.parties), ctx);
  expect(digest.subject).toBe('[Kế hoạch các xã] 2 đơn vị quá hạn gửi kế hoạch');
  expect(digest.text).toContain('- UBND xã Hưng Vũ: hạn 26/04/2024, chậm 2 ngày làm việc');
  expect(digest.text).toContain('- UBND xã Đồng Ý: hạn 26/04/2024, chậm 2 ngày làm việc');
  expect(digest.text).toContain('- Đang quá hạn: 2');
  expect(digest.text).toContain('- Số liệu tính đến: 17:00 ngày 02/05/2024');
});
