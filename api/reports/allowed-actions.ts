/** The actions a person may take on the consolidated report now, from the Update validators' checks (api/allowed-actions.ts). */
import type { z } from 'zod';
import type { Actor } from '../../workflows/common/actor';
import type { ReportState } from '../../workflows/report/messages';
import { checks } from '../../workflows/report/rules';
import { allowedActionsOf, allowedActionsSchema } from '../allowed-actions';

/** Actions as the API names them in its paths (`POST /api/v1/reports/:id/<action>`). */
export const ReportActions = ['edit-narrative', 'approve', 'return'] as const;
export type ReportAction = (typeof ReportActions)[number];

const checkOf: Record<ReportAction, (state: ReportState, actor: Actor, input: unknown) => unknown> = {
  'edit-narrative': checks.editNarrative,
  approve: checks.approve,
  return: checks.returnDraft,
};

export const ReportAllowedActionsSchema = allowedActionsSchema(ReportActions);

export function reportAllowedActions(state: ReportState, actor: Actor): z.infer<typeof ReportAllowedActionsSchema> {
  return allowedActionsOf(checkOf, ReportActions, state, actor);
}
