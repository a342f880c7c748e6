/**
 * A case's actions as data: each process lists its actions once (workflows/<process>/actions.ts) — the Update,
 * its input schema, the last segment of its route, its Vietnamese label and its rule — and the workflow's
 * handlers, the API's routes and allowed actions, the OpenAPI entries and the audit's labels are derived from
 * that list. `registerAction` makes one entry an Update: the validator runs the rule's check, so a refused
 * action never enters the history; the handler runs the check again (it is cheap and pure), applies the
 * effect and reports.
 */
import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor } from './actor';

export interface ActionRule<S, I> {
  /** Who may act, in which state, with which input (rules.ts); throws a refusal. */
  check: (state: S, actor: Actor, input: unknown) => I;
  effect: (state: S, actor: Actor, input: I, at: string) => unknown;
}

export interface CaseAction<S, I> extends ActionRule<S, I> {
  update: UpdateDefinition<S, [Actor, I]>;
  /** The body the API accepts (validation, OpenAPI). */
  input: z.ZodType;
  /** The route: `POST <case>/<path>`. */
  path: string;
  /** What the audit's timeline calls it. */
  label: string;
  /** The route's summary in the API's document: what is sent, and by whom. */
  summary: string;
}

/** One entry of a process's list, its types tied together (the Update's input is what the check returns). */
export const caseAction = <S, I>(action: CaseAction<S, I>): CaseAction<S, I> => action;

export function registerAction<S, I>(
  state: S,
  action: Pick<CaseAction<S, I>, 'update' | 'check' | 'effect'>,
  /** Runs after the effect: index the new state, queue the notices. */
  after: (actor: Actor, input: I) => void,
): void {
  setHandler(
    action.update,
    (actor: Actor, raw: I) => {
      const input = action.check(state, actor, raw);
      action.effect(state, actor, input, new Date(Date.now()).toISOString());
      after(actor, input);
      return state;
    },
    { validator: (actor: Actor, raw: I) => void action.check(state, actor, raw) },
  );
}
