/** The actions a person may take on a commune's plan now, from the Update validators' checks (api/allowed-actions.ts). */
import type { z } from 'zod';
import type { Actor } from '../../workflows/common/actor';
import type { CommunePlanState } from '../../workflows/commune-plan/messages';
import { checks } from '../../workflows/commune-plan/rules';
import { allowedActionsOf, allowedActionsSchema } from '../allowed-actions';

/** Actions as the API names them in its paths (`POST /api/v1/commune-plans/:id/<action>`). */
export const CommunePlanActions = ['submit', 'accept', 'return', 'request-extension', 'grant-extension', 'refuse-extension'] as const;
export type CommunePlanAction = (typeof CommunePlanActions)[number];

const checkOf: Record<CommunePlanAction, (state: CommunePlanState, actor: Actor, input: unknown) => unknown> = {
  submit: checks.submit,
  accept: checks.accept,
  return: checks.return,
  'request-extension': checks.requestExtension,
  'grant-extension': checks.grantExtension,
  'refuse-extension': checks.refuseExtension,
};

export const CommunePlanAllowedActionsSchema = allowedActionsSchema(CommunePlanActions);

export function communePlanAllowedActions(state: CommunePlanState, actor: Actor): z.infer<typeof CommunePlanAllowedActionsSchema> {
  return allowedActionsOf(checkOf, CommunePlanActions, state, actor);
}
