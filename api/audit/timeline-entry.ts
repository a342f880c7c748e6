/** The shape of a timeline entry: one zod schema, for the API's answer, its OpenAPI entry and the CSV. */
import { z } from 'zod';
import { ActorSchema } from '../../workflows/common/actor';
import { timelineKindLabels } from './labels';

export const TimelineKinds = Object.keys(timelineKindLabels) as Array<keyof typeof timelineKindLabels>;
export type TimelineKind = keyof typeof timelineKindLabels;

export const TimelineActorSchema = ActorSchema.extend({
  roleLabel: z.string(),
  agencyName: z.string().optional(),
  /** A decision's authority in words: "KT. Chủ tịch, Phó Chủ tịch Dương Thị Thép (căn cứ: …)". */
  authority: z.string().optional(),
});
export type TimelineActor = z.infer<typeof TimelineActorSchema>;

export const ChangeSchema = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type Change = z.infer<typeof ChangeSchema>;

export const TimelineEntrySchema = z.object({
  seq: z.number().int().describe('số thứ tự trong dòng thời gian, từ 1'),
  eventId: z.string().describe('mã sự kiện trong lịch sử Temporal'),
  at: z.string().describe('thời điểm, ISO 8601 UTC'),
  time: z.string().describe('giờ Việt Nam (Asia/Ho_Chi_Minh), dd/MM/yyyy HH:mm:ss'),
  kind: z.enum(TimelineKinds as [TimelineKind, ...TimelineKind[]]),
  kindLabel: z.string(),
  name: z.string().describe('tên gốc: kiểu workflow, tên Update/signal, tóm tắt hẹn giờ, sự kiện thông báo'),
  label: z.string().describe('tên tiếng Việt'),
  actor: TimelineActorSchema.nullable(),
  statusBefore: z.string().nullable(),
  statusAfter: z.string().nullable(),
  input: z.unknown().optional().describe('dữ liệu của thao tác, như đã ghi trong lịch sử'),
  changes: z.array(ChangeSchema).describe('những gì thao tác đã thay đổi trong trạng thái hồ sơ'),
  recipients: z.array(z.string()).describe('địa chỉ đã nhận thư'),
  subject: z.string().optional(),
  details: z.string().describe('tóm tắt bằng tiếng Việt'),
  failure: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export interface Timeline {
  workflowType: string;
  entries: TimelineEntry[];
}
