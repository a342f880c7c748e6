/**
 * `npx tsx scripts/working-date.ts <n> [from]`: prints the date (YYYY-MM-DD) that is the n-th working day
 * after `from` (default: today in Asia/Ho_Chi_Minh), by the service's own calendar. Scripts pick deadlines
 * with it, so they never land on a weekend or a holiday whatever day they run.
 */
import { WorkingCalendar, localDate } from '../catalog/calendar';
import { loadConfig } from '../config/env';

const [nText, from] = process.argv.slice(2);
const n = Number(nText);
if (!Number.isInteger(n) || n < 1 || (from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(from))) {
  process.stderr.write('usage: npx tsx scripts/working-date.ts <working days, ≥ 1> [YYYY-MM-DD]\n');
  process.exit(2);
}
const calendar = WorkingCalendar.fromFile(loadConfig().HOLIDAYS_FILE);
process.stdout.write(`${calendar.addWorkingDays(from ?? localDate(new Date()), n)}\n`);
