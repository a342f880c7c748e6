/**
 * The checks of an action, as every process's rules.ts states them: who may act, in which of the case's
 * states, and the input's schema, each refusal in the same words and with the same type (403, 409, 400).
 * An action with more to check (an appraisal's lines against the estimate) writes its check out, using the
 * same guards.
 */
import type { z } from 'zod';
import type { Actor } from './actor';
import { parseOrRefuse, refuse, RefusalType } from './refusal';

/** Refuses (409) unless the case is in one of `allowed`: `Không thể <doing>: <noun> đang ở trạng thái "<label>"`. */
export function statusGuard<S extends string>(noun: string, labels: Readonly<Record<S, string>>) {
  return (state: { status: S }, allowed: readonly S[], doing: string): void => {
    if (!allowed.includes(state.status)) refuse(RefusalType.Conflict, `Không thể ${doing}: ${noun} đang ở trạng thái "${labels[state.status]}"`);
  };
}

/** The parts of a plain action's check. */
export interface PlainCheck<St extends { status: string }, I extends z.ZodType> {
  /** Refuses (403) anyone who may not act; `doing` names the action in their refusal. */
  by: (state: St, actor: Actor, doing: string) => void;
  doing: string;
  /** The states it may be taken in, and its name in that refusal (409). */
  in: readonly St['status'][];
  when: string;
  input: I;
  /** An action whose body may be left out (read as `{}`). */
  bodyOptional?: boolean;
}

/** The checks of a process's plain actions, over its status guard. */
export function plainChecks<St extends { status: string }>(requireStatus: (state: St, allowed: readonly St['status'][], doing: string) => void) {
  return <I extends z.ZodType>(c: PlainCheck<St, I>) =>
    (state: St, actor: Actor, input: unknown): z.infer<I> => {
      c.by(state, actor, c.doing);
      requireStatus(state, c.in, c.when);
      return parseOrRefuse(c.input, c.bodyOptional ? (input ?? {}) : input);
    };
}
