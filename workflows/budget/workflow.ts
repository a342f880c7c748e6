/**
 * The budget estimate (dự toán kinh phí): submitted by an agency, appraised by the Finance and Planning
 * Office, decided by the district leadership (DESIGN.md 3.1). Actions arrive as Updates whose validators
 * refuse what is not allowed now; every step has a working-day deadline with a reminder and an escalation.
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
import { AwaitingAgency, AwaitingSince, CaseAgency, CaseStatus, DueAt, Participants, PlanCode } from '../common/search-attributes';
import {
  appraiseUpdate,
  approveUpdate,
  getBudgetQuery,
  rejectUpdate,
  requestRevisionUpdate,
  resubmitUpdate,
  returnToAppraisalUpdate,
  withdrawUpdate,
  type BudgetState,
  type StartBudgetInput,
} from './messages';
import { recipientsOf, summarize, type BudgetEvent, type BudgetNotice } from './notices';
import { APPRAISING_AGENCY, checks, DECIDING_AGENCY, effects, submitted } from './rules';

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
const isOpen = (s: BudgetState): boolean => s.awaiting !== null;

export async function budgetEstimateWorkflow(input: StartBudgetInput): Promise<BudgetState> {
  const state = submitted(input, now());
  const workflowId = workflowInfo().workflowId;
  const pending: BudgetNotice[] = [];
  let seq = 0;
  /** Counts transitions, so the deadline loop sees every step even when two arrive in one task. */
  let step = 0;

  const announce = (event: BudgetEvent, by?: Actor, comments?: string): void => {
    seq += 1;
    pending.push({
      kind: 'budget',
      key: `${workflowId}/${seq}-${event}`,
      event,
      to: recipientsOf(event, state),
      budget: summarize(state),
      ...(by ? { by } : {}),
      ...(comments ? { comments } : {}),
    });
  };

  const publish = (): void => {
    upsertSearchAttributes([
      { key: CaseStatus, value: state.status },
      { key: CaseAgency, value: state.agency },
      { key: AwaitingAgency, value: state.awaiting?.agency ?? null },
      // Every transition hands the work on, so the current step began at the last update.
      { key: AwaitingSince, value: state.awaiting ? new Date(state.updatedAt) : null },
      { key: PlanCode, value: state.versions[state.versions.length - 1]?.planId ?? null },
      { key: DueAt, value: state.dueAt ? new Date(state.dueAt) : null },
      { key: Participants, value: [...new Set([state.agency, APPRAISING_AGENCY, DECIDING_AGENCY])] },
    ]);
  };

  /** Registers one action: the validator runs the rule's check, the handler its effect. */
  const action = <I>(
    update: UpdateDefinition<BudgetState, [Actor, I]>,
    check: (s: BudgetState, a: Actor, i: unknown) => I,
    effect: (s: BudgetState, a: Actor, i: I, at: string) => void,
    event: BudgetEvent,
    commentsOf: (i: I) => string | undefined = () => undefined,
  ): void => {
    setHandler(
      update,
      (actor: Actor, raw: I) => {
        const parsed = check(state, actor, raw);
        effect(state, actor, parsed, now());
        step += 1;
        publish();
        announce(event, actor, commentsOf(parsed));
        return state;
      },
      { validator: (actor: Actor, raw: I) => void check(state, actor, raw) },
    );
  };

  setHandler(getBudgetQuery, () => state);
  action(requestRevisionUpdate, checks.requestRevision, effects.requestRevision, 'revision_requested', (i) => i.comments);
  action(resubmitUpdate, checks.resubmit, effects.resubmit, 'resubmitted', (i) => i.note);
  action(appraiseUpdate, checks.appraise, effects.appraise, 'appraised', (i) => i.opinion);
  action(approveUpdate, checks.approve, effects.approve, 'approved');
  action(returnToAppraisalUpdate, checks.returnToAppraisal, effects.returnToAppraisal, 'returned_to_appraisal', (i) => i.reason);
  action(rejectUpdate, checks.reject, effects.reject, 'rejected', (i) => i.reason);
  action(withdrawUpdate, checks.withdraw, effects.withdraw, 'withdrawn', (i) => i.reason);

  publish();
  announce('submitted', input.submittedBy, input.estimate.note);

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

  while (isOpen(state)) {
    const stepAtStart = step;
    const days = { in_appraisal: state.policy.appraisalDays, revision_requested: state.policy.revisionDays, awaiting_decision: state.policy.decisionDays }[
      state.status as 'in_appraisal' | 'revision_requested' | 'awaiting_decision'
    ];
    const deadline = await planDeadline({ from: now(), workingDays: days, reminderBefore: state.policy.reminderBefore });
    if (step !== stepAtStart) continue; // an action came in while the deadline was being planned
    state.dueAt = deadline.dueAt;
    publish();
    // The notice that opened this step states its deadline.
    const last = pending[pending.length - 1];
    if (last && last.budget.status === state.status) last.budget.dueAt = state.dueAt;

    const alarms: Array<{ at: string; event: 'reminder' | 'escalation'; summary: string }> = [
      ...(deadline.remindAt ? [{ at: deadline.remindAt, event: 'reminder' as const, summary: 'Nhắc hạn' }] : []),
      { at: deadline.dueAt, event: 'escalation', summary: 'Quá hạn - báo cáo lãnh đạo' },
    ];
    for (;;) {
      if (step !== stepAtStart) break;
      await flush();
      if (step !== stepAtStart) break;
      const alarm = alarms[0];
      const moved = () => step !== stepAtStart || pending.length > 0;
      if (!alarm) {
        await condition(moved);
        continue;
      }
      const wait = Math.max(Date.parse(alarm.at) - Date.now(), 0);
      const woke = wait > 0 ? await condition(moved, wait, { summary: alarm.summary }) : moved();
      if (woke) continue;
      alarms.shift();
      if (alarm.event === 'escalation') {
        state.overdue = true;
        publish();
      }
      announce(alarm.event);
    }
  }

  await flush();
  await condition(allHandlersFinished);
  return state;
}
