/**
 * A calendar for every year: Vietnam's lunar calendar (UTC+7) against known years, the days off the Labour
 * Code fixes computed for a year nobody has announced yet (2027), and a deadline counted over them.
 */
import path from 'node:path';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { HolidaysSchema, localDate, WorkingCalendar } from '../catalog/calendar';
import { canChi, lunarToSolar } from '../catalog/lunar';
import { computedDaysOff, statutoryDays } from '../catalog/statutory-holidays';
import { createTestApi, defaultPolicy, militaryEstimate } from './support/api';
import { eventually } from './support/budget-api';
import { campaignSettings, planCopy } from './support/campaign';
import { useService } from './support/service';
import type { Board } from '../workflows/campaign/messages';

const calendar = WorkingCalendar.fromFile(path.resolve(__dirname, '../catalog/holidays.json'));
const weekday = (d: string): number => new Date(`${d}T00:00:00Z`).getUTCDay();

test('Tết and the Hùng Kings’ day fall where Vietnamese calendars put them, also where China’s differ', () => {
  const tet: Record<number, string> = {
    1985: '1985-01-21', // China: 20/2/1985 (the new moon fell before midnight in UTC+7 only)
    2007: '2007-02-17', // China: 18/2/2007
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
    2028: '2028-01-26',
    2030: '2030-02-02', // China: 3/2/2030
  };
  for (const [year, date] of Object.entries(tet)) expect([year, lunarToSolar(1, 1, Number(year))]).toEqual([year, date]);
  const hungKings: Record<number, string> = { 2023: '2023-04-29', 2024: '2024-04-18', 2025: '2025-04-07', 2026: '2026-04-26' };
  for (const [year, date] of Object.entries(hungKings)) expect([year, lunarToSolar(10, 3, Number(year))]).toEqual([year, date]);
  expect([canChi(2024), canChi(2025), canChi(2026), canChi(2027)]).toEqual(['Giáp Thìn', 'Ất Tỵ', 'Bính Ngọ', 'Đinh Mùi']);
  // 2023 had a leap second month; an ordinary year has no leap month to ask for.
  expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
  expect(lunarToSolar(1, 2, 2024, true)).toBeUndefined();
});

test('in 2024–2026 every day off the law fixes is among the government’s announced days off', () => {
  for (const year of [2024, 2025, 2026]) {
    // The law fixes 1/1, the first day of Tết, 10/3 lunar, 30/4, 1/5 and 2/9; the rest the announcement chooses.
    const fixed = statutoryDays(year).filter((d) => /Dương lịch|mùng 1|Hùng Vương|30\/4|1\/5|\(2\/9\)/.test(d.name));
    expect(fixed).toHaveLength(6);
    for (const d of fixed) {
      const onWeekend = weekday(d.date) === 0 || weekday(d.date) === 6;
      expect([d.date, d.name, onWeekend || !calendar.isWorkingDay(d.date)]).toEqual([d.date, d.name, true]);
      expect(calendar.isProvisional(d.date)).toBe(false);
    }
  }
});

test('2024–2026: the computed days plus the recorded decisions give exactly the days off and Saturdays worked as they were listed in full', () => {
  // tests/fixtures/calendar/: catalog/holidays.json as it was when it listed every announced day, frozen.
  const listed = new WorkingCalendar(HolidaysSchema.parse(JSON.parse(readFileSync(path.resolve(__dirname, 'fixtures/calendar/holidays-2024-2026-as-listed.json'), 'utf8'))));
  const differences: string[] = [];
  let daysOff = 0;
  for (let t = Date.parse('2024-01-01T00:00:00Z'); t <= Date.parse('2026-12-31T00:00:00Z'); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (listed.isWorkingDay(date) !== calendar.isWorkingDay(date)) differences.push(`${date}: listed ${listed.isWorkingDay(date)}, computed + decisions ${calendar.isWorkingDay(date)}`);
    if (!listed.isWorkingDay(date) && weekday(date) !== 0 && weekday(date) !== 6) daysOff += 1;
  }
  expect(differences).toEqual([]);
  expect(daysOff).toBe(12 + 12 + 13); // weekdays off as announced: 12 in 2024, 12 in 2025, 13 in 2026
  for (const year of [2024, 2025, 2026]) {
    expect(calendar.yearSchedule(year).workingWeekends.map((d) => d.date)).toEqual(listed.yearSchedule(year).workingWeekends.map((d) => d.date));
    expect(calendar.yearSchedule(year).holidays.map((d) => d.date)).toEqual(listed.yearSchedule(year).holidays.map((d) => d.date));
  }
  // The data holds decisions only: no year lists the days the law already fixes.
  const recorded = JSON.parse(readFileSync(path.resolve(__dirname, '../catalog/holidays.json'), 'utf8')) as { years: Record<string, Array<{ daysOff: Array<{ date: string }> }>> };
  const recordedDaysOff = Object.values(recorded.years).flatMap((decisions) => decisions.flatMap((d) => d.daysOff.map((x) => x.date)));
  expect(recordedDaysOff).not.toContain('2024-01-01');
  expect(recordedDaysOff).not.toContain('2025-04-30');
  expect(recordedDaysOff.length).toBeLessThan(10);
});

test('2027, not announced: 1/1, Tết Đinh Mùi, 10/3 lunar, 30/4, 1/5, 2/9 and the day after are days off, with days in lieu', () => {
  expect(calendar.covers('2027-01-04')).toBe(false);
  expect(calendar.isProvisional('2027-02-05')).toBe(true);
  const off = computedDaysOff(2027);
  expect(off.map((d) => d.date)).toEqual([
    '2027-01-01',
    '2027-02-05', // the last day of the year of the Horse
    '2027-02-06', // mùng 1, a Saturday
    '2027-02-07', // mùng 2, a Sunday
    '2027-02-08',
    '2027-02-09',
    '2027-02-10', // in lieu of mùng 1
    '2027-02-11', // in lieu of mùng 2
    '2027-04-16', // 10/3 Đinh Mùi
    '2027-04-30',
    '2027-05-01', // a Saturday
    '2027-05-03', // in lieu of 1/5
    '2027-09-02',
    '2027-09-03',
  ]);
  for (const date of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-04-16', '2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03'])
    expect([date, calendar.isWorkingDay(date)]).toEqual([date, false]);
  expect(calendar.holidayName('2027-02-08')).toBe('Tết Nguyên đán Đinh Mùi (mùng 3 Tết)');
  expect(calendar.holidayName('2027-02-10')).toBe('Nghỉ bù Tết Nguyên đán Đinh Mùi (mùng 1 Tết) (trùng ngày nghỉ hằng tuần)');
  // Around them, ordinary working days.
  for (const date of ['2027-02-04', '2027-02-12', '2027-04-15', '2027-05-04']) expect([date, calendar.isWorkingDay(date)]).toEqual([date, true]);
});

test('a deadline of 5 working days from Wednesday 3/2/2027 skips all of Tết', () => {
  // Thu 4/2, then Tết (5–11/2) and the weekend, then Fri 12/2, Mon 15, Tue 16, Wed 17.
  expect(calendar.addWorkingDays('2027-02-03', 5)).toBe('2027-02-17');
  expect(calendar.workingDaysBetween('2027-02-03', '2027-02-17')).toBe(5);
});

test('the API’s reason for refusing a day names the holiday, and says when it is computed, not announced', () => {
  expect(calendar.nonWorkingReason('2027-02-05')).toBe(
    'ngày 05/02/2027 không phải ngày làm việc (Tết Nguyên đán Đinh Mùi (ngày cuối năm âm lịch); ngày nghỉ theo Bộ luật Lao động 2019, lịch nghỉ năm 2027 chưa được công bố)',
  );
  expect(calendar.nonWorkingReason('2026-09-02')).toBe('ngày 02/09/2026 không phải ngày làm việc (Quốc khánh (2/9))');
  expect(calendar.nonWorkingReason('2027-01-09')).toBe('ngày 09/01/2027 không phải ngày làm việc (thứ Bảy)');
  expect(calendar.nonWorkingReason('2027-01-04')).toBeNull();
});

describe('the office records an announced schedule through the API', () => {
  const service = useService('calendar');
  const as = async (userId: string) => ({ Authorization: await service.api.bearer(userId) });
  const tet2027 = {
    year: 2027,
    decision: { number: '1234/TB-BNV', date: '2026-11-20', issuer: 'Bộ Nội vụ' },
    holidays: [
      { date: '2027-01-01', name: 'Tết Dương lịch' },
      ...['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({ date, name: 'Tết Nguyên đán Đinh Mùi' })),
      { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
      { date: '2027-04-30', name: 'Ngày Chiến thắng (30/4)' },
      { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
      { date: '2027-09-02', name: 'Quốc khánh (2/9)' },
      { date: '2027-09-03', name: 'Quốc khánh (ngày liền kề sau 2/9)' },
    ],
    workingWeekends: [{ date: '2027-01-30', name: 'Làm bù cho thứ Sáu 12/2/2027' }],
  };

  test('until then 2027 is computed and provisional; only the office records; a bad schedule names its fields', async () => {
    const before = await request(service.api.app).get('/api/v1/calendar/2027').set(await as('quan-bchqs'));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ year: 2027, source: 'computed', provisional: true, decision: null });
    expect(before.body.holidays.map((h: { date: string }) => h.date)).toContain('2027-02-10');
    expect((await request(service.api.app).get('/api/v1/calendar/2026').set(await as('quan-bchqs'))).body).toMatchObject({ source: 'announced', provisional: false });

    expect((await request(service.api.app).post('/api/v1/calendar/schedules').set(await as('thep-dt')).send(tet2027)).status).toBe(403);
    const bad = await request(service.api.app)
      .post('/api/v1/calendar/schedules')
      .set(await as('lan-vp'))
      .send({ ...tet2027, holidays: [{ date: '2027-02-06', name: 'mùng 1 (thứ Bảy)' }, { date: '2028-01-03', name: 'năm sau' }], workingWeekends: [{ date: '2027-02-03', name: 'thứ Tư' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['holidays.0.date', 'holidays.1.date', 'workingWeekends.0.date']);
  });

  test('a recorded schedule becomes the year’s, is refused as a deadline at once, and a later decision supersedes it', async () => {
    const recorded = await request(service.api.app).post('/api/v1/calendar/schedules').set(await as('lan-vp')).send(tet2027);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ seq: 1, supersedes: null, recordedBy: { userId: 'lan-vp' }, schedule: { year: 2027, decision: { number: '1234/TB-BNV' } } });
    const year = await request(service.api.app).get('/api/v1/calendar/2027').set(await as('quan-bchqs'));
    expect(year.body).toMatchObject({ source: 'recorded', provisional: false, decision: { seq: 1 } });
    expect(year.body.holidays.map((h: { date: string }) => h.date)).toEqual(tet2027.holidays.map((h) => h.date));
    expect(year.body.workingWeekends).toEqual(tet2027.workingWeekends);

    // Friday 12/2/2027 was a working day by the law's count; now the campaign's deadline may not fall on it.
    const campaign = await request(service.api.app)
      .post('/api/v1/campaigns')
      .set(await as('lan-vp'))
      .send({ planId: 'bac-son-70-nam-dien-bien-phu', communePlanDue: '2027-02-12', reportDue: '2027-01-30' });
    expect(campaign.status).toBe(400);
    expect(campaign.body.errors).toEqual(expect.arrayContaining([{ field: 'body.communePlanDue', message: 'ngày 12/02/2027 không phải ngày làm việc (Tết Nguyên đán Đinh Mùi)' }]));
    expect(campaign.body.errors.map((e: { field: string }) => e.field)).not.toContain('body.reportDue'); // the Saturday worked

    const corrected = await request(service.api.app)
      .post('/api/v1/calendar/schedules')
      .set(await as('lan-vp'))
      .send({ ...tet2027, decision: { ...tet2027.decision, number: '1300/TB-BNV' }, holidays: tet2027.holidays.filter((h) => h.date !== '2027-02-12'), workingWeekends: [] });
    expect(corrected.body).toMatchObject({ seq: 2, supersedes: 1 });
    const list = await request(service.api.app).get('/api/v1/calendar/schedules').set(await as('thanh-tt'));
    expect(list.body.items.map((r: { seq: number; schedule: { decision: { number: string } } }) => [r.seq, r.schedule.decision.number])).toEqual([
      [1, '1234/TB-BNV'],
      [2, '1300/TB-BNV'],
    ]);
    expect((await request(service.api.app).get('/api/v1/calendar/2027').set(await as('quan-bchqs'))).body.holidays.map((h: { date: string }) => h.date)).not.toContain('2027-02-12');
  });
});

describe('"my work" marks a deadline counted over days off not announced yet', () => {
  const service = useService('calendar-work');

  test('provisional while its year is not announced, not once the office records the year', async () => {
    // Forty working days to appraise: the deadline lies well ahead, in a year the file may not cover.
    const api = createTestApi(service.client, service.taskQueue, { ...defaultPolicy, appraisalDays: 40 });
    const created = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer('quan-bchqs')).send(militaryEstimate);
    expect(created.status).toBe(201);
    const dueDate = localDate(new Date(created.body.dueAt as string));
    const year = Number(dueDate.slice(0, 4));
    const work = async () => {
      const res = await request(api.app).get('/api/v1/my-work').set('Authorization', await api.bearer('hoa-tckh'));
      const item = (res.body.items as Array<{ path: string | null; dueProvisional?: boolean }>).find((i) => i.path === `/api/v1/budgets/${created.body.id}`);
      if (!item) throw new Error('not listed yet');
      return item;
    };
    const before = await eventually(work);
    expect(before.dueProvisional).toBe(!calendar.covers(dueDate));

    // Whatever the year, once recorded its deadlines are no longer provisional.
    const weekday = [...Array(28).keys()].map((d) => `${year}-03-${String(d + 1).padStart(2, '0')}`).find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))!;
    const recorded = await request(api.app)
      .post('/api/v1/calendar/schedules')
      .set('Authorization', await api.bearer('lan-vp'))
      .send({ year, decision: { number: '99/TB-BNV', date: `${year - 1}-11-20`, issuer: 'Bộ Nội vụ' }, holidays: [{ date: weekday, name: 'Ngày nghỉ (thử nghiệm)' }] });
    expect(recorded.status).toBe(201);
    expect((await work()).dueProvisional).toBe(false);
  });
});

describe('the campaign board marks a deadline counted over days off not announced yet', () => {
  const plan = planCopy('calendar-board');
  const service = useService('calendar-board');

  test('tạm tính while the year is computed, not once the office records it', async () => {
    const api = createTestApi(service.client, service.taskQueue, undefined, { campaigns: campaignSettings(plan, calendar) });
    const as = async (userId: string) => ({ Authorization: await api.bearer(userId) });
    // Two years ahead of today: a year no announcement in the data covers.
    const year = Number(localDate(new Date()).slice(0, 4)) + 2;
    const communePlanDue = calendar.addWorkingDays(`${year}-03-01`, 5);
    const reportDue = calendar.addWorkingDays(communePlanDue, 10);
    const board = async () => (await request(api.app).get(`/api/v1/campaigns/${plan.id}/board`).set(await as('lan-vp'))).body as Board;
    const started = await request(api.app).post('/api/v1/campaigns').set(await as('lan-vp')).send({ planId: plan.id, communePlanDue, reportDue });
    expect(started.status).toBe(201);
    expect(started.body.deadlinesProvisional).toEqual({ communePlanDue: true, reportDue: true });
    const before = await eventually(async () => {
      const b = await board();
      if (b.communes.length < 18) throw new Error('communes not started yet');
      return b;
    });
    expect(before.communes.map((c) => [c.dueDate, c.dueProvisional])).toEqual(before.communes.map(() => [communePlanDue, true]));

    const weekday = calendar.addWorkingDays(`${year}-06-01`, 1);
    const recorded = await request(api.app)
      .post('/api/v1/calendar/schedules')
      .set(await as('lan-vp'))
      .send({ year, decision: { number: '98/TB-BNV', date: `${year - 1}-11-20`, issuer: 'Bộ Nội vụ' }, holidays: [{ date: weekday, name: 'Ngày nghỉ (thử nghiệm)' }] });
    expect(recorded.status).toBe(201);
    const after = await board();
    expect(after.deadlinesProvisional).toEqual({ communePlanDue: false, reportDue: false });
    expect(after.communes.every((c) => c.dueProvisional === false)).toBe(true);
  });
});
