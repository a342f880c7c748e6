/**
 * A campaign over the 18 communes of the directory, through HTTP, skipping time on the time-skipping test
 * server. The office starts it; most communes send their plan and the Military Command accepts it; Long Đống
 * is returned and resubmits; Bắc Quỳnh asks for more time and gets it; Chiêu Vũ asks and is refused; Hưng Vũ
 * is late: reminded the working day before, overdue at the close of the due day, escalated one working day
 * later across two holidays, and counted late in working days. The board shows each of them at every step.
 *
 * The test server's clock starts today, past the last year of catalog/holidays.json, so the two holidays are
 * test data placed right after the deadline (the calendar is the real one, with that data added).
 */
import type { Worker } from '@temporalio/worker';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { outboxMailer } from '../activities/mailer';
import { localDate, localTime, WorkingCalendar, type HolidaysData } from '../catalog/calendar';
import { getAssignmentQuery } from '../workflows/assignment/messages';
import { announcedYears, HolidayDecisionsSchema } from '../catalog/holiday-decisions';
import { campaignWorkflowId, type Board, type BoardEntry } from '../workflows/campaign/messages';
import { communePlanId, type CommunePlanState } from '../workflows/commune-plan/messages';
import type { DocumentRef } from '../workflows/common/document';
import { createTestApi } from './support/api';
import { eventually } from './support/budget-api';
import { campaignApi, campaignSettings, planCopy, submission } from './support/campaign';
import { pdf } from './support/pdf';
import { createTestWorker, directory, readOutbox, tempDir } from './support/temporal';
import { useTimeSkipping } from './support/time-skipping';

jest.setTimeout(300_000);

const DAY = 86_400_000;
const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const vn = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

let worker: Worker;
let running: Promise<void>;

const skipping = useTimeSkipping();
skipping.beforeStop(async () => {
  worker?.shutdown();
  await running;
});

/** The real holidays plus two test holidays (`extra`), for every year from `from` to `to`. */
function calendarWith(extra: string[], from: string, to: string): WorkingCalendar {
  const decisions = HolidayDecisionsSchema.parse(JSON.parse(readFileSync(path.resolve(__dirname, '../catalog/holidays.json'), 'utf8')));
  const real: HolidaysData = { timeZone: decisions.timeZone, years: announcedYears(decisions) };
  const years = { ...real.years };
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y += 1) years[String(y)] ??= { holidays: [], workingWeekends: [] };
  for (const date of extra) {
    const year = years[date.slice(0, 4)]!;
    years[date.slice(0, 4)] = { ...year, holidays: [...year.holidays, { date, name: 'Ngày nghỉ lễ (dữ liệu thử nghiệm)' }] };
  }
  return new WorkingCalendar({ ...real, years });
}

test('a campaign over the 18 communes: submissions, a return, more time granted and refused, one late commune escalated', async () => {
  // Deadline: a Wednesday at least two weeks ahead; the Thursday and Friday after it are holidays.
  const { env, skipTo: sleepUntil } = skipping;
  const today = localDate(new Date(await env.currentTimeMs()));
  let due = addDays(today, 14);
  while (new Date(`${due}T00:00:00Z`).getUTCDay() !== 3) due = addDays(due, 1);
  const [thu, fri, mon, tue] = [addDays(due, 1), addDays(due, 2), addDays(due, 5), addDays(due, 6)];
  const dayBefore = addDays(due, -1);
  const calendar = calendarWith([thu, fri], today, addDays(due, 60));
  const plan = planCopy('dot-1');
  const outbox = tempDir('outbox-campaign');
  const taskQueue = 'campaign-flow';
  ({ worker } = await createTestWorker({
    taskQueue,
    connection: env.nativeConnection,
    deps: { directory, calendar, mailer: outboxMailer(outbox, 'test@bacson.example.vn'), publicUrl: 'http://localhost:3000' },
  }));
  running = worker.run();
  const api = createTestApi(env.client, taskQueue, undefined, { campaigns: campaignSettings(plan, calendar, { reminderBefore: 1, escalateAfter: 1, resubmitDays: 3 }) });
  const calls = campaignApi(api, directory);
  const id = (commune: string) => communePlanId(plan.id, commune);
  const entry = (board: Board, commune: string): BoardEntry => board.communes.find((e) => e.commune === commune)!;
  const mails = async () => (await readOutbox(outbox)).filter((m) => m.subject.startsWith('[Kế hoạch'));
  const document = async (commune: string): Promise<DocumentRef> => {
    const officer = directory.usersOf(commune, 'commune_officer')[0]!.id;
    const res = await calls.upload(pdf(commune), `Kế hoạch ${commune}.pdf`, officer);
    expect(res.status).toBe(201);
    return res.body as DocumentRef;
  };
  const submit = async (commune: string) => {
    const officer = directory.usersOf(commune, 'commune_officer')[0]!.id;
    const res = await calls.act(id(commune), 'submit', officer, submission(commune, await document(commune), localDate(new Date(await env.currentTimeMs()))));
    expect(res.status).toBe(200);
    return res.body as CommunePlanState;
  };
  const review = async (commune: string, action: 'accept' | 'return', body: object = {}) => {
    const res = await calls.act(id(commune), action, 'son-bchqs', body);
    expect(res.status).toBe(200);
    return res.body as CommunePlanState;
  };

  // A plan addressed to the communes needs their deadline.
  const noCommuneDue = await calls.start({ planId: plan.id, reportDue: calendar.addWorkingDays(due, 10) });
  expect(noCommuneDue.status).toBe(400);
  expect(noCommuneDue.body.errors).toEqual([{ field: 'body.communePlanDue', message: 'bắt buộc: kế hoạch giao nhiệm vụ cho các xã' }]);
  // The office starts the campaign: 18 commune plans, one assignment per agency item (not items 9 and 13).
  const started = await calls.start({ planId: plan.id, communePlanDue: due, reportDue: calendar.addWorkingDays(due, 10) });
  expect(started.status).toBe(201);
  expect(started.headers.location).toBe(`/api/v1/campaigns/${plan.id}/board`);
  let board = await eventually(async () => {
    const b = await calls.boardOf(plan.id);
    expect(b.totals.started).toBe(18);
    return b;
  }, 60_000);
  expect(board.totals).toMatchObject({ communes: 18, awaiting_submission: 18, overdue: 0 });
  expect(board.communes.every((e) => e.dueDate === due && !e.overdue && e.daysLate === 0)).toBe(true);
  // Page by page (as a national campaign's board is read): every commune once, in the plan's order, each page
  // with the totals of all of them.
  const paged: string[] = [];
  let page: Board | undefined;
  do {
    page = await calls.boardOf(plan.id, 'thep-dt', { pageSize: 5, ...(page?.nextPageToken ? { pageToken: page.nextPageToken } : {}) });
    expect(page.communes.length).toBeLessThanOrEqual(5);
    expect(page.totals.communes).toBe(18);
    paged.push(...page.communes.map((e) => e.commune));
  } while (page.nextPageToken);
  expect(paged).toEqual(board.communes.map((e) => e.commune));
  expect((await calls.board(plan.id, 'thep-dt', { pageToken: 'NOT A TOKEN' })).status).toBe(400);
  // III.13 (every agency and socio-political organisation) is not dropped: each unit the plan names nowhere else reports on it.
  expect(board.assignments.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 13, 13, 13, 13]);
  const front = await eventually(async () => env.client.workflow.getHandle(`assignment:${plan.id}:13-ubmttq`).query(getAssignmentQuery));
  expect(front.assignment).toMatchObject({ number: 13, agency: 'ubmttq', mode: 'requested' });
  const inspectorate = await eventually(async () => env.client.workflow.getHandle(`assignment:${plan.id}:13-thanh-tra`).query(getAssignmentQuery));
  expect(inspectorate.assignment).toMatchObject({ number: 13, agency: 'thanh-tra', mode: 'directed' });
  expect(board.assignments[0]).toMatchObject({ agency: 'bchqs', workflowId: `assignment:${plan.id}:1-bchqs` });
  const assignment = await env.client.workflow.getHandle(`assignment:${plan.id}:10-btg`).describe();
  expect(assignment.type).toBe('assignmentWorkflow');
  const kickoffs = await eventually(async () => {
    const m = (await mails()).filter((x) => x.subject.includes('Yêu cầu xây dựng kế hoạch'));
    expect(m).toHaveLength(18);
    return m;
  });
  expect(kickoffs.find((m) => m.to.includes('xa-hung-vu@bacson.example.vn'))!.text).toContain(`UBND huyện yêu cầu UBND xã Hưng Vũ xây dựng kế hoạch`);

  // Day one: fourteen communes send their plan; the reviewer accepts eleven, returns Long Đống's.
  const early = ['tt-bac-son', 'xa-long-dong', 'xa-vu-lang', 'xa-tan-lap', 'xa-tan-huong', 'xa-nhat-hoa', 'xa-nhat-tien', 'xa-tan-thanh', 'xa-vu-le', 'xa-tan-tri', 'xa-chien-thang', 'xa-vu-son', 'xa-van-thuy', 'xa-dong-y'];
  for (const c of early) await submit(c);
  for (const c of early.filter((x) => !['xa-long-dong', 'xa-van-thuy', 'xa-dong-y'].includes(x))) await review(c, 'accept', { comments: 'Kế hoạch đầy đủ nội dung.' });
  const returned = await review('xa-long-dong', 'return', { comments: 'Bổ sung nội dung thăm, tặng quà gia đình chính sách (mục II.4).' });
  expect(returned).toMatchObject({ status: 'returned', awaiting: { agency: 'xa-long-dong', role: 'commune_officer' } });
  expect(returned.deadline.dueDate).toBe(due); // the deadline is further away than three working days

  // Bắc Quỳnh asks for more time, to the Monday after the holidays, and the leadership grants it; Chiêu Vũ is refused.
  const asked = await calls.act(id('xa-bac-quynh'), 'request-extension', 'nga-xa-bac-quynh', { reason: 'Chờ ý kiến của Đảng ủy xã', requestedDate: mon });
  expect(asked.status).toBe(200);
  // The board hears of each change from the commune plan a moment after the action.
  await eventually(async () => expect((await calls.boardOf(plan.id)).totals.extensionPending).toBe(1));
  const granted = await calls.act(id('xa-bac-quynh'), 'grant-extension', 'thep-dt', { comments: 'Đồng ý.' });
  expect(granted.status).toBe(200);
  expect((granted.body as CommunePlanState).deadline).toMatchObject({ dueDate: mon, dueAt: localTime(mon, 17).toISOString() });
  await calls.act(id('xa-chieu-vu'), 'request-extension', 'lien-xa-chieu-vu', { reason: 'Cán bộ đi tập huấn', requestedDate: mon });
  const refused = await calls.act(id('xa-chieu-vu'), 'refuse-extension', 'thep-dt', { reason: 'Thời gian còn đủ để hoàn thành.' });
  expect(refused.status).toBe(200);
  expect((refused.body as CommunePlanState).deadline.dueDate).toBe(due);
  await eventually(async () =>
    expect((await mails()).filter((m) => m.subject.includes('gia hạn')).map((m) => m.subject.replace(/^\[[^\]]+\] /, '')).sort()).toEqual(
      ['Không đồng ý gia hạn gửi kế hoạch', 'Đề nghị gia hạn gửi kế hoạch', 'Đề nghị gia hạn gửi kế hoạch', 'Đồng ý gia hạn gửi kế hoạch'].sort(),
    ),
  );

  // The next day Long Đống sends its plan again, and it is accepted.
  await sleepUntil(localTime(addDays(today, 1), 9));
  const again = await submit('xa-long-dong');
  expect(again.submissions.map((s) => s.version)).toEqual([1, 2]);
  await review('xa-long-dong', 'accept');
  board = await eventually(async () => {
    const b = await calls.boardOf(plan.id);
    expect(b.totals).toMatchObject({ accepted: 12, submitted: 2, returned: 0, awaiting_submission: 4, overdue: 0, extensionPending: 0 });
    return b;
  });
  expect(entry(board, 'xa-long-dong')).toMatchObject({ status: 'accepted', version: 2, daysLate: 0 });
  expect(entry(board, 'xa-bac-quynh')).toMatchObject({ status: 'awaiting_submission', dueDate: mon });

  // The reminder goes out the working day before the deadline, at the opening of office hours, to who still owes a plan.
  const reminders = async () => (await mails()).filter((m) => m.subject.includes('Nhắc hạn'));
  await sleepUntil(localTime(addDays(due, -2), 20));
  expect(await reminders()).toHaveLength(0);
  await sleepUntil(localTime(dayBefore, 7, 31));
  const firstReminders = await eventually(async () => {
    const r = await reminders();
    expect(r).toHaveLength(3);
    return r;
  });
  expect(firstReminders.map((m) => m.to.find((a) => /^xa-|^tt-/.test(a))).sort()).toEqual([
    'xa-chieu-vu@bacson.example.vn',
    'xa-hung-vu@bacson.example.vn',
    'xa-tran-yen@bacson.example.vn',
  ]);
  const hungVuReminder = firstReminders.find((m) => m.to.includes('xa-hung-vu@bacson.example.vn'))!;
  expect(hungVuReminder.to).toContain('thang-xa-hung-vu@bacson.example.vn');
  expect(hungVuReminder.text).toContain(`UBND huyện yêu cầu UBND xã Hưng Vũ hoàn thành và gửi kế hoạch tổ chức các hoạt động trước 17:00 ngày ${vn(due)}`);

  // Chiêu Vũ sends its plan that morning; Trấn Yên an hour before the deadline. Bắc Quỳnh is reminded on the due
  // day itself: one working day before its Monday, the Thursday and Friday being holidays.
  await submit('xa-chieu-vu');
  await sleepUntil(localTime(due, 7, 31));
  await eventually(async () => expect((await reminders()).map((m) => m.to).flat()).toContain('xa-bac-quynh@bacson.example.vn'));
  await sleepUntil(localTime(due, 16));
  expect((await submit('xa-tran-yen')).submissions[0]).toMatchObject({ late: false, daysLate: 0 });

  // 17:01: Hưng Vũ is overdue, not yet late by a working day, and not yet escalated (that comes a working day later).
  await sleepUntil(localTime(due, 17, 1));
  board = await eventually(async () => {
    const b = await calls.boardOf(plan.id);
    expect(b.totals.overdue).toBe(1);
    return b;
  });
  expect(board.overdue).toEqual([{ commune: 'xa-hung-vu', name: 'UBND xã Hưng Vũ', dueDate: due, daysLate: 0 }]);
  expect(entry(board, 'xa-bac-quynh')).toMatchObject({ overdue: false, dueDate: mon });
  expect(entry(board, 'xa-tran-yen')).toMatchObject({ status: 'submitted', overdue: false, daysLate: 0 });

  // The holidays and the weekend do not count: on Friday Hưng Vũ is still 0 working days late; on Monday 1.
  await sleepUntil(localTime(fri, 12));
  board = await calls.boardOf(plan.id);
  expect(entry(board, 'xa-hung-vu')).toMatchObject({ status: 'awaiting_submission', overdue: true, daysLate: 0 });
  await sleepUntil(localTime(mon, 10));
  board = await eventually(async () => {
    const b = await calls.boardOf(plan.id);
    expect(entry(b, 'xa-hung-vu').daysLate).toBe(1);
    return b;
  });
  expect(board.asOf >= localTime(mon, 0).toISOString()).toBe(true);

  // Bắc Quỳnh sends its plan on its extended deadline: on time.
  expect((await submit('xa-bac-quynh')).submissions[0]).toMatchObject({ late: false, daysLate: 0 });

  // Monday 16:59 no escalation; 17:01 the commune is escalated, and the leadership and the office get one digest.
  const escalations = async () => (await mails()).filter((m) => m.subject.includes('Quá hạn gửi kế hoạch') || m.subject.includes('quá hạn gửi kế hoạch'));
  await sleepUntil(localTime(mon, 16, 59));
  expect(await escalations()).toHaveLength(0);
  await sleepUntil(localTime(mon, 17, 1));
  const [toCommune, digest] = await eventually(async () => {
    const e = await escalations();
    expect(e).toHaveLength(2);
    return [e.find((m) => m.to.includes('xa-hung-vu@bacson.example.vn'))!, e.find((m) => m.to.includes('thep-dt@bacson.example.vn'))!];
  });
  expect(toCommune.to.sort()).toEqual(['thang-xa-hung-vu@bacson.example.vn', 'xa-hung-vu@bacson.example.vn']);
  expect(toCommune.text).toContain(`Đã quá thời hạn (17:00 ngày ${vn(due)}) nhưng UBND xã Hưng Vũ chưa gửi kế hoạch`);
  expect(digest.to).toEqual(expect.arrayContaining(['hung-nv@bacson.example.vn', 'lanh-dao@bacson.example.vn', 'van-phong@bacson.example.vn', 'lan-vp@bacson.example.vn']));
  expect(digest.subject).toBe('[Kế hoạch các xã] 1 đơn vị quá hạn gửi kế hoạch');
  expect(digest.text).toContain(`UBND xã Hưng Vũ: hạn ${vn(due)}, chậm 1 ngày làm việc`);

  // Tuesday: 2 working days late; Hưng Vũ sends its plan, which stays marked as late by 2 working days.
  await sleepUntil(localTime(tue, 10));
  await eventually(async () => expect(entry(await calls.boardOf(plan.id), 'xa-hung-vu').daysLate).toBe(2));
  expect((await submit('xa-hung-vu')).submissions[0]).toMatchObject({ late: true, daysLate: 2 });
  board = await eventually(async () => {
    const b = await calls.boardOf(plan.id);
    expect(entry(b, 'xa-hung-vu').status).toBe('submitted');
    return b;
  });
  expect(entry(board, 'xa-hung-vu')).toMatchObject({ overdue: false, daysLate: 2 });
  expect(board.totals).toMatchObject({ accepted: 12, submitted: 6, awaiting_submission: 0, overdue: 0, submittedLate: 1 });
  expect(board.overdue).toEqual([]);

  // A commune officer sees their own line; the reviewer accepts the rest, and the campaign completes.
  const own = await calls.boardOf(plan.id, 'thang-xa-hung-vu');
  expect(own.communes).toEqual([expect.objectContaining({ commune: 'xa-hung-vu', daysLate: 2 })]);
  for (const c of ['xa-van-thuy', 'xa-dong-y', 'xa-chieu-vu', 'xa-tran-yen', 'xa-bac-quynh', 'xa-hung-vu']) await review(c, 'accept');
  const final = (await env.client.workflow.getHandle(campaignWorkflowId(plan.id)).result()) as Board;
  expect(final.status).toBe('completed');
  expect(final.totals).toMatchObject({ communes: 18, accepted: 18, overdue: 0, submittedLate: 1 });
  expect(final.communes.filter((e) => e.daysLate > 0)).toEqual([expect.objectContaining({ commune: 'xa-hung-vu', daysLate: 2 })]);

  // Finished, everything stays readable; nothing can change any more.
  expect((await calls.boardOf(plan.id)).status).toBe('completed');
  const closed = await calls.get(id('xa-hung-vu'), 'thang-xa-hung-vu');
  expect(closed.body).toMatchObject({ status: 'accepted', submissions: [{ late: true, daysLate: 2 }], reviews: [{ outcome: 'accepted', by: { userId: 'son-bchqs' } }] });
  const tooLate = await calls.act(id('xa-hung-vu'), 'return', 'son-bchqs', { comments: 'Xem lại.' });
  expect(tooLate.status).toBe(409);
});
