/**
 * Registers an action as an Update: the validator runs the rule's check, so a refused action never enters
 * the history; the handler runs the check again (it is cheap and pure), applies the effect and reports.
 */
import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from './actor';

export interface ActionRule<S, I> {
  check: (state: S, actor: Actor, input: unknown) => I;
  effect: (state: S, actor: Actor, input: I, at: string) => void;
}

export function registerAction<S, I>(
  state: S,
  update: UpdateDefinition<S, [Actor, I]>,
  rule: ActionRule<S, I>,
  /** Runs after the effect: index the new state, queue the notices. */
  after: (actor: Actor, input: I) => void,
): void {
  setHandler(
    update,
    (actor: Actor, raw: I) => {
      const input = rule.check(state, actor, raw);
      rule.effect(state, actor, input, new Date(Date.now()).toISOString());
      after(actor, input);
      return state;
    },
    { validator: (actor: Actor, raw: I) => void rule.check(state, actor, raw) },
  );
}
