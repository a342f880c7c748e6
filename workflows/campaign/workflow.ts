/**
 * The plan campaign (docs/architecture.md, "Campaign and commune plans"): started by the office for an issued plan, it starts one commune-plan child
 * per commune and one assignment child per agency assignment, and answers "where do we stand" at any time.
 *
 * At province scale (thousands of communes) it keeps within Temporal's limits:
 * - children start in batches, one workflow task per batch, as abandoned children (they outlive each run);
 * - each child reports its own board row by signal on every change, so a board read is a plain query and the
 *   campaign never polls thousands of children (a row is ~250 bytes; signals coalesce into few workflow tasks);
 * - before a run holds too many children or too long a history, it continues as new, carrying the board.
 * Only the clock is the campaign's own: it wakes at deadlines and at the start of each working day while some
 * commune is overdue, and counts working days late through an activity (the holiday calendar is data).
 */
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  log,
  ParentClosePolicy,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { delivery, lookups } from '../common/activities';
import { ASSIGNMENT_WORKFLOW_TYPE, assignmentWorkflowId, type AssignmentInput } from '../assignment/messages';
import { caseIndex } from '../common/case-index';
import { COMMUNE_PLAN_WORKFLOW_TYPE, communePlanId, communePlanWorkflowId, type StartCommunePlanInput } from '../commune-plan/messages';
import { partiesOf } from '../common/agencies';
import { applyRow, boardOf, initialRow, latenessStale, newlyEscalated, nextWake, pastDueDates } from './board';
import {
  communePlanChangedSignal,
  getBoardQuery,
  type Board,
  type CampaignProgress,
  type CampaignSpec,
  type CampaignStart,
} from './messages';
import { overdueDigest, type CampaignNotice } from './notices';

const { planCommuneDeadline, countWorkingDaysLate } = lookups;
const { notify } = delivery;

const nowIso = (): string => new Date(Date.now()).toISOString();

export async function campaignWorkflow({ spec, progress: carried }: CampaignStart): Promise<Board> {
  const progress: CampaignProgress = carried ?? {
    run: 1,
    startedAt: nowIso(),
    deadline: null,
    nextCommune: 0,
    assignmentsStarted: spec.assignments.length === 0,
    rows: {},
    lateByDueDate: {},
    latenessAsOf: null,
    escalated: {},
    noticeSeq: 0,
  };
  const workflowId = workflowInfo().workflowId;
  let changes = 0;
  let startedThisRun = 0;
  const status = (): Board['status'] =>
    progress.nextCommune < spec.communes.length ? 'starting' : allAccepted() ? 'completed' : 'in_progress';
  const allAccepted = () => progress.nextCommune >= spec.communes.length && Object.values(progress.rows).every((r) => r.status === 'accepted');

  setHandler(getBoardQuery, (filter) => boardOf(spec, progress, status(), filter));
  const communeCodes = new Set(spec.communes.map((c) => c.code));
  setHandler(communePlanChangedSignal, (row) => {
    if (applyRow(progress, row, (code) => communeCodes.has(code))) changes += 1;
  });

  const index = caseIndex();
  if (progress.run === 1) {
    index({
      status: 'in_progress',
      planCode: spec.plan.id,
      campaignId: spec.id,
      participants: [...new Set([partiesOf(spec).office, partiesOf(spec).leadership, spec.policy.reviewerAgency])],
    });
  }

  // Every commune gets the same deadline: plan its instants once, not once per child. A plan addressed to no
  // commune (a commune's own plan) has no such deadline; every campaign started before had communes.
  const communeDue = spec.communes.length ? spec.deadlines.communePlanDue : undefined;
  if (communeDue) {
    progress.deadline ??= await planCommuneDeadline({
      dueDate: communeDue,
      reminderBefore: spec.policy.reminderBefore,
      escalateAfter: spec.policy.escalateAfter,
      now: nowIso(),
    });
  }
  const deadline = progress.deadline;
  if (progress.run === 1 && deadline) index({ dueAt: deadline.dueAt });

  const historyIsLong = (): boolean => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= spec.scale.maxHistoryEvents || info.historySize >= spec.scale.maxHistoryBytes;
  };
  const mustContinue = (): boolean => historyIsLong() || startedThisRun >= spec.scale.childrenPerRun;

  if (!progress.assignmentsStarted) {
    await Promise.all(
      spec.assignments.map((a) => startAbandoned(ASSIGNMENT_WORKFLOW_TYPE, assignmentWorkflowId(spec.id, a.number, a.agency), assignmentInput(spec, a), spec.childTaskQueue)),
    );
    progress.assignmentsStarted = true;
  }

  while (deadline && progress.nextCommune < spec.communes.length) {
    if (mustContinue()) await handOver();
    const batch = spec.communes.slice(progress.nextCommune, progress.nextCommune + spec.scale.childBatchSize);
    await Promise.all(
      batch.map((c) =>
        startAbandoned(COMMUNE_PLAN_WORKFLOW_TYPE, communePlanWorkflowId(communePlanId(spec.id, c.code)), communePlanInput(spec, c, deadline), spec.childTaskQueue),
      ),
    );
    for (const c of batch) progress.rows[c.code] ??= initialRow(c.code, deadline);
    progress.nextCommune += batch.length;
    startedThisRun += batch.length;
  }

  let nextWorkingDayAt: string | null = null;
  // Each run reads the clock once at its start; then whenever its alarm rings.
  let clockRang = true;
  /**
   * One alarm at the next moment the board changes by the clock. Reports from the communes do not touch it
   * unless they move that moment: thousands of reports must not each cancel and restart a timer in the history.
   */
  let alarm: { at: number; scope: CancellationScope } | undefined;
  const setAlarm = (at: number | null): void => {
    if (alarm?.at === at) return;
    alarm?.scope.cancel();
    alarm = undefined;
    if (at === null) return;
    const mine = { at, scope: new CancellationScope() };
    alarm = mine;
    mine.scope.run(() => sleep(Math.max(at - Date.now(), 1), { summary: 'Cập nhật bảng theo dõi' })).then(
      () => {
        if (alarm === mine) alarm = undefined;
        clockRang = true;
      },
      () => undefined, // replaced by an alarm at another moment
    );
  };
  while (!allAccepted()) {
    const now = Date.now();
    if (clockRang || latenessStale(progress, now)) {
      const report = await countWorkingDaysLate({ dueDates: pastDueDates(progress, now), at: new Date(now).toISOString() });
      progress.lateByDueDate = report.late;
      progress.latenessAsOf = report.at;
      nextWorkingDayAt = report.nextChangeAt;
      clockRang = false;
    }
    await escalate(now);
    if (allAccepted()) break;
    if (historyIsLong()) await handOver();
    const seen = changes;
    setAlarm(nextWake(progress, Date.now(), nextWorkingDayAt));
    await condition(() => changes !== seen || clockRang);
  }
  setAlarm(null);

  index({ status: 'completed' });
  await condition(allHandlersFinished);
  return boardOf(spec, progress, 'completed');

  /** Tells the leadership and the office, once per escalation, which communes are overdue. */
  async function escalate(now: number): Promise<void> {
    const rows = newlyEscalated(progress, now);
    if (!rows.length) return;
    for (const r of rows) progress.escalated[r.commune] = r.escalateAt;
    progress.noticeSeq += 1;
    const notice: CampaignNotice = overdueDigest(`${workflowId}/${progress.noticeSeq}-overdue`, boardOf(spec, progress, status()), rows.map((r) => r.commune), partiesOf(spec));
    try {
      await notify(notice);
    } catch (err) {
      log.error('notice could not be delivered', { key: notice.key, error: String(err) });
    }
  }

  /** Continues as new with the board; the children keep running and keep reporting to the campaign's id. */
  async function handOver(): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof campaignWorkflow>({ spec, progress: { ...progress, run: progress.run + 1 } });
  }
}

/**
 * Starts a child that outlives this run (continue-as-new) and the campaign itself; one already started is fine.
 * On `taskQueue` when the campaign runs on a queue of its own, else on the campaign's.
 */
async function startAbandoned(workflowType: string, workflowId: string, input: unknown, taskQueue: string | undefined): Promise<void> {
  try {
    await startChild(workflowType, { workflowId, args: [input], parentClosePolicy: ParentClosePolicy.ABANDON, ...(taskQueue ? { taskQueue } : {}) });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    log.warn('child already started', { workflowId });
  }
}

function communePlanInput(spec: CampaignSpec, commune: CampaignSpec['communes'][number], deadline: NonNullable<CampaignProgress['deadline']>): StartCommunePlanInput {
  if (!spec.communeAssignment) throw new Error(`campaign ${spec.id} has communes but no item addressed to them`);
  return {
    campaignId: spec.id,
    plan: { id: spec.plan.id, reference: spec.plan.reference, title: spec.plan.title },
    assignment: spec.communeAssignment,
    commune,
    deadline,
    policy: spec.policy,
    ...(spec.parties ? { parties: spec.parties } : {}),
  };
}

/** The assignment workflow's input (workflows/assignment), built from the plan snapshot. */
function assignmentInput(spec: CampaignSpec, assignment: CampaignSpec['assignments'][number]): AssignmentInput {
  return {
    campaignId: spec.id,
    planId: spec.plan.id,
    assignment,
    reportDueDate: spec.deadlines.reportDue,
    reviewerAgency: spec.policy.reviewerAgency,
    reminderBefore: spec.policy.reminderBefore,
    ...(spec.parties ? { parties: spec.parties } : {}),
  };
}
