/** The actions a person may take on a budget estimate now, from the Update validators' checks (api/allowed-actions.ts). */
import type { z } from 'zod';
import type { Actor } from '../../workflows/common/actor';
import type { BudgetState } from '../../workflows/budget/messages';
import { checks } from '../../workflows/budget/rules';
import { allowedActionsOf, allowedActionsSchema } from '../allowed-actions';

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

export const AllowedActionsSchema = allowedActionsSchema(BudgetActions);
export type AllowedActions = z.infer<typeof AllowedActionsSchema>;

export function allowedActions(state: BudgetState, actor: Actor): AllowedActions {
  return allowedActionsOf(checkOf, BudgetActions, state, actor);
}
