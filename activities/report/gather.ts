/**
 * Reads what the consolidated report is compiled from. Workflows cannot query other workflows, so these
 * activities do it with a Temporal client: the campaign's board names its assignments and communes, each child
 * answers its own state, and budgets are found through visibility by the plan they serve (PlanCode).
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Directory } from '../../catalog/directory';
import { getAssignmentQuery, type AssignmentState } from '../../workflows/assignment/messages';
import { acceptedReport } from '../../workflows/assignment/rules';
import { BUDGET_WORKFLOW_TYPE, getBudgetQuery } from '../../workflows/budget/messages';
import { campaignWorkflowId, getBoardQuery, type Board } from '../../workflows/campaign/messages';
import { communePlanId, communePlanWorkflowId, getCommunePlanQuery } from '../../workflows/commune-plan/messages';
import { PlanCode } from '../../workflows/common/search-attributes';
import type { AssignmentInputRow, BudgetInputRow, CommunePlanInputRow, GatheredInputs, Readiness } from '../../workflows/report/messages';

export interface GatherDeps {
  directory: Directory;
  temporal?: Client;
}

/** Runs `fn` over `items`, at most `limit` at a time (one campaign may have thousands of communes). */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** A query's answer, or undefined when there is no such workflow (a child the campaign has not started). */
async function queryOrNone<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

export function createGatherActivities(deps: GatherDeps) {
  const clientOf = (): Client => deps.temporal ?? Context.current().client;
  const nameOf = (code: string): string => deps.directory.unit(code)?.name ?? code;

  async function boardOf(client: Client, campaignId: string): Promise<Board> {
    const board = await queryOrNone(() => client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getBoardQuery));
    if (!board) throw ApplicationFailure.nonRetryable(`Không có đợt triển khai ${campaignId}`, 'CampaignMissing');
    return board;
  }

  async function assignmentRow(client: Client, a: Board['assignments'][number]): Promise<AssignmentInputRow> {
    const state: AssignmentState | undefined = await queryOrNone(() => client.workflow.getHandle(a.workflowId).query(getAssignmentQuery));
    const base = { workflowId: a.workflowId, number: a.number, agency: a.agency, agencyName: nameOf(a.agency) };
    if (!state) return { ...base, mode: 'directed', activities: [], status: 'not_started', dueAt: null, accepted: null, reports: 0 };
    const report = acceptedReport(state);
    return {
      ...base,
      mode: state.assignment.mode,
      activities: state.assignment.activities,
      status: state.status,
      dueAt: state.dueAt,
      accepted:
        report && state.acceptance
          ? { version: report.version, figures: report.figures, submittedAt: report.submittedAt, late: report.late, acceptedAt: state.acceptance.at }
          : null,
      reports: state.reports.length,
    };
  }

  async function communeRow(client: Client, campaignId: string, c: Board['communes'][number]): Promise<CommunePlanInputRow> {
    const workflowId = communePlanWorkflowId(communePlanId(campaignId, c.commune));
    const state = await queryOrNone(() => client.workflow.getHandle(workflowId).query(getCommunePlanQuery));
    if (!state) return { workflowId, commune: c.commune, name: c.name, status: 'not_started', dueDate: c.dueDate, submission: null };
    const last = state.submissions[state.submissions.length - 1];
    return {
      workflowId,
      commune: c.commune,
      name: state.commune.name,
      status: state.status,
      dueDate: state.deadline.dueDate,
      submission: last
        ? { version: last.version, number: last.number, date: last.date, signer: last.signer, at: last.at, late: last.late, daysLate: last.daysLate }
        : null,
    };
  }

  /**
   * The estimates the report counts: of agencies assigned in the plan (an estimate tagged with the plan by anyone
   * else pads nothing), and not withdrawn (open or decided).
   */
  async function budgetRows(client: Client, planId: string, assignedAgencies: ReadonlySet<string>): Promise<BudgetInputRow[]> {
    const ids: string[] = [];
    const query = `WorkflowType = '${BUDGET_WORKFLOW_TYPE}' AND ${PlanCode.name} = '${planId.replace(/'/g, '')}'`;
    for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
    const rows = await mapLimited([...new Set(ids)].sort(), 8, async (workflowId) => {
      const s = await queryOrNone(() => client.workflow.getHandle(workflowId).query(getBudgetQuery));
      if (!s || !assignedAgencies.has(s.agency) || s.status === 'withdrawn') return undefined;
      const latest = s.versions[s.versions.length - 1]!;
      const approved = s.decision?.outcome === 'approved' ? (s.decision.amount ?? null) : null;
      return {
        workflowId,
        id: s.id,
        agency: s.agency,
        title: latest.title,
        status: s.status,
        version: latest.version,
        requested: latest.total,
        approved,
        decisionNumber: s.decision?.decisionNumber ?? null,
      } satisfies BudgetInputRow;
    });
    return rows.filter((r) => r !== undefined);
  }

  return {
    /** How many of the campaign's assignments there are, and how many have an accepted report. */
    async reportReadiness(req: { campaignId: string }): Promise<Readiness> {
      const client = clientOf();
      const board = await boardOf(client, req.campaignId);
      const rows = await mapLimited(board.assignments, 8, (a) => assignmentRow(client, a));
      return { assignments: rows.length, accepted: rows.filter((r) => r.accepted).length };
    },

    /** Everything the report is compiled from, read now. */
    async gatherReportInputs(req: { campaignId: string; planId: string }): Promise<GatheredInputs> {
      const client = clientOf();
      const asOf = new Date().toISOString();
      const board = await boardOf(client, req.campaignId);
      const [assignments, communes, budgets] = await Promise.all([
        mapLimited(board.assignments, 8, (a) => assignmentRow(client, a)),
        mapLimited(board.communes, 8, (c) => communeRow(client, req.campaignId, c)),
        budgetRows(client, req.planId, new Set(board.assignments.map((a) => a.agency))),
      ]);
      const agencyNames = Object.fromEntries(budgets.map((b) => [b.agency, nameOf(b.agency)]));
      return { asOf, assignments, communes, budgets, agencyNames };
    },
  };
}
