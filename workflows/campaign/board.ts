/**
 * The campaign's board as pure functions over the carried progress: each commune plan reports its own row;
 * the campaign adds what only a clock can tell (overdue, working days late so far) and sums it up.
 */
import { OWING_STATUSES, type CommuneDeadline } from '../commune-plan/messages';
import { assignmentWorkflowId } from '../assignment/messages';
import {
  type Board,
  type BoardEntry,
  type BoardRequest,
  type CampaignProgress,
  type CampaignSpec,
  type CommuneRow,
} from './messages';

export const isOwingRow = (row: CommuneRow): boolean => OWING_STATUSES.includes(row.status);

/** A freshly started commune plan's row. */
export function initialRow(commune: string, deadline: CommuneDeadline): CommuneRow {
  return {
    commune,
    seq: 0,
    status: 'awaiting_submission',
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAt,
    escalateAt: deadline.escalateAt,
    version: 0,
    submittedAt: null,
    late: false,
    daysLate: 0,
    extensionPending: false,
  };
}

/**
 * Takes a reported row of one of the campaign's communes unless a newer one is already on the board (a report
 * may even come before the campaign has seen its child start); says whether the board changed.
 */
export function applyRow(progress: CampaignProgress, row: CommuneRow, isCampaignCommune: (code: string) => boolean): boolean {
  const current = progress.rows[row.commune];
  if (current ? row.seq <= current.seq : !isCampaignCommune(row.commune)) return false;
  progress.rows[row.commune] = row;
  return true;
}

const isPast = (iso: string, now: number): boolean => Date.parse(iso) <= now;

/** Due dates of owed plans whose deadline has passed: the ones whose working days late must be counted. */
export function pastDueDates(progress: CampaignProgress, now: number): string[] {
  const dates = new Set<string>();
  for (const row of Object.values(progress.rows)) if (isOwingRow(row) && isPast(row.dueAt, now)) dates.add(row.dueDate);
  return [...dates].sort();
}

/** Whether a count of working days late is missing for some owed, past-due plan (e.g. after a return). */
export function latenessStale(progress: CampaignProgress, now: number): boolean {
  return pastDueDates(progress, now).some((d) => progress.lateByDueDate[d] === undefined);
}

/** Owed plans whose escalation moment has come and was not yet reported to the leadership. */
export function newlyEscalated(progress: CampaignProgress, now: number): CommuneRow[] {
  return Object.values(progress.rows).filter((r) => isOwingRow(r) && isPast(r.escalateAt, now) && progress.escalated[r.commune] !== r.escalateAt);
}

/**
 * When the board next changes by the clock alone: a deadline or escalation of an owed plan, or (while some
 * plan is overdue) the start of the next working day, when its count of days late grows. Null: never.
 */
export function nextWake(progress: CampaignProgress, now: number, nextWorkingDayAt: string | null): number | null {
  let next = Infinity;
  let anyOverdue = false;
  for (const row of Object.values(progress.rows)) {
    if (!isOwingRow(row)) continue;
    const due = Date.parse(row.dueAt);
    if (due > now) next = Math.min(next, due);
    else anyOverdue = true;
    const escalate = Date.parse(row.escalateAt);
    if (escalate > now && progress.escalated[row.commune] !== row.escalateAt) next = Math.min(next, escalate);
  }
  if (anyOverdue && nextWorkingDayAt) next = Math.min(next, Date.parse(nextWorkingDayAt));
  return Number.isFinite(next) ? next : null;
}

function entryOf(spec: CampaignSpec, names: Map<string, string>, progress: CampaignProgress, row: CommuneRow, asOf: number): BoardEntry {
  const owing = isOwingRow(row);
  const overdue = owing && isPast(row.dueAt, asOf);
  return {
    commune: row.commune,
    name: names.get(row.commune) ?? row.commune,
    status: row.status,
    dueDate: row.dueDate,
    overdue,
    daysLate: owing ? (overdue ? (progress.lateByDueDate[row.dueDate] ?? 0) : 0) : row.daysLate,
    submittedAt: row.submittedAt,
    version: row.version,
    extensionPending: row.extensionPending,
  };
}

/** The board as of the last clock reading, optionally narrowed to some communes. */
export function boardOf(
  spec: CampaignSpec,
  progress: CampaignProgress,
  status: Board['status'],
  filter: BoardRequest = {},
): Board {
  const asOf = progress.latenessAsOf ? Date.parse(progress.latenessAsOf) : Date.parse(progress.startedAt);
  const names = new Map(spec.communes.map((c) => [c.code, c.name]));
  const all = spec.communes.flatMap((c) => {
    const row = progress.rows[c.code];
    return row ? [entryOf(spec, names, progress, row, asOf)] : [];
  });
  const totals = {
    communes: spec.communes.length,
    started: all.length,
    awaiting_submission: 0,
    submitted: 0,
    returned: 0,
    accepted: 0,
    overdue: 0,
    submittedLate: 0,
    extensionPending: 0,
  };
  for (const e of all) {
    totals[e.status] += 1;
    if (e.overdue) totals.overdue += 1;
    if (!OWING_STATUSES.includes(e.status) && e.submittedAt && progress.rows[e.commune]!.late) totals.submittedLate += 1;
    if (e.extensionPending) totals.extensionPending += 1;
  }
  const matching = all.filter(
    (e) =>
      (!filter.status || e.status === filter.status) &&
      (!filter.overdue || e.overdue === (filter.overdue === 'true')) &&
      (!filter.commune || e.commune === filter.commune),
  );
  // One page: the lines after `after` in the plan's order, so a page holds whatever lines change meanwhile.
  const order = new Map(spec.communes.map((c, i) => [c.code, i]));
  const from = filter.after === undefined ? -1 : (order.get(filter.after) ?? -1);
  const rest = from < 0 ? matching : matching.filter((e) => order.get(e.commune)! > from);
  const communes = filter.limit === undefined ? rest : rest.slice(0, filter.limit);
  const paged = filter.limit === undefined ? {} : { nextPageToken: rest.length > communes.length ? communes[communes.length - 1]!.commune : null };
  return {
    campaignId: spec.id,
    plan: { id: spec.plan.id, reference: spec.plan.reference, title: spec.plan.title },
    deadlines: spec.deadlines,
    reviewerAgency: spec.policy.reviewerAgency,
    status,
    asOf: new Date(asOf).toISOString(),
    totals,
    overdue: communes.filter((e) => e.overdue).map(({ commune, name, dueDate, daysLate }) => ({ commune, name, dueDate, daysLate })),
    communes,
    assignments: spec.assignments.map((a) => ({
      number: a.number,
      agency: a.agency,
      workflowId: assignmentWorkflowId(spec.id, a.number, a.agency),
      started: progress.assignmentsStarted,
    })),
    run: progress.run,
    startedAt: progress.startedAt,
    ...paged,
  };
}

/**
 * The board with every date counted over computed days off marked provisional (tạm tính). The workflow has no
 * calendar; the API, which reads the calendar as it stands now, marks them before answering.
 */
export function markProvisional(board: Board, isProvisional: (date: string) => boolean): Board {
  return {
    ...board,
    deadlinesProvisional: { communePlanDue: board.deadlines.communePlanDue ? isProvisional(board.deadlines.communePlanDue) : false, reportDue: isProvisional(board.deadlines.reportDue) },
    communes: board.communes.map((c) => ({ ...c, dueProvisional: isProvisional(c.dueDate) })),
  };
}
