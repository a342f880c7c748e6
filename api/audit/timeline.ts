/**
 * The timeline of one workflow, read from its Temporal event history and nothing else: the submission that
 * started it, every accepted action (Update or signal) with its actor, input and the state before and after,
 * every reminder and escalation timer that fired, every email the `notify` activity sent, and how it ended.
 * Refused actions are not in it, as they never entered the history.
 *
 * Nothing here knows a particular workflow type: an action is any Update whose arguments are
 * `[actor, input]` and whose result is the new state; a reminder or escalation is any timer with a summary;
 * an email is any completed `notify` activity. New workflow types appear without a code change.
 */
import type { LoadedDataConverter } from '@temporalio/common';
import {
  decodeArrayFromPayloads,
  decodeOptionalFailureToOptionalError,
  decodeUserMetadata,
} from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { formatVietnamDate } from '../../catalog/calendar';
import type { Directory } from '../../catalog/directory';
import { ActorSchema, type Actor } from '../../workflows/common/actor';
import { formatDong } from '../../workflows/common/money';
import { AwaitingAgency, CaseStatus, DueAt } from '../../workflows/common/search-attributes';
import {
  actionLabels,
  closeLabels,
  DEFAULT_START_LABEL,
  fieldLabels,
  labelOf,
  moneyFields,
  noticeEventLabels,
  roleLabels,
  startLabels,
  statusLabels,
  timelineKindLabels,
  workflowTypeLabels,
} from './labels';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type History = temporal.api.history.v1.IHistory;

export const TimelineKinds = Object.keys(timelineKindLabels) as Array<keyof typeof timelineKindLabels>;
export type TimelineKind = keyof typeof timelineKindLabels;

export const TimelineActorSchema = ActorSchema.extend({
  roleLabel: z.string(),
  agencyName: z.string().optional(),
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

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const localFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "15/03/2024 09:30:12": an instant as people in Bắc Sơn read it. */
export function vietnamTime(iso: string): string {
  const p = Object.fromEntries(localFormat.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asActor = (v: unknown): Actor | undefined => {
  const parsed = ActorSchema.safeParse(v);
  return parsed.success ? parsed.data : undefined;
};

/** Where a workflow's starting input names the person who started it. */
const STARTER_KEYS = ['submittedBy', 'startedBy', 'createdBy', 'requestedBy', 'issuedBy', 'assignedBy', 'by', 'actor'];

function starterOf(input: unknown): Actor | undefined {
  if (!isRecord(input)) return undefined;
  for (const key of STARTER_KEYS) {
    const actor = asActor(input[key]);
    if (actor) return actor;
  }
  for (const value of Object.values(input)) {
    const actor = asActor(value);
    if (actor) return actor;
  }
  return undefined;
}

/** Fields of recorded state that change with every step and say nothing by themselves. */
const NOISE = new Set(['updatedAt']);
const MAX_CHANGES = 100;

/** What differs between two states: changed leaves, and whole items added to or removed from lists. */
export function diffStates(before: unknown, after: unknown, path = '', out: Change[] = []): Change[] {
  if (out.length >= MAX_CHANGES) return out;
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (NOISE.has(key)) continue;
      diffStates(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) diffStates(before[i], after[i], `${path}.${i}`, out);
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before: before ?? null, after: after ?? null });
  return out;
}

function describeValue(key: string, value: unknown): string {
  if (typeof value === 'number' && moneyFields.has(key)) return formatDong(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatVietnamDate(value);
  if (Array.isArray(value)) return `${value.length} mục`;
  if (isRecord(value)) {
    const actor = asActor(value);
    return actor ? `${actor.name} (${actor.agency})` : JSON.stringify(value);
  }
  return String(value);
}

/** "Lý do: ...; Số tiền: 30.000.000 đ": an input as one line, nested objects flattened one level. */
export function describeInput(input: unknown, skip: ReadonlySet<string> = new Set()): string {
  if (!isRecord(input)) return input === undefined || input === null ? '' : describeValue('', input);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (skip.has(key) || value === undefined || value === null || value === '') continue;
    if (isRecord(value) && !asActor(value)) {
      const inner = describeInput(value);
      if (inner) parts.push(inner);
      continue;
    }
    parts.push(`${labelOf(fieldLabels, key)}: ${describeValue(key, value)}`);
  }
  return parts.join('; ');
}

const statusText = (s: string | null): string => (s ? labelOf(statusLabels, s) : '—');

/** Joins the non-empty parts into sentences, without doubling a full stop a part already ends with. */
const sentences = (parts: readonly string[]): string =>
  parts
    .filter(Boolean)
    .map((p, i, all) => (i < all.length - 1 && !/[.!?]$/.test(p) ? `${p}.` : p))
    .join(' ');

interface Tracked {
  status: string | null;
  awaiting: string | null;
  dueAt: string | null;
}

export interface BuildOptions {
  converter: LoadedDataConverter;
  /** Gives agency names to actors; optional. */
  directory?: Directory;
}

const idOf = (v: { toString(): string } | null | undefined): string => (v === null || v === undefined ? '' : v.toString());

/** A protobuf timestamp as ISO 8601; its seconds may be a Long (from the server) or a number (from a file). */
function isoOf(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): string {
  const s = ts?.seconds;
  const seconds = typeof s === 'object' && s !== null && 'toNumber' in s ? (s as { toNumber(): number }).toNumber() : Number(s ?? 0);
  return new Date(seconds * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6)).toISOString();
}

/** Builds the timeline of one run from its history. */
export async function buildTimeline(history: History, opts: BuildOptions): Promise<Timeline> {
  const events = history.events ?? [];
  const { converter } = opts;
  const entries: TimelineEntry[] = [];
  const tracked: Tracked = { status: null, awaiting: null, dueAt: null };
  let workflowType = '';
  /** Last state an action returned: the "before" of the next action. */
  let lastState: unknown;
  const pendingUpdates = new Map<string, { entry: TimelineEntry; before: Tracked; beforeState: unknown }>();
  const scheduledNotices = new Map<string, { event: string; key: string }>();
  const timerSummaries = new Map<string, string>();

  const decodeArgs = (payloads: temporal.api.common.v1.IPayload[] | null | undefined) => decodeArrayFromPayloads(converter, payloads ?? []);
  const actorOf = (actor: Actor | undefined): TimelineActor | null => {
    if (!actor) return null;
    const agencyName = opts.directory?.unit(actor.agency)?.name;
    return { ...actor, roleLabel: roleLabels[actor.role] ?? actor.role, ...(agencyName ? { agencyName } : {}) };
  };
  const track = (fields: temporal.api.common.v1.ISearchAttributes | null | undefined) => {
    if (!fields?.indexedFields) return;
    const sa = decodeTypedSearchAttributes(fields.indexedFields);
    const raw = fields.indexedFields;
    if (CaseStatus.name in raw) tracked.status = sa.get(CaseStatus) ?? null;
    if (AwaitingAgency.name in raw) tracked.awaiting = sa.get(AwaitingAgency) ?? null;
    if (DueAt.name in raw) tracked.dueAt = sa.get(DueAt)?.toISOString() ?? null;
  };
  type EntryFields = Omit<TimelineEntry, 'seq' | 'eventId' | 'at' | 'time' | 'kindLabel' | 'changes' | 'recipients'> & Partial<Pick<TimelineEntry, 'changes' | 'recipients'>>;
  /** Appends an entry; its fields in the order a reader scans them: when, what, who, the states, the details. */
  const push = (event: HistoryEvent, f: EntryFields): TimelineEntry => {
    const at = isoOf(event.eventTime);
    const entry: TimelineEntry = {
      seq: entries.length + 1,
      eventId: idOf(event.eventId),
      at,
      time: vietnamTime(at),
      kind: f.kind,
      kindLabel: timelineKindLabels[f.kind],
      name: f.name,
      label: f.label,
      actor: f.actor,
      statusBefore: f.statusBefore,
      statusAfter: f.statusAfter,
      details: f.details,
      ...(f.input !== undefined ? { input: f.input } : {}),
      changes: f.changes ?? [],
      recipients: f.recipients ?? [],
      ...(f.subject !== undefined ? { subject: f.subject } : {}),
      ...(f.failure !== undefined ? { failure: f.failure } : {}),
    };
    entries.push(entry);
    return entry;
  };
  const agencyText = (code: string | null): string => (code ? (opts.directory?.unit(code)?.name ?? code) : '—');

  for (const event of events) {
    const started = event.workflowExecutionStartedEventAttributes;
    if (started) {
      workflowType = started.workflowType?.name ?? '';
      track(started.searchAttributes);
      const [input] = await decodeArgs(started.input?.payloads);
      const actor = starterOf(input);
      const parent = started.parentWorkflowExecution?.workflowId;
      const skip = new Set(actor ? STARTER_KEYS : []);
      skip.add('policy');
      const details = [
        `${labelOf(workflowTypeLabels, workflowType)}`,
        parent ? `khởi tạo từ hồ sơ ${parent}` : '',
        describeInput(input, skip),
        tracked.status ? `Trạng thái: ${statusText(tracked.status)}` : '',
      ].filter(Boolean);
      push(event, {
        kind: 'started',
        name: workflowType,
        label: startLabels[workflowType] ?? DEFAULT_START_LABEL,
        actor: actorOf(actor),
        statusBefore: null,
        statusAfter: tracked.status,
        input,
        details: sentences(details),
      });
      continue;
    }
    if (event.upsertWorkflowSearchAttributesEventAttributes) {
      track(event.upsertWorkflowSearchAttributesEventAttributes.searchAttributes);
      // A workflow started without search attributes states its first status in its first task.
      const first = entries[0];
      if (entries.length === 1 && first?.kind === 'started' && first.statusAfter === null && tracked.status) first.statusAfter = tracked.status;
      continue;
    }
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) {
      const request = accepted.acceptedRequest;
      const name = request?.input?.name ?? '';
      const args = await decodeArgs(request?.input?.args?.payloads);
      const actor = asActor(args[0]);
      const input = actor ? args[1] : args.length === 1 ? args[0] : args;
      const entry = push(event, {
        kind: 'action',
        name,
        label: labelOf(actionLabels, name),
        actor: actorOf(actor),
        statusBefore: tracked.status,
        statusAfter: null,
        input,
        details: describeInput(input),
      });
      pendingUpdates.set(request?.meta?.updateId ?? idOf(event.eventId), { entry, before: { ...tracked }, beforeState: lastState });
      continue;
    }
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed) {
      const pending = pendingUpdates.get(completed.meta?.updateId ?? '');
      if (!pending) continue;
      pendingUpdates.delete(completed.meta?.updateId ?? '');
      const { entry } = pending;
      if (completed.outcome?.failure) {
        const error = await decodeOptionalFailureToOptionalError(converter, completed.outcome.failure);
        entry.failure = error?.message ?? 'lỗi';
        entry.statusAfter = entry.statusBefore;
        entry.details = sentences([entry.details, `Không hoàn thành: ${entry.failure}`]);
        continue;
      }
      const [result] = await decodeArgs(completed.outcome?.success?.payloads);
      const resultStatus = isRecord(result) && typeof result.status === 'string' ? result.status : null;
      entry.statusAfter = resultStatus ?? tracked.status;
      if (pending.beforeState !== undefined && result !== undefined) entry.changes = diffStates(pending.beforeState, result);
      if (result !== undefined) lastState = result;
      if (entry.statusAfter && entry.statusAfter !== entry.statusBefore) {
        entry.details = sentences([entry.details, `Trạng thái: ${statusText(entry.statusBefore)} → ${statusText(entry.statusAfter)}`]);
      }
      continue;
    }
    const signaled = event.workflowExecutionSignaledEventAttributes;
    if (signaled) {
      const name = signaled.signalName ?? '';
      const args = await decodeArgs(signaled.input?.payloads);
      const actor = asActor(args[0]) ?? (isRecord(args[0]) ? asActor(args[0].actor) : undefined);
      const input = asActor(args[0]) ? args[1] : args.length === 1 ? args[0] : args;
      push(event, {
        kind: 'signal',
        name,
        label: labelOf(actionLabels, name),
        actor: actorOf(actor),
        statusBefore: tracked.status,
        statusAfter: tracked.status,
        input,
        details: describeInput(input, new Set(['actor'])),
      });
      continue;
    }
    if (event.timerStartedEventAttributes) {
      const { staticSummary: summary } = await decodeUserMetadata(converter, event.userMetadata);
      if (summary) timerSummaries.set(event.timerStartedEventAttributes.timerId ?? '', summary);
      continue;
    }
    const fired = event.timerFiredEventAttributes;
    if (fired) {
      // Only timers with a summary are deadlines people care about; the others are the workflow's own.
      const summary = timerSummaries.get(fired.timerId ?? '');
      if (!summary) continue;
      const kind: TimelineKind = /quá hạn|escalat/i.test(summary) ? 'escalation' : /nhắc|remind/i.test(summary) ? 'reminder' : 'timer';
      const details = sentences([
        tracked.awaiting ? `Đơn vị phải xử lý: ${agencyText(tracked.awaiting)}` : '',
        tracked.dueAt ? `Hạn: ${vietnamTime(tracked.dueAt)}` : '',
        tracked.status ? `Trạng thái: ${statusText(tracked.status)}` : '',
      ]);
      push(event, { kind, name: summary, label: summary, actor: null, statusBefore: tracked.status, statusAfter: tracked.status, details });
      continue;
    }
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      if (scheduled.activityType?.name !== 'notify') continue;
      const [notice] = await decodeArgs(scheduled.input?.payloads);
      const n = isRecord(notice) ? notice : {};
      scheduledNotices.set(idOf(event.eventId), { event: String(n.event ?? n.kind ?? ''), key: String(n.key ?? '') });
      continue;
    }
    const done = event.activityTaskCompletedEventAttributes;
    if (done) {
      const notice = scheduledNotices.get(idOf(done.scheduledEventId));
      if (!notice) continue;
      const [delivery] = await decodeArgs(done.result?.payloads);
      const d = isRecord(delivery) ? delivery : {};
      const to = Array.isArray(d.to) ? d.to.map(String) : [];
      const subject = typeof d.subject === 'string' ? d.subject : undefined;
      push(event, {
        kind: 'email',
        name: notice.event,
        label: `Gửi thư: ${labelOf(noticeEventLabels, notice.event)}`,
        actor: null,
        // An email goes out after the step that caused it, maybe after later steps too: no state of its own.
        statusBefore: null,
        statusAfter: null,
        input: { event: notice.event, key: notice.key },
        recipients: to,
        ...(subject ? { subject } : {}),
        details: [subject ? `"${subject}"` : '', to.length ? `gửi tới ${to.join(', ')}` : ''].filter(Boolean).join(' '),
      });
      continue;
    }
    const activityFailed = event.activityTaskFailedEventAttributes;
    if (activityFailed) {
      const notice = scheduledNotices.get(idOf(activityFailed.scheduledEventId));
      if (!notice) continue;
      const failure = activityFailed.failure?.message ?? 'lỗi';
      push(event, {
        kind: 'email_failed',
        name: notice.event,
        label: `Không gửi được thư: ${labelOf(noticeEventLabels, notice.event)}`,
        actor: null,
        statusBefore: null,
        statusAfter: null,
        input: { event: notice.event, key: notice.key },
        failure,
        details: failure,
      });
      continue;
    }
    const child = event.startChildWorkflowExecutionInitiatedEventAttributes;
    if (child) {
      const type = child.workflowType?.name ?? '';
      push(event, {
        kind: 'child_started',
        name: type,
        label: `Khởi tạo: ${labelOf(workflowTypeLabels, type)}`,
        actor: null,
        statusBefore: tracked.status,
        statusAfter: tracked.status,
        input: { workflowId: child.workflowId, workflowType: type },
        details: `Hồ sơ ${child.workflowId ?? ''}`,
      });
      continue;
    }
    const closed = closeOf(event);
    if (closed) {
      push(event, {
        kind: 'closed',
        name: closed.name,
        label: labelOf(closeLabels, closed.name),
        actor: null,
        statusBefore: tracked.status,
        statusAfter: tracked.status,
        ...(closed.failure ? { failure: closed.failure } : {}),
        details: sentences([tracked.status ? `Trạng thái cuối: ${statusText(tracked.status)}` : '', closed.details]),
      });
    }
  }
  return { workflowType, entries };
}

function closeOf(event: HistoryEvent): { name: string; details: string; failure?: string } | undefined {
  if (event.workflowExecutionCompletedEventAttributes) return { name: 'completed', details: '' };
  if (event.workflowExecutionFailedEventAttributes) {
    const failure = event.workflowExecutionFailedEventAttributes.failure?.message ?? 'lỗi';
    return { name: 'failed', details: failure, failure };
  }
  const terminated = event.workflowExecutionTerminatedEventAttributes;
  if (terminated) return { name: 'terminated', details: [terminated.reason ? `Lý do: ${terminated.reason}` : '', terminated.identity ? `bởi ${terminated.identity}` : ''].filter(Boolean).join('; ') };
  if (event.workflowExecutionCanceledEventAttributes) return { name: 'canceled', details: '' };
  if (event.workflowExecutionTimedOutEventAttributes) return { name: 'timed_out', details: '' };
  const next = event.workflowExecutionContinuedAsNewEventAttributes;
  if (next) return { name: 'continued_as_new', details: `Lượt chạy mới: ${next.newExecutionRunId ?? ''}` };
  return undefined;
}
