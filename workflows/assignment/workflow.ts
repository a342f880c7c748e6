/**
 * One assignment of section III (docs/architecture.md, "Assignments and the report to the province"), started by the campaign: the agency reports what it did
 * (narrative and figures), a reviewer accepts the report or returns it with comments. Before the report's
 * due date the agency is reminded; once it has passed with no report, the leadership and the office are told.
 */
import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { registerAction } from '../common/actions';
import { ALARM_KIND_PATCH, alarmSummary } from '../common/alarm';
import { runStepAlarms } from '../common/alarm-loop';
import { assignmentActions } from './actions';
import { lookups } from '../common/activities';
import { NoticeOutbox } from '../common/outbox';
import { caseIndex } from '../common/case-index';
import {
  getAssignmentQuery,
  type AssignmentInput,
  type AssignmentState,
} from './messages';
import { assignmentAcceptedSignal, reportWorkflowId } from '../report/messages';
import { recipientsOf, summarize, type AssignmentEvent, type AssignmentNotice } from './notices';
import { opened, owesReport, participantsOf } from './rules';

const now = (): string => new Date(Date.now()).toISOString();

export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentState> {
  const state = opened(input, now());
  // Nobody reviews their own agency's report; assignments started before this rule keep the reviewer they had.
  state.leadershipReviewsOwnAgency = patched('leadership-reviews-own-agency-report');
  const outbox = new NoticeOutbox<AssignmentNotice>();

  const announce = (event: AssignmentEvent, by?: Actor, comments?: string): void =>
    outbox.announce({ kind: 'assignment', event, to: recipientsOf(event, state), assignment: summarize(state) }, by, comments);

  // AwaitingSince moves only when the work changes hands.
  const index = caseIndex();
  const publish = (): void =>
    index({
      status: state.status,
      agency: state.assignment.agency,
      awaiting: state.awaiting?.agency ?? null,
      dueAt: state.dueAt,
      participants: participantsOf(state),
      planCode: state.planId,
      campaignId: state.campaignId,
    });

  /** After every accepted action: the index follows, whoever is concerned is told. */
  const reported =
    <I>(eventOf: (s: AssignmentState) => AssignmentEvent, commentsOf: (i: I) => string | undefined = () => undefined) =>
    (actor: Actor, i: I): void => {
      publish();
      announce(eventOf(state), actor, commentsOf(i));
    };

  setHandler(getAssignmentQuery, () => state);
  registerAction(state, assignmentActions.submitReport, reported((s) => (s.status === 'resubmitted' ? 'resubmitted' : 'submitted')));
  registerAction(state, assignmentActions.acceptReport, reported(() => 'accepted', (i) => i.comment));
  registerAction(state, assignmentActions.returnReport, reported(() => 'returned', (i) => i.comments));
  publish();

  // The due time is planned once, from the plan's date and the holiday calendar, so replay is stable.
  const deadline = await lookups.planDeadline({ from: now(), workingDays: 1, reminderBefore: input.reminderBefore, dueDate: input.reportDueDate });
  state.dueAt = deadline.dueAt;
  publish();

  // Runs started before the patch keep the bare summaries they recorded (docs/architecture.md, "Deadlines").
  const alarmKindRecorded = patched(ALARM_KIND_PATCH);
  const alarms: Array<{ at: string; event: 'reminder' | 'escalation'; summary: string }> = [
    ...(deadline.remindAt ? [{ at: deadline.remindAt, event: 'reminder' as const, summary: 'Nhắc hạn báo cáo' }] : []),
    { at: deadline.dueAt, event: 'escalation', summary: 'Quá hạn báo cáo - báo cáo lãnh đạo' },
  ];
  await runStepAlarms({
    alarms,
    over: () => state.status === 'accepted',
    settle: () => outbox.flush(),
    owed: () => outbox.size > 0,
    summary: (alarm) => (alarmKindRecorded ? alarmSummary(alarm.event, alarm.summary) : alarm.summary),
    ring: (alarm) => {
      // An alarm is about the agency's duty to report: a report in the reviewer's hands silences it.
      if (!owesReport(state)) return;
      if (alarm.event === 'reminder') {
        state.remindedAt = now();
      } else {
        state.escalatedAt = now();
        state.overdue = true;
      }
      state.updatedAt = now();
      announce(alarm.event);
    },
  });

  // The campaign's report may be waiting for this one: tell it now (it also looks periodically, and it may not
  // have begun). Before this patch the API told it after the acceptance.
  if (patched('accepted-report-tells-report')) {
    await getExternalWorkflowHandle(reportWorkflowId(state.campaignId)).signal(assignmentAcceptedSignal).catch(() => undefined);
  }
  await outbox.flush();
  await condition(allHandlersFinished);
  return state;
}
