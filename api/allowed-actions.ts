/**
 * Which actions a person may take on a case now, for the console's buttons (issue 12, item 9). Derived by
 * running the very checks the Update validators run (each workflow's rules.ts) with no input: a check that
 * refuses for the role or the state (Forbidden, Conflict) means "not now", with its reason; one that gets as far
 * as reading the input (InvalidInput) means the person may act once they fill in the form.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../workflows/common/actor';
import type { MatterKind } from '../workflows/common/capacity';
import type { CapacityAnswer } from '../workflows/authority/rules';
import { RefusalType } from '../workflows/common/refusal';

/** The answer's schema for a kind of case whose actions (as named in the API's paths) are `names`. */
export function allowedActionsSchema(names: readonly string[]) {
  const action = z.enum(names as [string, ...string[]]);
  return z.object({
    /** Names of the actions allowed now; the same as `actions` filtered on `allowed`. */
    allowed: z.array(action),
    actions: z.array(
      z.object({
        action,
        allowed: z.boolean(),
        /** Why not, in Vietnamese, as the API would answer if the action were sent now. */
        reason: z.string().optional(),
      }),
    ),
  });
}

/** Each of a case's actions (workflows/<process>/actions.ts), by its path, allowed now or not and why not. */
export function allowedActionsOf<S>(
  actions: ReadonlyArray<{ path: string; check: (state: S, actor: Actor, input: unknown) => unknown; authority?: MatterKind }>,
  state: S,
  actor: Actor,
  /** The actor's capacity for a kind of decision now, or why not (null: the tenant has no authority rules). */
  authorityOf: (kind: MatterKind) => CapacityAnswer | null = () => null,
) {
  const answers = actions.map(({ path: action, check, authority }) => {
    const answer = authority ? authorityOf(authority) : null;
    const acting = answer && 'capacity' in answer ? { ...actor, capacity: answer.capacity } : actor;
    try {
      check(state, acting, undefined);
      // The rule lets them (a leader), but the authority does not: say why, as the action would.
      if (answer && 'refusal' in answer) return { action, allowed: false, reason: answer.refusal };
      return { action, allowed: true };
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === RefusalType.InvalidInput) {
        return answer && 'refusal' in answer ? { action, allowed: false, reason: answer.refusal } : { action, allowed: true };
      }
      if (err instanceof ApplicationFailure) return { action, allowed: false, reason: err.message };
      throw err;
    }
  });
  return { allowed: answers.filter((a) => a.allowed).map((a) => a.action), actions: answers };
}
