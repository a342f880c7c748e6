/**
 * The budget estimate (dự toán kinh phí): submitted by an agency, appraised by the Finance and Planning
 * Office, decided by the district leadership (docs/architecture.md, "Budget estimate"). Actions arrive as Updates whose validators
 * refuse what is not allowed now; every step has a working-day deadline with a reminder and an escalation.
 */
import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { registerAction } from '../common/actions';
import { ALARM_KIND_PATCH, alarmSummary } from '../common/alarm';
import { runStepAlarms } from '../common/alarm-loop';
import { budgetActions } from './actions';
import { localLookups, lookups } from '../common/activities';
import { NoticeOutbox } from '../common/outbox';
import { caseIndex } from '../common/case-index';
import {
  getBudgetQuery,
  submissionUpdate,
  type BudgetState,
  type StartBudgetInput,
} from './messages';
import { recipientsOf, summarize, type BudgetEvent, type BudgetNotice } from './notices';
import { awaitingFor, isAppraisersOwn, submitted } from './rules';

const DEADLINE_PLANNED_LOCALLY_PATCH = 'deadline-planned-locally';

const now = (): string => new Date(Date.now()).toISOString();
const isOpen = (s: BudgetState): boolean => s.awaiting !== null;

export async function budgetEstimateWorkflow(input: StartBudgetInput): Promise<BudgetState> {
  const state = submitted(input, now());
  // The Finance Office may not appraise its own estimate; before this patch such an estimate waited on it for good.
  if (isAppraisersOwn(state) && patched('own-estimate-appraised-by-leadership')) {
    state.appraisedBy = 'leadership';
    state.awaiting = awaitingFor('in_appraisal', state);
  }
  const outbox = new NoticeOutbox<BudgetNotice>();
  /** Counts transitions, so the deadline loop sees every step even when two arrive in one task. */
  let step = 0;

  const announce = (event: BudgetEvent, by?: Actor, comments?: string): void =>
    outbox.announce({ kind: 'budget', event, to: recipientsOf(event, state), budget: summarize(state) }, by, comments);

  const index = caseIndex();
  const publish = (): void =>
    index({
      status: state.status,
      agency: state.agency,
      awaiting: state.awaiting?.agency ?? null,
      // Every transition hands the work on, so the current step began at the last update.
      awaitingSince: state.awaiting ? new Date(state.updatedAt) : null,
      planCode: state.versions[state.versions.length - 1]?.planId ?? null,
      dueAt: state.dueAt ?? null,
      participants: [...new Set([state.agency, state.parties.appraiser, state.parties.leadership])],
    });

  /** After every accepted action: a new step begins, the index follows, whoever is concerned is told. */
  const transition =
    <I>(event: BudgetEvent, commentsOf: (i: I) => string | undefined = () => undefined) =>
    (actor: Actor, i: I): void => {
      step += 1;
      publish();
      announce(event, actor, commentsOf(i));
    };

  setHandler(getBudgetQuery, () => state);
  /** Set once the first step's deadline is planned (or the case moved on before it was). */
  let firstStepPlanned = false;
  setHandler(submissionUpdate, async () => {
    await condition(() => firstStepPlanned || !isOpen(state));
    return state;
  });
  registerAction(state, budgetActions.requestRevision, transition('revision_requested', (i) => i.comments));
  registerAction(state, budgetActions.resubmit, transition('resubmitted', (i) => i.note));
  registerAction(state, budgetActions.appraise, transition('appraised', (i) => i.opinion));
  registerAction(state, budgetActions.approve, transition('approved'));
  registerAction(state, budgetActions.returnToAppraisal, transition('returned_to_appraisal', (i) => i.reason));
  registerAction(state, budgetActions.reject, transition('rejected', (i) => i.reason));
  registerAction(state, budgetActions.withdraw, transition('withdrawn', (i) => i.reason));

  publish();
  announce('submitted', input.submittedBy, input.estimate.note);
  // Runs started before the patch keep the bare summaries they recorded (docs/architecture.md, "Deadlines").
  const alarmKindRecorded = patched(ALARM_KIND_PATCH);
  // Planned inside the workflow task, so the submission's answer carries its due date; before, by an activity.
  const planDeadline = patched(DEADLINE_PLANNED_LOCALLY_PATCH) ? localLookups.planDeadline : lookups.planDeadline;

  while (isOpen(state)) {
    const stepAtStart = step;
    const days = { in_appraisal: state.policy.appraisalDays, revision_requested: state.policy.revisionDays, awaiting_decision: state.policy.decisionDays }[
      state.status as 'in_appraisal' | 'revision_requested' | 'awaiting_decision'
    ];
    const deadline = await planDeadline({ from: now(), workingDays: days, reminderBefore: state.policy.reminderBefore });
    firstStepPlanned = true;
    if (step !== stepAtStart) continue; // an action came in while the deadline was being planned
    state.dueAt = deadline.dueAt;
    publish();
    // The notice that opened this step states its deadline.
    const last = outbox.last;
    if (last && last.budget.status === state.status) last.budget.dueAt = state.dueAt;

    const alarms: Array<{ at: string; event: 'reminder' | 'escalation'; summary: string }> = [
      ...(deadline.remindAt ? [{ at: deadline.remindAt, event: 'reminder' as const, summary: 'Nhắc hạn' }] : []),
      { at: deadline.dueAt, event: 'escalation', summary: 'Quá hạn - báo cáo lãnh đạo' },
    ];
    await runStepAlarms({
      alarms,
      over: () => step !== stepAtStart,
      settle: () => outbox.flush(),
      owed: () => outbox.size > 0,
      summary: (alarm) => (alarmKindRecorded ? alarmSummary(alarm.event, alarm.summary) : alarm.summary),
      ring: (alarm) => {
        if (alarm.event === 'escalation') {
          state.overdue = true;
          publish();
        }
        announce(alarm.event);
      },
    });
  }

  await outbox.flush();
  await condition(allHandlersFinished);
  return state;
}
