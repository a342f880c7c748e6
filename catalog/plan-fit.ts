/** A plan against a directory: which units an assignment stands for, and whether the plan fits the directory. */
import { AGENCY_KINDS, ALL_AGENCIES, COMMUNES, SPECIAL_TARGETS, type Plan } from './plan';
import { isCommunalKind, isRequestedKind, type Directory, type DirectoryData } from './directory';

function directoryData(directory: Directory | DirectoryData): DirectoryData {
  return 'data' in directory ? directory.data : directory;
}

/** Unit codes an assignment target stands for in a directory (a single unit, every commune, or every agency). */
export function resolveTarget(target: string, directory: Directory | DirectoryData): string[] {
  const units = directoryData(directory).units;
  if (target === COMMUNES) return units.filter((u) => isCommunalKind(u.kind)).map((u) => u.code);
  if (target === ALL_AGENCIES) return units.filter((u) => AGENCY_KINDS.includes(u.kind)).map((u) => u.code);
  return units.some((u) => u.code === target) ? [target] : [];
}

export interface PlanProblem {
  path: string;
  message: string;
}

/**
 * Cross-checks a valid plan against a directory: unknown unit codes, a district other than the directory's,
 * assignments whose mode does not fit the unit's kind, budget roles nobody can play, an unknown signer.
 * Returns every problem found (empty when the plan fits the directory).
 */
export function checkPlanAgainstDirectory(plan: Plan, directory: Directory | DirectoryData): PlanProblem[] {
  const data = directoryData(directory);
  const units = new Map(data.units.map((u) => [u.code, u]));
  const problems: PlanProblem[] = [];
  const add = (p: (string | number)[], message: string) => problems.push({ path: p.join('.'), message });
  const known = (code: string) => units.has(code) || (SPECIAL_TARGETS as readonly string[]).includes(code);

  if (plan.issuer.district !== data.district) {
    add(['issuer', 'district'], `plan is for ${plan.issuer.district ?? 'no district'}, directory for ${data.district ?? 'no district'}`);
  }
  if (plan.issuer.province !== data.province) add(['issuer', 'province'], `plan is for ${plan.issuer.province}, directory for ${data.province}`);
  if (resolveTarget(COMMUNES, data).length === 0 && plan.implementation.assignments.some((a) => a.agency === COMMUNES)) {
    add(['implementation', 'assignments'], 'the plan addresses the communes but the directory has none');
  }

  plan.basis.forEach((b, i) => {
    if (b.issuerUnit && !units.has(b.issuerUnit)) add(['basis', i, 'issuerUnit'], `unknown unit ${b.issuerUnit}`);
  });

  plan.implementation.assignments.forEach((a, i) => {
    const base = ['implementation', 'assignments', i];
    const unit = units.get(a.agency);
    if (!known(a.agency)) add([...base, 'agency'], `unknown unit ${a.agency}`);
    a.cooperatingWith.forEach((c, j) => {
      if (!units.has(c)) add([...base, 'cooperatingWith', j], `unknown unit ${c}`);
    });
    if (unit) {
      const requested = isRequestedKind(unit.kind);
      const directed = unit.kind === 'agency' || unit.kind === 'inspectorate' || unit.kind === 'office' || isCommunalKind(unit.kind);
      if (requested && a.mode !== 'requested') add([...base, 'mode'], `${unit.code} is a ${unit.kind}: its assignment is requested, not directed`);
      if (directed && a.mode !== 'directed') add([...base, 'mode'], `${unit.code} is a ${unit.kind}: its assignment is directed, not requested`);
      if (unit.kind === 'leadership' || unit.kind === 'province' || unit.kind === 'central') add([...base, 'agency'], `${unit.code} (${unit.kind}) is not assigned tasks by the plan`);
    }
    if (a.agency === COMMUNES && a.mode !== 'directed') add([...base, 'mode'], 'communes are directed, not requested');
    const targets = resolveTarget(a.agency, data);
    if (a.submitsBudgetEstimate) {
      const missing = targets.filter((t) => !data.users.some((u) => u.agency === t && u.role === 'staff'));
      if (missing.length) add([...base, 'submitsBudgetEstimate'], `no staff to submit the estimate in ${missing.join(', ')}`);
    }
    if (a.appraisesBudgets) {
      const missing = targets.filter((t) => !data.users.some((u) => u.agency === t && u.role === 'appraiser'));
      if (missing.length) add([...base, 'appraisesBudgets'], `no appraiser in ${missing.join(', ')}`);
    }
    if (a.issuesOwnPlan) {
      const missing = targets.filter((t) => !data.users.some((u) => u.agency === t && u.role === 'commune_officer'));
      if (missing.length) add([...base, 'issuesOwnPlan'], `no commune officer in ${missing.join(', ')}`);
    }
  });

  const estimates = plan.implementation.assignments.some((a) => a.submitsBudgetEstimate);
  const appraisal = plan.implementation.assignments.some((a) => a.appraisesBudgets);
  if (estimates && !appraisal) add(['implementation', 'assignments'], 'estimates are submitted but no assignment appraises them');
  if ((estimates || appraisal) && !data.users.some((u) => u.role === 'leader')) {
    add(['implementation', 'assignments'], 'budgets need a decision but the directory has no leader');
  }

  plan.recipients.forEach((r, i) => {
    r.units.forEach((c, j) => {
      if (!known(c)) add(['recipients', i, 'units', j], `unknown unit ${c}`);
    });
  });

  const { signerUserId, signer } = plan.signature;
  if (signerUserId) {
    const user = data.users.find((u) => u.id === signerUserId);
    if (!user) add(['signature', 'signerUserId'], `unknown user ${signerUserId}`);
    else {
      if (user.name !== signer) add(['signature', 'signer'], `signer ${signer} is ${user.name} in the directory`);
      if (user.role !== 'leader') add(['signature', 'signerUserId'], `${signerUserId} is not a leader`);
    }
  }
  // The plan's field decides who signs its matters: it must be one of the directory's.
  if (plan.field && data.authority && !data.authority.fields[plan.field]) add(['field'], `unknown field ${plan.field}: the directory's authority has ${Object.keys(data.authority.fields).join(', ')}`);
  return problems;
}
