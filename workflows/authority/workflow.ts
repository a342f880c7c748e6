/**
 * The deployment's record of authority decided as time goes (workflows/authority/messages.ts): each
 * authorisation, acting assignment and absence is an Update with who recorded it and its basis, kept for
 * good; ending one early is an Update too. Continues as new, carrying the records, before its history grows large.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import {
  endAuthorityUpdate,
  listAuthorityQuery,
  recordAuthorityUpdate,
  type AuthorityInput,
  type AuthorityRules,
  type AuthorityWorkflowInput,
  type EndAuthorityInput,
} from './messages';
import { checkEndAuthority, checkRecordAuthority, endAuthority, recordAuthority } from './rules';

const nowIso = (): string => new Date(Date.now()).toISOString();

export async function authorityWorkflow(input: AuthorityWorkflowInput): Promise<void> {
  const records = input.carried ?? [];
  setHandler(listAuthorityQuery, () => records);
  setHandler(
    recordAuthorityUpdate,
    (actor: Actor, raw: AuthorityInput, rules: AuthorityRules) => {
      const at = nowIso();
      return recordAuthority(records, actor, checkRecordAuthority(records, actor, raw, rules, at), at);
    },
    { validator: (actor: Actor, raw: AuthorityInput, rules: AuthorityRules) => void checkRecordAuthority(records, actor, raw, rules, nowIso()) },
  );
  setHandler(
    endAuthorityUpdate,
    (actor: Actor, raw: EndAuthorityInput, rules: AuthorityRules) => {
      const at = nowIso();
      return endAuthority(records, actor, checkEndAuthority(records, actor, raw, rules, at), at);
    },
    { validator: (actor: Actor, raw: EndAuthorityInput, rules: AuthorityRules) => void checkEndAuthority(records, actor, raw, rules, nowIso()) },
  );
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= 2_000);
  await condition(allHandlersFinished);
  await continueAsNew<typeof authorityWorkflow>({ carried: records });
}
