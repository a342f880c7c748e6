/**
 * The words the console shows for the API's codes: the very tables the emails and the audit use (plain data
 * files beside the workflows, with no import), and the console's page of a case from the table of kinds.
 */
import { API_PREFIX, caseKinds, caseOf, type CaseKindName } from '../../workflows/common/cases';

import { assignmentStatusLabels as assignment } from '../../workflows/assignment/statuses';
import { budgetStatusLabels as budget } from '../../workflows/budget/statuses';
import { communePlanStatusLabels as communePlan } from '../../workflows/commune-plan/statuses';
import { roleLabels as roles } from '../../workflows/common/roles';
import { reportStatusLabelsFor } from '../../workflows/report/statuses';

/** Looked up by the codes the API answers with (typed as strings there); a code missing shows as it is. */
type Labels = Readonly<Record<string, string>>;
export const budgetStatusLabels: Labels = budget;
export const communePlanStatusLabels: Labels = communePlan;
export const assignmentStatusLabels: Labels = assignment;
/** The report's states, naming the level above as the tenant does (`useAboveName`). */
export const reportStatusLabelsOf = (above: string): Labels => reportStatusLabelsFor(above);
export const roleLabels: Labels = roles;

/** "Chuyên viên, Ban Chỉ huy Quân sự huyện"; a unit named for its role ("Lãnh đạo UBND huyện") is not preceded by it again. */
export const roleAndUnit = (p: { roleLabel: string; agencyName: string }): string =>
  p.agencyName.toLocaleLowerCase('vi').startsWith(p.roleLabel.toLocaleLowerCase('vi')) ? p.agencyName : `${p.roleLabel}, ${p.agencyName}`;

/** Who acted, as a history shows them: "Lý Thị Hoa (Chuyên viên thẩm định, Phòng Tài chính - Kế hoạch)". */
export const actorLine = (a: { name: string; roleLabel: string; agencyName?: string | undefined }): string =>
  `${a.name} (${a.agencyName ? roleAndUnit({ roleLabel: a.roleLabel, agencyName: a.agencyName }) : a.roleLabel})`;

/** The kinds of case the console has a page for, at the API's path without its prefix. */
const PAGES: readonly CaseKindName[] = ['budget', 'communePlan', 'assignment', 'report'];
const ID_PART = /^[A-Za-z0-9.-]+$/;

/** The console's page for a case the API names by its path (`/api/v1/budgets/DT-…` → `/budgets/DT-…`), when it has one. */
export function consolePathOf(apiPath: string | null | undefined): string | null {
  if (!apiPath?.startsWith(`${API_PREFIX}/`)) return null;
  const [segment, ...parts] = apiPath.slice(API_PREFIX.length + 1).split('/');
  const kind = PAGES.find((k) => caseKinds[k].segment === segment);
  return kind && parts.length === caseKinds[kind].idParts && parts.every((p) => ID_PART.test(p)) ? `/${segment}/${parts.join('/')}` : null;
}

/** A case's workflow id (`budget:DT-…`, `commune-plan:<campaign>.<commune>`, `report:<campaign>`) → its console page, when it has one. */
export function consolePathOfWorkflow(workflowId: string | undefined): string | null {
  const sep = workflowId?.indexOf(':') ?? -1;
  const kind = sep > 0 ? PAGES.find((k) => caseKinds[k].prefix === workflowId!.slice(0, sep)) : undefined;
  return kind ? consolePathOf(`${API_PREFIX}/${caseKinds[kind].segment}/${workflowId!.slice(sep + 1).split(':').join('/')}`) : null;
}

/** An agency's report figures, in the order and words of its form (the consolidated report sums the same). */
export const FIGURES = [
  ['eventsHeld', 'Số hoạt động, sự kiện đã tổ chức', false],
  ['peopleReached', 'Số lượt người tham gia', false],
  ['giftsGiven', 'Số suất quà đã trao', false],
  ['giftsValue', 'Tổng giá trị quà (đ)', true],
  ['moneySpent', 'Kinh phí đã chi (đ)', true],
] as const;

/**
 * A case as an official names it, from its workflow id: "Dự toán DT-2026-…", "Kế hoạch của UBND xã Long Đống",
 * "Mục III.3 - Trung tâm …", "Báo cáo kết quả gửi cấp trên". The id itself (with its plan code) is for the export's
 * checks, not for reading; `unitName` gives the directory's names.
 */
export function caseNameOf(workflowId: string, unitName: (code: string) => string): string {
  const found = caseOf(workflowId);
  const rest = workflowId.slice(workflowId.indexOf(':') + 1);
  switch (found?.kind) {
    case 'budget':
      return `Dự toán ${found.id}`;
    case 'communePlan':
      return `Kế hoạch của ${unitName(found.id.slice(found.id.lastIndexOf('.') + 1))}`;
    case 'assignment': {
      const a = /:(\d+)-([a-z0-9-]+)$/.exec(found.id);
      return a ? `Mục III.${a[1]} - ${unitName(a[2]!)}` : caseKinds.assignment.label;
    }
    case 'report':
      return 'Báo cáo kết quả gửi cấp trên';
    case 'campaign':
      return caseKinds.campaign.label;
  }
  const prefix = workflowId.slice(0, workflowId.indexOf(':'));
  if (prefix === 'inbox') return `Hộp thông báo của ${unitName(rest.slice(rest.lastIndexOf('/') + 1))}`;
  if (prefix === 'mail') return 'Thư gửi đi';
  if (prefix === 'calendar') return 'Lịch nghỉ lễ, Tết';
  if (prefix === 'digest') return 'Bản tin công việc';
  return 'Hồ sơ';
}
