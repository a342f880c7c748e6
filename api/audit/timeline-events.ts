/**
 * One handler per kind of history event the timeline shows (docs/architecture.md, "How a notice travels"):
 * each reads its event's attributes and adds or completes an entry. An event kind without a handler says
 * nothing to an auditor (workflow tasks, markers, activities other than `notify`).
 */
import { capacityText } from '../../workflows/common/capacity';
import { decodeOptionalFailureToOptionalError, decodeUserMetadata } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { readAlarmSummary, type AlarmKind } from '../../workflows/common/alarm';
import { actionLabels, closeLabels, DEFAULT_START_LABEL, labelOf, noticeEventLabels, startAnswerUpdates, startLabels, workflowTypeLabels } from './labels';
import type { TimelineKind } from './timeline-entry';
import { idOf, type HistoryEvent, type TimelineReader } from './timeline-reader';
import { asActor, describeInput, diffStates, isRecord, sentences, starterOf, STARTER_KEYS, statusText, vietnamTime } from './timeline-text';

type AttributeField = { [K in keyof HistoryEvent]-?: K extends `${string}EventAttributes` ? K : never }[keyof HistoryEvent];
type Handler<K extends AttributeField> = (attrs: NonNullable<HistoryEvent[K]>, event: HistoryEvent, r: TimelineReader) => void | Promise<void>;
export type EventHandlers = { [K in AttributeField]?: Handler<K> };

/** The submission that started the run: who, with what, in which status. */
const started: Handler<'workflowExecutionStartedEventAttributes'> = async (attrs, event, r) => {
  r.workflowType = attrs.workflowType?.name ?? '';
  r.track(attrs.searchAttributes);
  const [input] = await r.decodeArgs(attrs.input?.payloads);
  const actor = starterOf(input);
  const parent = attrs.parentWorkflowExecution?.workflowId;
  const skip = new Set(actor ? STARTER_KEYS : []);
  // How the case is run (deadlines, who holds each duty) is configuration, not what was submitted.
  skip.add('policy');
  skip.add('parties');
  r.push(event, {
    kind: 'started',
    name: r.workflowType,
    label: startLabels[r.workflowType] ?? DEFAULT_START_LABEL,
    actor: r.actorOf(actor),
    statusBefore: null,
    statusAfter: r.tracked.status,
    input,
    details: sentences([
      labelOf(workflowTypeLabels, r.workflowType),
      parent ? `khởi tạo từ hồ sơ ${parent}` : '',
      describeInput(input, skip, r.opts.names),
      r.tracked.status ? `Trạng thái: ${statusText(r.tracked.status)}` : '',
    ]),
  });
};

const searchAttributesUpserted: Handler<'upsertWorkflowSearchAttributesEventAttributes'> = (attrs, _event, r) => {
  r.track(attrs.searchAttributes);
  // A workflow started without search attributes states its first status in its first task.
  const first = r.entries[0];
  if (r.entries.length === 1 && first?.kind === 'started' && first.statusAfter === null && r.tracked.status) first.statusAfter = r.tracked.status;
};

/** An accepted action: an Update whose arguments are `[actor, input]`; its outcome arrives with its completion. */
const updateAccepted: Handler<'workflowExecutionUpdateAcceptedEventAttributes'> = async (attrs, event, r) => {
  const request = attrs.acceptedRequest;
  const name = request?.input?.name ?? '';
  if (startAnswerUpdates.has(name)) return; // its completion then finds nothing pending
  const args = await r.decodeArgs(request?.input?.args?.payloads);
  const actor = asActor(args[0]);
  const input = actor ? args[1] : args.length === 1 ? args[0] : args;
  const entry = r.push(event, {
    kind: 'action',
    name,
    label: labelOf(actionLabels, name),
    actor: r.actorOf(actor),
    statusBefore: r.tracked.status,
    statusAfter: null,
    input,
    details: sentences([actor?.capacity ? `Thẩm quyền: ${capacityText(actor.capacity)}` : '', describeInput(input, new Set(), r.opts.names)]),
  });
  r.pendingUpdates.set(request?.meta?.updateId ?? idOf(event.eventId), { entry, beforeState: r.lastState });
};

/** The outcome of an accepted action: the new state (and what changed), or why it did not complete. */
const updateCompleted: Handler<'workflowExecutionUpdateCompletedEventAttributes'> = async (attrs, _event, r) => {
  const updateId = attrs.meta?.updateId ?? '';
  const pending = r.pendingUpdates.get(updateId);
  if (!pending) return;
  r.pendingUpdates.delete(updateId);
  const { entry } = pending;
  if (attrs.outcome?.failure) {
    const error = await decodeOptionalFailureToOptionalError(r.converter, attrs.outcome.failure);
    entry.failure = error?.message ?? 'lỗi';
    entry.statusAfter = entry.statusBefore;
    entry.details = sentences([entry.details, `Không hoàn thành: ${entry.failure}`]);
    return;
  }
  const [result] = await r.decodeArgs(attrs.outcome?.success?.payloads);
  const resultStatus = isRecord(result) && typeof result.status === 'string' ? result.status : null;
  entry.statusAfter = resultStatus ?? r.tracked.status;
  if (pending.beforeState !== undefined && result !== undefined) entry.changes = diffStates(pending.beforeState, result);
  if (result !== undefined) r.lastState = result;
  if (entry.statusAfter && entry.statusAfter !== entry.statusBefore) {
    entry.details = sentences([entry.details, `Trạng thái: ${statusText(entry.statusBefore)} → ${statusText(entry.statusAfter)}`]);
  }
};

const signaled: Handler<'workflowExecutionSignaledEventAttributes'> = async (attrs, event, r) => {
  const name = attrs.signalName ?? '';
  const args = await r.decodeArgs(attrs.input?.payloads);
  const actor = asActor(args[0]) ?? (isRecord(args[0]) ? asActor(args[0].actor) : undefined);
  const input = asActor(args[0]) ? args[1] : args.length === 1 ? args[0] : args;
  r.push(event, {
    kind: 'signal',
    name,
    label: labelOf(actionLabels, name),
    actor: r.actorOf(actor),
    statusBefore: r.tracked.status,
    statusAfter: r.tracked.status,
    input,
    details: describeInput(input, new Set(['actor']), r.opts.names),
  });
};

const timerStarted: Handler<'timerStartedEventAttributes'> = async (attrs, event, r) => {
  const { staticSummary: summary } = await decodeUserMetadata(r.converter, event.userMetadata);
  if (summary) r.timerSummaries.set(attrs.timerId ?? '', summary);
};

/** The deadline passing is recorded (the case turns overdue) but nobody is told: a timer, not an escalation. */
const alarmTimelineKind: Record<AlarmKind, TimelineKind> = { reminder: 'reminder', due: 'timer', escalation: 'escalation' };

/**
 * Which alarm a timer was: its kind as the workflow recorded it in the summary (workflows/common/alarm.ts).
 * Histories from before that record only the Vietnamese text; for them, and only them, the wording tells.
 */
export function timerOf(summary: string): { kind: TimelineKind; text: string } {
  const alarm = readAlarmSummary(summary);
  if (alarm) return { kind: alarmTimelineKind[alarm.kind], text: alarm.text };
  const kind: TimelineKind = /quá hạn|escalat/i.test(summary) ? 'escalation' : /nhắc|remind/i.test(summary) ? 'reminder' : 'timer';
  return { kind, text: summary };
}

const timerFired: Handler<'timerFiredEventAttributes'> = (attrs, event, r) => {
  // Only timers with a summary are deadlines people care about; the others are the workflow's own.
  const summary = r.timerSummaries.get(attrs.timerId ?? '');
  if (!summary) return;
  const { kind, text } = timerOf(summary);
  const { tracked } = r;
  const details = sentences([
    tracked.awaiting ? `Đơn vị phải xử lý: ${r.agencyText(tracked.awaiting)}` : '',
    tracked.dueAt ? `Hạn: ${vietnamTime(tracked.dueAt)}` : '',
    tracked.status ? `Trạng thái: ${statusText(tracked.status)}` : '',
  ]);
  r.push(event, { kind, name: summary, label: text, actor: null, statusBefore: tracked.status, statusAfter: tracked.status, details });
};

/** Only the `notify` activity sends what people receive; its input names the notice. */
const activityScheduled: Handler<'activityTaskScheduledEventAttributes'> = async (attrs, event, r) => {
  if (attrs.activityType?.name !== 'notify') return;
  const [notice] = await r.decodeArgs(attrs.input?.payloads);
  const n = isRecord(notice) ? notice : {};
  r.scheduledNotices.set(idOf(event.eventId), { event: String(n.event ?? n.kind ?? ''), key: String(n.key ?? '') });
};

const activityCompleted: Handler<'activityTaskCompletedEventAttributes'> = async (attrs, event, r) => {
  const notice = r.scheduledNotices.get(idOf(attrs.scheduledEventId));
  if (!notice) return;
  const [delivery] = await r.decodeArgs(attrs.result?.payloads);
  const d = isRecord(delivery) ? delivery : {};
  const to = Array.isArray(d.to) ? d.to.map(String) : [];
  const subject = typeof d.subject === 'string' ? d.subject : undefined;
  r.push(event, {
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
};

const activityFailed: Handler<'activityTaskFailedEventAttributes'> = (attrs, event, r) => {
  const notice = r.scheduledNotices.get(idOf(attrs.scheduledEventId));
  if (!notice) return;
  const failure = attrs.failure?.message ?? 'lỗi';
  r.push(event, {
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
};

const childStarted: Handler<'startChildWorkflowExecutionInitiatedEventAttributes'> = (attrs, event, r) => {
  const type = attrs.workflowType?.name ?? '';
  r.push(event, {
    kind: 'child_started',
    name: type,
    label: `Khởi tạo: ${labelOf(workflowTypeLabels, type)}`,
    actor: null,
    statusBefore: r.tracked.status,
    statusAfter: r.tracked.status,
    input: { workflowId: attrs.workflowId, workflowType: type },
    details: `Hồ sơ ${attrs.workflowId ?? ''}`,
  });
};

/** How the run ended; `describe` gives what the closing event says beyond its kind. */
const closed =
  <K extends AttributeField>(name: string, describe: (attrs: NonNullable<HistoryEvent[K]>) => { details: string; failure?: string } = () => ({ details: '' })): Handler<K> =>
  (attrs, event, r) => {
    const { details, failure } = describe(attrs);
    r.push(event, {
      kind: 'closed',
      name,
      label: labelOf(closeLabels, name),
      actor: null,
      statusBefore: r.tracked.status,
      statusAfter: r.tracked.status,
      ...(failure ? { failure } : {}),
      details: sentences([r.tracked.status ? `Trạng thái cuối: ${statusText(r.tracked.status)}` : '', details]),
    });
  };

export const eventHandlers: EventHandlers = {
  workflowExecutionStartedEventAttributes: started,
  upsertWorkflowSearchAttributesEventAttributes: searchAttributesUpserted,
  workflowExecutionUpdateAcceptedEventAttributes: updateAccepted,
  workflowExecutionUpdateCompletedEventAttributes: updateCompleted,
  workflowExecutionSignaledEventAttributes: signaled,
  timerStartedEventAttributes: timerStarted,
  timerFiredEventAttributes: timerFired,
  activityTaskScheduledEventAttributes: activityScheduled,
  activityTaskCompletedEventAttributes: activityCompleted,
  activityTaskFailedEventAttributes: activityFailed,
  startChildWorkflowExecutionInitiatedEventAttributes: childStarted,
  workflowExecutionCompletedEventAttributes: closed('completed'),
  workflowExecutionFailedEventAttributes: closed<'workflowExecutionFailedEventAttributes'>('failed', (a) => {
    const failure = a.failure?.message ?? 'lỗi';
    return { details: failure, failure };
  }),
  workflowExecutionTerminatedEventAttributes: closed<'workflowExecutionTerminatedEventAttributes'>('terminated', (a) => ({
    details: [a.reason ? `Lý do: ${a.reason}` : '', a.identity ? `bởi ${a.identity}` : ''].filter(Boolean).join('; '),
  })),
  workflowExecutionCanceledEventAttributes: closed('canceled'),
  workflowExecutionTimedOutEventAttributes: closed('timed_out'),
  workflowExecutionContinuedAsNewEventAttributes: closed<'workflowExecutionContinuedAsNewEventAttributes'>('continued_as_new', (a) => ({
    details: `Lượt chạy mới: ${a.newExecutionRunId ?? ''}`,
  })),
};
