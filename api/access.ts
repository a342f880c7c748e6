/**
 * Who may read which case, in one place: the roles that see everything, each kind's rule for one case (a read,
 * a download, an action's admission), and the visibility clause that scopes a list to the same cases. Who may
 * *act* is the workflow's own rule (rules.ts), run by the Update validators. The audit's scopes
 * (api/audit/access.ts) start from the same `seesAll`.
 */
import type { Actor, Role } from '../workflows/common/actor';
import { CaseAgency, Participants } from '../workflows/common/search-attributes';
import { quoteValue as quote } from '../workflows/common/visibility-query';
import type { AssignmentState } from '../workflows/assignment/messages';
import { participantsOf } from '../workflows/assignment/rules';
import type { BudgetState } from '../workflows/budget/messages';
import type { CommunePlanState } from '../workflows/commune-plan/messages';
import type { Parties } from '../workflows/common/agencies';

/** Roles that see every case of every kind: in every list and read, in "my work" of any agency, in the audit. */
const SEES_ALL = new Set<Role>(['leader', 'auditor', 'administrator']);
export const seesAll = (actor: Actor): boolean => SEES_ALL.has(actor.role);

/** A kind of case's reading rule. */
export interface CaseAccess<S> {
  /** A refusal (403) for a caller whose role never reads this kind, before anything is read; null otherwise. */
  refuse?: (actor: Actor) => string | null;
  /** Whether the caller may read this case; one who may not is answered 404, as if it did not exist. */
  mayRead: (actor: Actor, state: S) => boolean;
  /** The visibility clause that keeps a list to the cases the caller may read; null when they may read all. */
  listClause?: (actor: Actor) => string | null;
}

const participating = (actor: Actor): string => `${Participants.name} = ${quote(actor.agency)}`;

/*
 * A case is read by the parties it was started with (its state says which); a list is scoped by the tenant's
 * parties (the directory's), the only ones a visibility query can name.
 */

/** Estimates: the leadership and the appraising agency read all; an agency, the ones it takes part in. */
export const budgetAccess = (parties: Parties): CaseAccess<BudgetState> => ({
  mayRead: (actor, state) => seesAll(actor) || [state.parties.appraiser, state.parties.leadership, state.agency].includes(actor.agency),
  listClause: (actor) => (seesAll(actor) || [parties.appraiser, parties.leadership].includes(actor.agency) ? null : participating(actor)),
});

/** A commune's plan: the commune itself, its reviewer, the leadership and the office. */
export const communePlanAccess = (): CaseAccess<CommunePlanState> => ({
  mayRead: (actor, state) =>
    actor.role === 'commune_officer'
      ? actor.agency === state.commune.code
      : seesAll(actor) || [state.policy.reviewerAgency, state.parties.leadership, state.parties.office].includes(actor.agency),
  listClause: (actor) =>
    actor.role === 'commune_officer' ? `${CaseAgency.name} = ${quote(actor.agency)}` : seesAll(actor) ? null : participating(actor),
});

/** An assignment: the agencies that take part in it (the assignee, its reviewer), the leadership and the office. */
export const assignmentAccess = (parties: Parties): CaseAccess<AssignmentState> => ({
  mayRead: (actor, state) => seesAll(actor) || participantsOf(state).includes(actor.agency),
  listClause: (actor) => (seesAll(actor) || [parties.leadership, parties.office].includes(actor.agency) ? null : participating(actor)),
});

/** The report to the level above: the leadership, the office and the auditors read it; nobody else sees it exists. */
export const reportAccess = (parties: Parties): CaseAccess<unknown> => ({
  refuse: (actor) =>
    actor.role === 'auditor' || actor.agency === parties.leadership || actor.agency === parties.office
      ? null
      : 'Chỉ lãnh đạo, văn phòng và thanh tra được xem báo cáo gửi cấp trên',
  mayRead: () => true,
});
