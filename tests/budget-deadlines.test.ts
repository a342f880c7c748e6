/**
 * Deadlines in working days, by skipping time on the time-skipping test server: an estimate submitted on a
 * Friday, with two working days to appraise across a weekend and a public holiday, reminds the Finance Office
 * the morning before its deadline and escalates to the leadership and the office once it has passed.
 */
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { outboxMailer } from '../activities/mailer';
import { buildTimeline } from '../api/audit/timeline';
import { localDate, localTime, WorkingCalendar } from '../catalog/calendar';
import { budgetWorkflowId, getBudgetQuery, type StartBudgetInput } from '../workflows/budget/messages';
import { militaryEstimate } from './support/api';
import { eventually } from './support/budget-api';
import { directory, readOutbox, tempDir } from './support/temporal';
import { useTimeSkipping } from './support/time-skipping';

const DAY = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const skipping = useTimeSkipping();

test('reminder the working day before, escalation after the deadline, across a weekend and a holiday', async () => {
  const { env, skipTo } = skipping;
  // The next Friday on the test server's clock, at 09:00 in Hà Nội; the Monday after it is a public holiday.
  let friday = localDate(new Date((await env.currentTimeMs()) + DAY));
  while (new Date(`${friday}T00:00:00Z`).getUTCDay() !== 5) friday = addDays(friday, 1);
  const monday = addDays(friday, 3);
  const tuesday = addDays(friday, 4);
  const wednesday = addDays(friday, 5);
  const calendar = new WorkingCalendar({
    timeZone: 'Asia/Ho_Chi_Minh',
    years: {
      [wednesday.slice(0, 4)]: { holidays: [], workingWeekends: [] },
      [monday.slice(0, 4)]: { holidays: [{ date: monday, name: 'Ngày nghỉ lễ (thử nghiệm)' }], workingWeekends: [] },
    },
  });
  await skipTo(localTime(friday, 9));

  const outbox = tempDir('outbox-deadlines');
  const taskQueue = 'budget-deadlines';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: createActivities({ directory, calendar, mailer: outboxMailer(outbox, 'test@bacson.example.vn'), publicUrl: 'http://localhost:3000' }),
  });

  await worker.runUntil(async () => {
    const input: StartBudgetInput = {
      id: 'DT-DEADLINE-1',
      submittedBy: { userId: 'quan-bchqs', name: 'Quân', agency: 'bchqs', role: 'staff' },
      estimate: militaryEstimate,
      policy: { appraisalDays: 2, revisionDays: 5, decisionDays: 3, reminderBefore: 1 },
    };
    const handle = await env.client.workflow.start('budgetEstimateWorkflow', { workflowId: budgetWorkflowId(input.id), taskQueue, args: [input] });
    const subjects = async () => (await readOutbox(outbox)).map((m) => m.subject);

    // Saturday, Sunday and the holiday Monday do not count: due Wednesday at the close of office hours.
    const state = await eventually(async () => {
      const s = await handle.query(getBudgetQuery);
      if (!s.dueAt) throw new Error('deadline not planned yet');
      return s;
    });
    expect(state.dueAt).toBe(localTime(wednesday, 17).toISOString());
    await eventually(async () => expect(await subjects()).toHaveLength(1));

    // Monday evening (the holiday): nothing yet. Tuesday 07:30: the reminder to the appraisers.
    await skipTo(localTime(monday, 20));
    expect(await subjects()).toHaveLength(1);
    await skipTo(localTime(tuesday, 7, 31));
    const reminder = await eventually(async () => {
      const m = (await readOutbox(outbox)).find((x) => x.subject.includes('Nhắc hạn'));
      if (!m) throw new Error('no reminder yet');
      return m;
    });
    expect(reminder.to).toEqual(expect.arrayContaining(['hoa-tckh@bacson.example.vn', 'minh-tckh@bacson.example.vn', 'tckh@bacson.example.vn']));
    expect(reminder.text).toContain(`17:00 ngày ${wednesday.slice(8, 10)}/${wednesday.slice(5, 7)}/${wednesday.slice(0, 4)}`);

    // Wednesday 16:59: not overdue yet. 17:01: escalated to the leadership and the office.
    await skipTo(localTime(wednesday, 16, 59));
    expect(await subjects()).toHaveLength(2);
    expect((await handle.query(getBudgetQuery)).overdue).toBe(false);
    await skipTo(localTime(wednesday, 17, 1));
    const escalation = await eventually(async () => {
      const m = (await readOutbox(outbox)).find((x) => x.subject.includes('Quá hạn'));
      if (!m) throw new Error('no escalation yet');
      return m;
    });
    expect(escalation.to).toEqual(expect.arrayContaining(['thep-dt@bacson.example.vn', 'hung-nv@bacson.example.vn', 'van-phong@bacson.example.vn']));
    expect((await handle.query(getBudgetQuery)).overdue).toBe(true);

    // Both timer firings are part of the workflow's history.
    const history = await handle.fetchHistory();
    expect((history.events ?? []).filter((e) => e.timerFiredEventAttributes).length).toBe(2);
    // The audit reads which alarm fired from what the workflow recorded, and shows the Vietnamese text.
    const { entries } = await buildTimeline(history, { converter: env.client.options.loadedDataConverter, directory });
    expect(entries.filter((e) => e.kind === 'reminder' || e.kind === 'escalation').map((e) => [e.kind, e.label])).toEqual([
      ['reminder', 'Nhắc hạn'],
      ['escalation', 'Quá hạn - báo cáo lãnh đạo'],
    ]);
    expect(await subjects()).toHaveLength(3);
    await handle.terminate('test finished');
  });
});
