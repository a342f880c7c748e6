/**
 * One assignment of section III (DESIGN.md 3.3), started by the campaign: the agency reports what it did
 * (narrative and figures), a reviewer accepts the report or returns it with comments. Before the report's
 * due date the agency is reminded; once it has passed with no report, the leadership and the office are told.
 */
import {
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../common/actor';
import type { createActivities } from '../../activities';
import { AwaitingAgency, AwaitingSince, CampaignId, CaseAgency, CaseStatus, DueAt, Participants, PlanCode } from '../common/search-attributes';
import {
  acceptReportUpdate,
  getAssignmentQuery,
  returnReportUpdate,
  submitReportUpdate,
  type AssignmentInput,
  type AssignmentState,
} from './messages';
import { recipientsOf, summarize, type AssignmentEvent, type AssignmentNotice } from './notices';
import { checks, effects, opened, owesReport, participantsOf } from './rules';

type Activities = ReturnType<typeof createActivities>;

const { planDeadline } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

// A notice must eventually go out: retry without limit, backing off to once every ten minutes.
const { notify } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', nonRetryableErrorTypes: ['UnknownRecipient'] },
});

const now = (): string => new Date(Date.now()).toISOString();

export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentState> {
  const state = opened(input, now());
  const workflowId = workflowInfo().workflowId;
  const pending: AssignmentNotice[] = [];
  let seq = 0;

  const announce = (event: AssignmentEvent, by?: Actor, comments?: string): void => {
    seq += 1;
    pending.push({
      kind: 'assignment',
      key: `${workflowId}/${seq}-${event}`,
      event,
      to: recipientsOf(event, state),
      assignment: summarize(state),
      ...(by ? { by } : {}),
      ...(comments ? { comments } : {}),
    });
  };

  /** The awaiting agency last written to the index, so AwaitingSince moves only when the work changes hands. */
  let indexedAwaiting: string | null | undefined;
  const publish = (): void => {
    const awaiting = state.awaiting?.agency ?? null;
    upsertSearchAttributes([
      { key: CaseStatus, value: state.status },
      { key: CaseAgency, value: state.assignment.agency },
      { key: AwaitingAgency, value: state.awaiting?.agency ?? null },
      { key: DueAt, value: state.dueAt ? new Date(state.dueAt) : null },
      { key: Participants, value: participantsOf(state) },
      { key: PlanCode, value: state.planId },
      { key: CampaignId, value: state.campaignId },
      ...(awaiting !== indexedAwaiting ? [{ key: AwaitingSince, value: awaiting ? new Date(Date.now()) : null }] : []),
    ]);
    indexedAwaiting = awaiting;
  };

  /** Registers one action: the validator runs the rule's check, the handler its effect. */
  const action = <I>(
    update: UpdateDefinition<AssignmentState, [Actor, I]>,
    check: (s: AssignmentState, a: Actor, i: unknown) => I,
    effect: (s: AssignmentState, a: Actor, i: I, at: string) => void,
    eventOf: (s: AssignmentState) => AssignmentEvent,
    commentsOf: (i: I) => string | undefined = () => undefined,
  ): void => {
    setHandler(
      update,
      (actor: Actor, raw: I) => {
        const parsed = check(state, actor, raw);
        effect(state, actor, parsed, now());
        publish();
        announce(eventOf(state), actor, commentsOf(parsed));
        return state;
      },
      { validator: (actor: Actor, raw: I) => void check(state, actor, raw) },
    );
  };

  setHandler(getAssignmentQuery, () => state);
  action(submitReportUpdate, checks.submitReport, effects.submitReport, (s) => (s.status === 'resubmitted' ? 'resubmitted' : 'submitted'));
  action(acceptReportUpdate, checks.acceptReport, effects.acceptReport, () => 'accepted', (i) => i.comment);
  action(returnReportUpdate, checks.returnReport, effects.returnReport, () => 'returned', (i) => i.comments);
  publish();

  // The due time is planned once, from the plan's date and the holiday calendar, so replay is stable.
  const deadline = await planDeadline({ from: now(), workingDays: 1, reminderBefore: input.reminderBefore, dueDate: input.reportDueDate });
  state.dueAt = deadline.dueAt;
  publish();

  const flush = async (): Promise<void> => {
    while (pending.length) {
      const notice = pending.shift()!;
      try {
        await notify(notice);
      } catch (err) {
        // Only a notice nobody can receive ends here; the process itself must go on.
        log.error('notice could not be delivered', { key: notice.key, error: String(err) });
      }
    }
  };

  const alarms: Array<{ at: string; event: 'reminder' | 'escalation'; summary: string }> = [
    ...(deadline.remindAt ? [{ at: deadline.remindAt, event: 'reminder' as const, summary: 'Nhắc hạn báo cáo' }] : []),
    { at: deadline.dueAt, event: 'escalation', summary: 'Quá hạn báo cáo - báo cáo lãnh đạo' },
  ];
  const done = (): boolean => state.status === 'accepted';
  const moved = (): boolean => done() || pending.length > 0;

  while (!done()) {
    await flush();
    if (done()) break;
    const alarm = alarms[0];
    if (!alarm) {
      await condition(moved);
      continue;
    }
    const wait = Math.max(Date.parse(alarm.at) - Date.now(), 0);
    const woke = wait > 0 ? await condition(moved, wait, { summary: alarm.summary }) : moved();
    if (woke) continue;
    alarms.shift();
    // An alarm is about the agency's duty to report: a report in the reviewer's hands silences it.
    if (!owesReport(state)) continue;
    if (alarm.event === 'reminder') {
      state.remindedAt = now();
    } else {
      state.escalatedAt = now();
      state.overdue = true;
    }
    state.updatedAt = now();
    announce(alarm.event);
  }

  await flush();
  await condition(allHandlersFinished);
  return state;
}
