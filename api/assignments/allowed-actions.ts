/** The actions a person may take on an assignment's report now, from the Update validators' checks (api/allowed-actions.ts). */
import type { z } from 'zod';
import type { Actor } from '../../workflows/common/actor';
import type { AssignmentState } from '../../workflows/assignment/messages';
import { checks } from '../../workflows/assignment/rules';
import { allowedActionsOf, allowedActionsSchema } from '../allowed-actions';

/** Actions as the API names them in its paths (`POST /api/v1/assignments/:campaignId/:assignment/<action>`). */
export const AssignmentActions = ['submit-report', 'accept', 'return'] as const;
export type AssignmentAction = (typeof AssignmentActions)[number];

const checkOf: Record<AssignmentAction, (state: AssignmentState, actor: Actor, input: unknown) => unknown> = {
  'submit-report': checks.submitReport,
  accept: checks.acceptReport,
  return: checks.returnReport,
};

export const AssignmentAllowedActionsSchema = allowedActionsSchema(AssignmentActions);

export function assignmentAllowedActions(state: AssignmentState, actor: Actor): z.infer<typeof AssignmentAllowedActionsSchema> {
  return allowedActionsOf(checkOf, AssignmentActions, state, actor);
}
