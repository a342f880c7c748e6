/**
 * The deployment's record of authority decided as time goes (workflows/authority/messages.ts): each
 * authorisation, acting assignment and absence is an Update with who recorded it and its basis, kept for
 * good; ending one early is an Update too. Continues as new, carrying the records, before its history grows large.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { UpdateDefinition } from '@temporalio/common';
import { endAuthorityUpdate, listAuthorityQuery, recordAuthorityUpdate, type AuthorityRecord, type AuthorityRules, type AuthorityWorkflowInput } from './messages';
import { checkEndAuthority, checkRecordAuthority, endAuthority, recordAuthority } from './rules';

const nowIso = (): string => new Date(Date.now()).toISOString();

export async function authorityWorkflow(input: AuthorityWorkflowInput): Promise<void> {
  const records = input.carried ?? [];
  setHandler(listAuthorityQuery, () => records);
  // Each Update: its validator runs the check, its handler the check again and then the change, at one instant.
  const register = <R, I>(
    update: UpdateDefinition<AuthorityRecord, [Actor, R, AuthorityRules]>,
    check: (records: AuthorityRecord[], actor: Actor, raw: unknown, rules: AuthorityRules, at: string) => I,
    apply: (records: AuthorityRecord[], actor: Actor, input: I, at: string) => AuthorityRecord,
  ): void =>
    setHandler(
      update,
      (actor: Actor, raw: R, rules: AuthorityRules) => {
        const at = nowIso();
        return apply(records, actor, check(records, actor, raw, rules, at), at);
      },
      { validator: (actor: Actor, raw: R, rules: AuthorityRules) => void check(records, actor, raw, rules, nowIso()) },
    );
  register(recordAuthorityUpdate, checkRecordAuthority, recordAuthority);
  register(endAuthorityUpdate, checkEndAuthority, endAuthority);
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= 2_000);
  await condition(allHandlersFinished);
  await continueAsNew<typeof authorityWorkflow>({ carried: records });
}
