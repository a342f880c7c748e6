/**
 * A case's actions as data: each process lists its actions once (workflows/<process>/actions.ts) — the Update,
 * its input schema, the last segment of its route, its Vietnamese label and its rule — and the workflow's
 * handlers, the API's routes and allowed actions, the OpenAPI entries and the audit's labels are derived from
 * that list. `registerAction` makes one entry an Update: the validator runs the rule's check, so a refused
 * action never enters the history; the handler runs the check again (it is cheap and pure), applies the
 * effect and reports. `registerActionInTurn` does the same for actions whose completion waits on an activity
 * (a deadline to plan, lateness to count): they run one at a time, each re-checking its rule when its turn
 * comes (as in Temporal's samples, message-passing/safe-message-handlers).
 */
import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor } from './actor';
import type { MatterKind } from './capacity';

export interface ActionRule<S, I, R = unknown> {
  /** Who may act, in which state, with which input (rules.ts); throws a refusal. */
  check: (state: S, actor: Actor, input: unknown) => I;
  /** Changes the state; may return what the workflow needs next (e.g. a new due date to plan). */
  effect: (state: S, actor: Actor, input: I, at: string) => R;
}

export interface CaseAction<S, I, R = unknown> extends ActionRule<S, I, R> {
  update: UpdateDefinition<S, [Actor, I]>;
  /** The body the API accepts (validation, OpenAPI). */
  input: z.ZodType;
  /** The route: `POST <case>/<path>`. */
  path: string;
  /** What the audit's timeline calls it. */
  label: string;
  /** The route's summary in the API's document: what is sent, and by whom. */
  summary: string;
  /**
   * A decision made under someone's authority: the API derives the actor's capacity for this kind of matter at
   * the moment of acting (workflows/authority/rules.ts), refuses without one, and the history records it.
   */
  authority?: MatterKind;
}

/** One entry of a process's list, its types tied together (the Update's input is what the check returns). */
export const caseAction = <S, I, R>(action: CaseAction<S, I, R>): CaseAction<S, I, R> => action;

const nowIso = (): string => new Date(Date.now()).toISOString();

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
      action.effect(state, actor, input, nowIso());
      after(actor, input);
      return state;
    },
    { validator: (actor: Actor, raw: I) => void action.check(state, actor, raw) },
  );
}

/** Actions of one case taking turns: each runs once the one before it has completed (or failed). */
export class ActionTurns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.last.then(fn);
    this.last = run.catch(() => undefined);
    return run;
  }
}

export function registerActionInTurn<S, I, R>(
  state: S,
  action: Pick<CaseAction<S, I, R>, 'update' | 'check' | 'effect'>,
  turns: ActionTurns,
  /** Runs after the effect, in the action's turn: wait for what it needs, index the new state, queue the notices. */
  after: (actor: Actor, input: I, outcome: R) => Promise<void> | void,
): void {
  setHandler(
    action.update,
    (actor: Actor, raw: I) =>
      turns.take(async () => {
        const input = action.check(state, actor, raw);
        const outcome = action.effect(state, actor, input, nowIso());
        await after(actor, input, outcome);
        return state;
      }),
    { validator: (actor: Actor, raw: I) => void action.check(state, actor, raw) },
  );
}
