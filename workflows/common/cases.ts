/**
 * The kinds of case and their names, in one table: the workflow type, the workflow id's prefix, where the API
 * serves a case (its path below `API_PREFIX`, which the console mirrors) and what officials call it. Business id
 * ↔ workflow id ↔ API path go both ways through here, so no route, digest or page parses ids on its own.
 * Plain data and string functions: the workflows import it as well as the API.
 */

/** The API's root; a case's console page is its API path without it. */
export const API_PREFIX = '/api/v1';

export interface CaseKind {
  workflowType: string;
  /** The workflow id is `<prefix>:<business id>`. */
  prefix: string;
  /** The API serves a case at `${API_PREFIX}/<segment>/<business id, its ':' as '/'>`. */
  segment: string;
  /** How many `:`-separated parts its business id has (an assignment's: the campaign, then `<number>-<agency>`). */
  idParts: number;
  /** What the audit calls a case of this kind. */
  label: string;
  /** What "my work" and the morning digest call it, when that differs. */
  workLabel?: string;
  /** What starting one means to its users (the audit's first line). */
  startLabel: string;
}

export const caseKinds = {
  budget: { workflowType: 'budgetEstimateWorkflow', prefix: 'budget', segment: 'budgets', idParts: 1, label: 'Dự toán kinh phí', startLabel: 'Gửi dự toán để thẩm định' },
  communePlan: {
    workflowType: 'communePlanWorkflow',
    prefix: 'commune-plan',
    segment: 'commune-plans',
    idParts: 1,
    label: 'Kế hoạch của xã, thị trấn',
    startLabel: 'Yêu cầu xã, thị trấn ban hành kế hoạch',
  },
  assignment: {
    workflowType: 'assignmentWorkflow',
    prefix: 'assignment',
    segment: 'assignments',
    idParts: 2,
    label: 'Nhiệm vụ được giao',
    workLabel: 'Báo cáo kết quả nhiệm vụ',
    startLabel: 'Giao nhiệm vụ',
  },
  campaign: {
    workflowType: 'campaignWorkflow',
    prefix: 'campaign',
    segment: 'campaigns',
    idParts: 1,
    label: 'Triển khai kế hoạch',
    workLabel: 'Đợt triển khai kế hoạch',
    startLabel: 'Bắt đầu triển khai kế hoạch',
  },
  report: {
    workflowType: 'consolidatedReportWorkflow',
    prefix: 'report',
    segment: 'reports',
    idParts: 1,
    label: 'Báo cáo tổng hợp gửi cấp trên',
    workLabel: 'Báo cáo gửi cấp trên',
    startLabel: 'Bắt đầu tổng hợp báo cáo',
  },
} as const satisfies Record<string, CaseKind>;
export type CaseKindName = keyof typeof caseKinds;

const kindList: Array<[CaseKindName, CaseKind]> = Object.entries(caseKinds) as Array<[CaseKindName, CaseKind]>;

/** Business id → workflow id. */
export const workflowIdOf = (kind: CaseKindName, businessId: string): string => `${caseKinds[kind].prefix}:${businessId}`;

/** Workflow id → its kind and business id; null for a workflow that is not a case (an inbox, a mail). */
export function caseOf(workflowId: string): { kind: CaseKindName; id: string } | null {
  const sep = workflowId.indexOf(':');
  const found = sep > 0 ? kindList.find(([, k]) => k.prefix === workflowId.slice(0, sep)) : undefined;
  return found ? { kind: found[0], id: workflowId.slice(sep + 1) } : null;
}

/** The business id of a workflow of the given kind; null when the id is of another kind. */
export function businessIdOf(kind: CaseKindName, workflowId: string): string | null {
  const c = caseOf(workflowId);
  return c && c.kind === kind ? c.id : null;
}

/** Where the API serves a case (`budget:DT-1` → `/api/v1/budgets/DT-1`); null for a workflow that is not a case. */
export function caseApiPath(workflowId: string): string | null {
  const c = caseOf(workflowId);
  return c ? `${API_PREFIX}/${caseKinds[c.kind].segment}/${c.id.split(':').map(encodeURIComponent).join('/')}` : null;
}

/** The kind whose workflows have this type. */
export const kindOfType = (workflowType: string): CaseKind | undefined => kindList.find(([, k]) => k.workflowType === workflowType)?.[1];
