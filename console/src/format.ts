/**
 * Money, dates and times as Vietnamese officials write them: `30.500.000 đ`, `17:00 ngày 09/12/2026`, always in
 * Asia/Ho_Chi_Minh whatever the browser's zone. Pure, so tests/console/format.test.ts checks it in Node.
 */
import { vietnamParts } from '../../workflows/common/vietnam-time';

/** Whole đồng with dots between thousands: 30500000 → "30.500.000 đ". */
export function formatDong(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = Math.trunc(Math.abs(amount)).toString();
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/** A count with dots between thousands: 1500 → "1.500". */
export function formatNumber(n: number): string {
  return formatDong(n).slice(0, -2);
}

/** An instant as "17:00 ngày 09/12/2026" (Vietnam time). */
export function formatDateTime(instant: string | Date): string {
  const p = vietnamParts(instant);
  return `${p.hour}:${p.minute} ngày ${p.day}/${p.month}/${p.year}`;
}

/** A calendar date (YYYY-MM-DD, no zone) as "09/12/2026". */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

/** Today's date in Vietnam as YYYY-MM-DD (the default of a decision date). */
export function todayInVietnam(now: Date = new Date()): string {
  const p = vietnamParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * How far a deadline is, in words: "quá hạn 2 ngày", "còn 3 giờ". Whole days and hours, counted on the clock,
 * not in working days (the API says whether a case is overdue; this only helps read it).
 */
export function dueIn(dueAt: string, now: Date = new Date()): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const amount = hours >= 24 ? `${Math.floor(hours / 24)} ngày` : hours >= 1 ? `${hours} giờ` : 'dưới 1 giờ';
  return ms < 0 ? `quá hạn ${amount}` : `còn ${amount}`;
}

export { formatPlanReference } from '../../workflows/common/plan-reference';
