/**
 * Which actions a person may take on an estimate now, for the console's buttons (issue 12, item 9). Derived by
 * running the very checks the Update validators run (workflows/budget/rules.ts) with no input: a check that
 * refuses for the role or the state (Forbidden, Conflict) means "not now", with its reason; one that gets as
 * far as reading the input (InvalidInput) means the person may act once they fill in the form.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../../workflows/common/actor';
import { RefusalType } from '../../workflows/common/refusal';
import type { BudgetState } from '../../workflows/budget/messages';
import { checks } from '../../workflows/budget/rules';

/** Actions as the API names them in its paths (`POST /api/v1/budgets/:id/<action>`). */
export const BudgetActions = ['request-revision', 'resubmit', 'appraise', 'approve', 'return-to-appraisal', 'reject', 'withdraw'] as const;
export type BudgetAction = (typeof BudgetActions)[number];

const checkOf: Record<BudgetAction, (state: BudgetState, actor: Actor, input: unknown) => unknown> = {
  'request-revision': checks.requestRevision,
  resubmit: checks.resubmit,
  appraise: checks.appraise,
  approve: checks.approve,
  'return-to-appraisal': checks.returnToAppraisal,
  reject: checks.reject,
  withdraw: checks.withdraw,
};

export const AllowedActionSchema = z.object({
  action: z.enum(BudgetActions),
  allowed: z.boolean(),
  /** Why not, in Vietnamese, as the API would answer if the action were sent now. */
  reason: z.string().optional(),
});
export const AllowedActionsSchema = z.object({
  /** Names of the actions allowed now; the same as `actions` filtered on `allowed`. */
  allowed: z.array(z.enum(BudgetActions)),
  actions: z.array(AllowedActionSchema),
});
export type AllowedActions = z.infer<typeof AllowedActionsSchema>;

export function allowedActions(state: BudgetState, actor: Actor): AllowedActions {
  const actions = BudgetActions.map((action) => {
    try {
      checkOf[action](state, actor, undefined);
      return { action, allowed: true };
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === RefusalType.InvalidInput) return { action, allowed: true };
      if (err instanceof ApplicationFailure) return { action, allowed: false, reason: err.message };
      throw err;
    }
  });
  return { allowed: actions.filter((a) => a.allowed).map((a) => a.action), actions };
}
