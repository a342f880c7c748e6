/**
 * Reporting deadlines in working days, by skipping time on the time-skipping test server. Three assignments
 * are opened on a Thursday: the Military Command (directed) and the Youth Union (requested) report by the
 * next Wednesday, the Veterans' Association (requested) by a Sunday, which moves past the holiday Monday to
 * Tuesday. Reminders go out two working days (one for the veterans) before, worded as a direction or a
 * request; an escalation goes to the leadership and the office only where no report has come in.
 */
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { outboxMailer } from '../activities/mailer';
import { buildTimeline } from '../api/audit/timeline';
import { formatVietnamDate, localDate, localTime, WorkingCalendar } from '../catalog/calendar';
import {
  ASSIGNMENT_WORKFLOW_TYPE,
  assignmentWorkflowId,
  getAssignmentQuery,
  submitReportUpdate,
  type AssignmentInput,
} from '../workflows/assignment/messages';
import { eventually } from './support/budget-api';
import { directory, readOutbox, tempDir } from './support/temporal';
import { useTimeSkipping } from './support/time-skipping';

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const nameOf = (code: string) => directory.unit(code)!.name;

const skipping = useTimeSkipping();

test('reminders worded by kind of body, escalation only where the report is missing, across a weekend and a holiday', async () => {
  // A Wednesday at least a week ahead on the test server's clock; the Monday before it is a public holiday.
  const { env, skipTo: advanceTo } = skipping;
  let wednesday = localDate(new Date((await env.currentTimeMs()) + 8 * DAY));
  while (new Date(`${wednesday}T00:00:00Z`).getUTCDay() !== 3) wednesday = addDays(wednesday, 1);
  const [thursday, friday, sunday, monday, tuesday] = [-6, -5, -3, -2, -1].map((n) => addDays(wednesday, n)) as [string, string, string, string, string];
  const year = (d: string) => d.slice(0, 4);
  const calendar = new WorkingCalendar({
    timeZone: 'Asia/Ho_Chi_Minh',
    years: {
      [year(thursday)]: { holidays: [{ date: monday, name: 'Ngày nghỉ lễ (thử nghiệm)' }], workingWeekends: [] },
      [year(wednesday)]: { holidays: [{ date: monday, name: 'Ngày nghỉ lễ (thử nghiệm)' }], workingWeekends: [] },
    },
  });
  await advanceTo(localTime(thursday, 9));

  const outbox = tempDir('outbox-assignment-deadlines');
  const taskQueue = 'assignment-deadlines';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: createActivities({ directory, calendar, mailer: outboxMailer(outbox, 'test@bacson.example.vn'), publicUrl: 'http://localhost:3000' }),
  });

  const base = { campaignId: 'CD-DEADLINES', planId: 'bac-son-70-nam-dien-bien-phu', reviewerAgency: 'bchqs' };
  const military: AssignmentInput = {
    ...base,
    assignment: { number: 1, agency: 'bchqs', mode: 'directed', role: 'lead', tasks: ['Chủ trì tham mưu cho UBND huyện chỉ đạo các hoạt động kỷ niệm.'], activities: ['II.5.a'] },
    reportDueDate: wednesday,
    reminderBefore: 2,
  };
  const youth: AssignmentInput = {
    ...base,
    assignment: { number: 11, agency: 'huyen-doan', mode: 'requested', role: 'lead', tasks: ['Chủ trì triển khai tham gia Cuộc thi tìm hiểu.'], activities: ['II.1.b'] },
    reportDueDate: wednesday,
    reminderBefore: 2,
  };
  const veterans: AssignmentInput = {
    ...base,
    assignment: { number: 12, agency: 'hoi-ccb', mode: 'requested', role: 'lead', tasks: ['Tham mưu thăm, tặng quà Cựu Chiến binh.'], activities: ['II.4.c'] },
    reportDueDate: sunday,
    reminderBefore: 1,
  };
  const report = { narrative: 'Đã tổ chức vòng thi cấp huyện.', figures: { eventsHeld: 2, peopleReached: 350, giftsGiven: 0, giftsValue: 0, moneySpent: 4_000_000 } };

  await worker.runUntil(async () => {
    const start = (input: AssignmentInput) =>
      env.client.workflow.start(ASSIGNMENT_WORKFLOW_TYPE, {
        workflowId: assignmentWorkflowId(input.campaignId, input.assignment.number, input.assignment.agency),
        taskQueue,
        args: [input],
      });
    const [a, b, c] = [await start(military), await start(youth), await start(veterans)];
    const planned = async (h: typeof a) =>
      eventually(async () => {
        const s = await h.query(getAssignmentQuery);
        if (!s.dueAt) throw new Error('deadline not planned yet');
        return s;
      });
    expect((await planned(a)).dueAt).toBe(localTime(wednesday, 17).toISOString());
    expect((await planned(b)).dueAt).toBe(localTime(wednesday, 17).toISOString());
    // Due on a Sunday: the Monday is a holiday, so the close of Tuesday.
    expect((await planned(c)).dueAt).toBe(localTime(tuesday, 17).toISOString());

    // Directed agencies' subjects say "Nhiệm vụ III.n", requested bodies' "Mục III.n".
    const mailsOf = async (item: number) => (await readOutbox(outbox)).filter((m) => / III\.(\d+) -/.exec(m.subject)?.[1] === String(item));

    // Friday 07:29: nothing yet. 07:31: the three reminders (Friday is two working days before Wednesday,
    // one before Tuesday, since the weekend and the holiday Monday do not count).
    await advanceTo(localTime(friday, 7, 29));
    expect(await readOutbox(outbox)).toEqual([]);
    await advanceTo(localTime(friday, 7, 31));
    const [toMilitary, toYouth, toVeterans] = await eventually(async () => {
      const r = await Promise.all([1, 11, 12].map(async (n) => (await mailsOf(n)).filter((m) => m.subject.endsWith('Nhắc hạn gửi báo cáo kết quả'))));
      r.forEach((x) => expect(x).toHaveLength(1));
      return r.map((x) => x[0]!);
    });
    expect(toMilitary!.text).toContain(
      `Yêu cầu ${nameOf('bchqs')} báo cáo kết quả thực hiện nhiệm vụ được giao tại mục III.1 của Kế hoạch trước 17:00 ngày ${formatVietnamDate(wednesday)}.`,
    );
    expect(toMilitary!.to).toEqual(['bchqs@bacson.example.vn', 'binh-bchqs@bacson.example.vn', 'quan-bchqs@bacson.example.vn']);
    expect(toYouth!.text).toContain(
      `Đề nghị ${nameOf('huyen-doan')} báo cáo kết quả thực hiện nội dung đề nghị tại mục III.11 của Kế hoạch trước 17:00 ngày ${formatVietnamDate(wednesday)}.`,
    );
    expect(toYouth!.text).not.toContain('Yêu cầu');
    expect(toYouth!.subject).toMatch(/^\[Mục III\.11 - /);
    expect(toYouth!.to).toEqual(['huyen-doan@bacson.example.vn', 'trang-huyen-doan@bacson.example.vn']);
    expect(toVeterans!.text).toContain(`Đề nghị ${nameOf('hoi-ccb')} báo cáo kết quả`);
    expect(toVeterans!.text).toContain(`trước 17:00 ngày ${formatVietnamDate(tuesday)}`);
    const reminded = await a.query(getAssignmentQuery);
    expect(Date.parse(reminded.remindedAt!)).toBeGreaterThanOrEqual(localTime(friday, 7, 30).getTime());
    expect(Date.parse(reminded.remindedAt!)).toBeLessThan(localTime(friday, 7, 31).getTime());

    // The Youth Union reports on the holiday Monday; the others do not.
    await advanceTo(localTime(monday, 10));
    const sent = await b.executeUpdate(submitReportUpdate, { args: [{ userId: 'trang-huyen-doan', name: 'Trang', agency: 'huyen-doan', role: 'staff' }, report] });
    expect(sent).toMatchObject({ status: 'submitted', reports: [{ version: 1, late: false }] });

    // Tuesday 17:00 passes: the veterans' report is overdue; the leadership and the office are told.
    await advanceTo(localTime(tuesday, 16, 59));
    expect((await c.query(getAssignmentQuery)).overdue).toBe(false);
    await advanceTo(localTime(tuesday, 17, 1));
    const veteransLate = await eventually(async () => {
      const m = (await mailsOf(12)).filter((x) => x.subject.endsWith('Quá hạn gửi báo cáo kết quả'));
      expect(m).toHaveLength(1);
      return m[0]!;
    });
    expect(veteransLate.to).toEqual(['hung-nv@bacson.example.vn', 'lan-vp@bacson.example.vn', 'lanh-dao@bacson.example.vn', 'thep-dt@bacson.example.vn', 'van-phong@bacson.example.vn', 'vinh-hv@bacson.example.vn']);
    expect(veteransLate.text).toContain(`Báo cáo lãnh đạo: đã quá hạn báo cáo (17:00 ngày ${formatVietnamDate(tuesday)}) nhưng ${nameOf('hoi-ccb')} chưa gửi báo cáo`);
    expect((await mailsOf(1)).filter((x) => x.subject.includes('Quá hạn'))).toEqual([]);

    // Wednesday 17:00 passes: the Military Command is escalated; the Youth Union, whose report is in, is not.
    await advanceTo(localTime(wednesday, 16, 59));
    expect((await a.query(getAssignmentQuery)).overdue).toBe(false);
    await advanceTo(localTime(wednesday, 17, 1));
    await eventually(async () => expect((await mailsOf(1)).filter((x) => x.subject.endsWith('Quá hạn gửi báo cáo kết quả'))).toHaveLength(1));
    const late = await a.query(getAssignmentQuery);
    expect(late).toMatchObject({ overdue: true, status: 'awaiting_report' });
    expect(Date.parse(late.escalatedAt!)).toBeGreaterThanOrEqual(localTime(wednesday, 17).getTime());
    expect(Date.parse(late.escalatedAt!)).toBeLessThan(localTime(wednesday, 17, 1).getTime());
    const youthState = await b.query(getAssignmentQuery);
    expect(youthState).toMatchObject({ overdue: false, escalatedAt: null, status: 'submitted' });
    expect((await mailsOf(11)).map((m) => m.subject.replace(/^\[[^\]]+\] /, '')).sort()).toEqual(['Báo cáo kết quả cần xem xét', 'Nhắc hạn gửi báo cáo kết quả']);

    // The Military Command reports on Thursday: recorded as late.
    await advanceTo(localTime(addDays(wednesday, 1), 9));
    const lateReport = await a.executeUpdate(submitReportUpdate, { args: [{ userId: 'quan-bchqs', name: 'Quân', agency: 'bchqs', role: 'staff' }, report] });
    expect(lateReport.reports[0]).toMatchObject({ version: 1, late: true });
    const review = await eventually(async () => {
      const m = (await mailsOf(1)).filter((x) => x.subject.endsWith('Báo cáo kết quả cần xem xét'));
      expect(m).toHaveLength(1);
      return m[0]!;
    });
    expect(review.text).toContain('lần 1 (gửi sau hạn)');

    // Each timer's firing is in the history: the reminder and the escalation for the Military Command.
    const history = await a.fetchHistory();
    expect((history.events ?? []).filter((e) => e.timerFiredEventAttributes).length).toBe(2);
    // The audit reads which alarm fired from what the workflow recorded.
    const { entries } = await buildTimeline(history, { converter: env.client.options.loadedDataConverter, directory });
    expect(entries.filter((e) => e.kind === 'reminder' || e.kind === 'escalation').map((e) => [e.kind, e.label])).toEqual([
      ['reminder', 'Nhắc hạn báo cáo'],
      ['escalation', 'Quá hạn báo cáo - báo cáo lãnh đạo'],
    ]);
    await Promise.all([a, b, c].map((h) => h.terminate('test finished')));
  });
});
