/**
 * Who may see which workflows in the audit: the leadership, auditors and the office's administrators see
 * everything (as they do in every list and read of the API); a district agency or body sees the workflows it
 * takes part in (Participants); a commune or the town only its own (CaseAgency). The same rule filters
 * searches (as a visibility clause) and guards single reads. Who looked at what (the read log) is for the
 * leadership and auditors only.
 */
import { isCommunalKind, type Directory } from '../../catalog/directory';
import type { Actor } from '../../workflows/common/actor';
import { CaseAgency, Participants } from '../../workflows/common/search-attributes';
import { quoteValue as quote } from '../../workflows/common/visibility-query';
import { seesAll } from '../access';

export type AuditScope = { kind: 'everything'; oversight: boolean } | { kind: 'participant'; agency: string } | { kind: 'own'; agency: string };

/** Roles that oversee the others, and so read the log of who looked at what. */
const OVERSIGHT = new Set<Actor['role']>(['leader', 'auditor']);

export function scopeOf(actor: Actor, directory: Directory): AuditScope {
  if (seesAll(actor)) return { kind: 'everything', oversight: OVERSIGHT.has(actor.role) };
  const unit = directory.unit(actor.agency);
  if (unit && isCommunalKind(unit.kind)) return { kind: 'own', agency: actor.agency };
  return { kind: 'participant', agency: actor.agency };
}

/** Whether the scope may read the log of audit reads. */
export const readsTheReadLog = (scope: AuditScope): boolean => scope.kind === 'everything' && scope.oversight;


/** The visibility clause a search adds for the scope; null when it sees everything. */
export function scopeClause(scope: AuditScope): string | null {
  switch (scope.kind) {
    case 'everything':
      return null;
    case 'own':
      return `${CaseAgency.name} = ${quote(scope.agency)}`;
    case 'participant':
      return `(${Participants.name} = ${quote(scope.agency)} OR ${CaseAgency.name} = ${quote(scope.agency)})`;
  }
}

/** Whether the scope may read one workflow, given its search attributes. */
export function mayRead(scope: AuditScope, workflow: { caseAgency?: string | undefined; participants?: readonly string[] | undefined }): boolean {
  switch (scope.kind) {
    case 'everything':
      return true;
    case 'own':
      return workflow.caseAgency === scope.agency;
    case 'participant':
      return workflow.caseAgency === scope.agency || (workflow.participants ?? []).includes(scope.agency);
  }
}
