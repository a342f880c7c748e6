/**
 * The holiday calendar's rules without a server: only the office records what the government announced; a
 * day off must fall on a working day of that year, a day worked in exchange on a weekend; a second decision
 * for a year supersedes the first, which stays in the record.
 */
import { checkRecord, record } from '../../workflows/calendar/rules';
import type { RecordedSchedule } from '../../workflows/calendar/messages';
import { at, person, refusalOf } from '../support/rules';

// Tết 2025: Monday 27/01 to Friday 31/01 off; no weekend worked.
const tet2025 = {
  year: 2025,
  decision: { number: '1234/TB-BNV', date: '2024-11-20', issuer: 'Bộ Nội vụ' },
  holidays: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((date) => ({ date, name: 'Tết Nguyên đán' })),
  workingWeekends: [],
};

test('only an administrator of the office records a schedule', () => {
  expect(refusalOf(() => checkRecord(person('thep-dt'), tet2025)).type).toBe('Forbidden');
  expect(checkRecord(person('lan-vp'), tet2025).holidays).toHaveLength(5);
});

test('days off outside the year, on a weekend or twice, and worked days that are not weekends, are each named', () => {
  const r = refusalOf(() =>
    checkRecord(person('lan-vp'), {
      ...tet2025,
      holidays: [{ date: '2024-12-31', name: 'x' }, { date: '2025-02-01', name: 'Thứ Bảy' }, { date: '2025-01-27', name: 'a' }, { date: '2025-01-27', name: 'b' }],
      workingWeekends: [{ date: '2025-02-08', name: 'Thứ Bảy làm bù' }, { date: '2025-02-10', name: 'Thứ Hai' }],
    }),
  );
  expect(r.type).toBe('InvalidInput');
  expect(r.fields).toEqual([
    { field: 'holidays.0.date', message: 'không thuộc năm 2025' },
    { field: 'holidays.1.date', message: expect.stringContaining('ngày nghỉ hằng tuần') },
    { field: 'holidays.3.date', message: 'ghi trùng' },
    { field: 'workingWeekends.1.date', message: 'không phải thứ Bảy hay Chủ nhật' },
  ]);
  expect(refusalOf(() => checkRecord(person('lan-vp'), { ...tet2025, holidays: [] })).fields.map((f) => f.field)).toEqual(['holidays']);
});

test('a second decision for a year supersedes the first, which stays; another year supersedes nothing', () => {
  const recorded: RecordedSchedule[] = [];
  const first = record(recorded, person('lan-vp'), checkRecord(person('lan-vp'), tet2025), at(1));
  const other = record(recorded, person('lan-vp'), checkRecord(person('lan-vp'), { ...tet2025, year: 2026, holidays: [{ date: '2026-02-16', name: 'Tết' }] }), at(2));
  const second = record(recorded, person('lan-vp'), checkRecord(person('lan-vp'), { ...tet2025, holidays: tet2025.holidays.slice(0, 4) }), at(3));
  expect([first.supersedes, other.supersedes, second.supersedes]).toEqual([null, null, 1]);
  expect(recorded.map((r) => [r.seq, r.schedule.year, r.recordedAt])).toEqual([[1, 2025, at(1)], [2, 2026, at(2)], [3, 2025, at(3)]]);
});
