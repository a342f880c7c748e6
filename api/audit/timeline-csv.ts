/** The timeline as spreadsheet rows: one per entry, Vietnamese column names, amounts and states as people read them. */
import { labelOf, statusLabels } from './labels';
import type { Change, TimelineEntry } from './timeline';

export const TIMELINE_CSV_COLUMNS = [
  'STT',
  'Thời gian (giờ Việt Nam)',
  'Thời điểm (UTC)',
  'Loại',
  'Thao tác',
  'Người thực hiện',
  'Tài khoản',
  'Đơn vị',
  'Vai trò',
  'Trạng thái trước',
  'Trạng thái sau',
  'Nội dung',
  'Thay đổi',
  'Người nhận thư',
  'Mã sự kiện',
];

const short = (v: unknown): string => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
};

const changeText = (changes: readonly Change[]): string => changes.map((c) => `${c.path}: ${short(c.before)} → ${short(c.after)}`).join('\n');

export function timelineCsvRow(e: TimelineEntry): string[] {
  return [
    String(e.seq),
    e.time,
    e.at,
    e.kindLabel,
    e.label,
    e.actor?.name ?? '',
    e.actor?.userId ?? '',
    e.actor ? (e.actor.agencyName ?? e.actor.agency) : '',
    e.actor?.roleLabel ?? '',
    e.statusBefore ? labelOf(statusLabels, e.statusBefore) : '',
    e.statusAfter ? labelOf(statusLabels, e.statusAfter) : '',
    e.details,
    changeText(e.changes),
    e.recipients.join(', '),
    e.eventId,
  ];
}
