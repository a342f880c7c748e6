/**
 * The days off the law itself fixes, for any year: Labour Code 2019, Article 112. Public servants rest on
 * Saturdays and Sundays, so a holiday that falls on one gives the next working day off (Art. 112.3). The
 * government's yearly announcement decides what the law leaves open (which five days of Tết, the day next
 * to 2/9, swapped Saturdays); until it is recorded these computed days stand in, marked provisional.
 */
import { canChi, lunarToSolar } from './lunar';

export interface ComputedHoliday {
  date: string;
  name: string;
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const isWeekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * Art. 112.1 for a solar year. Where the law leaves a choice, the usual one: Tết is the last day of the old
 * lunar year and the first four of the new; 2/9 takes the day after.
 */
export function statutoryDays(year: number): ComputedHoliday[] {
  const tet = lunarToSolar(1, 1, year)!;
  const name = `Tết Nguyên đán ${canChi(year)}`;
  return [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: addDays(tet, -1), name: `${name} (ngày cuối năm âm lịch)` },
    { date: tet, name: `${name} (mùng 1 Tết)` },
    { date: addDays(tet, 1), name: `${name} (mùng 2 Tết)` },
    { date: addDays(tet, 2), name: `${name} (mùng 3 Tết)` },
    { date: addDays(tet, 3), name: `${name} (mùng 4 Tết)` },
    { date: lunarToSolar(10, 3, year)!, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng (30/4)' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động (1/5)' },
    { date: `${year}-09-02`, name: 'Quốc khánh (2/9)' },
    { date: `${year}-09-03`, name: 'Quốc khánh (ngày liền kề sau 2/9)' },
  ];
}

/** The statutory days of a year with, for each that falls on a weekend, the next working day off in its place. */
export function computedDaysOff(year: number): ComputedHoliday[] {
  const days = statutoryDays(year);
  const off = new Map(days.map((d) => [d.date, d.name]));
  for (const d of days) {
    if (!isWeekend(d.date)) continue;
    let next = addDays(d.date, 1);
    while (isWeekend(next) || off.has(next)) next = addDays(next, 1);
    off.set(next, `Nghỉ bù ${d.name} (trùng ngày nghỉ hằng tuần)`);
  }
  return [...off].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
}
