/**
 * A calendar for every year: Vietnam's lunar calendar (UTC+7) against known years, the days off the Labour
 * Code fixes computed for a year nobody has announced yet (2027), and a deadline counted over them.
 */
import path from 'node:path';
import { WorkingCalendar } from '../catalog/calendar';
import { canChi, lunarToSolar } from '../catalog/lunar';
import { computedDaysOff, statutoryDays } from '../catalog/statutory-holidays';

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
