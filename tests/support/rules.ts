/**
 * For the unit tests of the workflows' rules (tests/rules): people of the real directory as the API passes
 * them to a workflow, and the refusal a check throws, as the API would map it (type → 403, 409 or 400).
 */
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { actorOf } from '../../api/auth';
import { Directory } from '../../catalog/directory';
import type { Actor } from '../../workflows/common/actor';
import type { FieldProblem } from '../../workflows/common/refusal';

const directory = Directory.fromFile(path.resolve(__dirname, '../../catalog/directory.json'));

/** A person of the directory as the API would pass them to a workflow. */
export function person(userId: string): Actor {
  const user = directory.user(userId);
  if (!user) throw new Error(`no such user in the directory: ${userId}`);
  return actorOf(user);
}

export interface Refusal {
  type: string;
  message: string;
  fields: FieldProblem[];
}

/** The refusal `run` throws; fails the test if it lets the action through or throws anything else. */
export function refusalOf(run: () => unknown): Refusal {
  try {
    run();
  } catch (err) {
    if (!(err instanceof ApplicationFailure)) throw err;
    return { type: err.type ?? '', message: err.message, fields: (err.details?.[0] as FieldProblem[] | undefined) ?? [] };
  }
  throw new Error('the check let the action through');
}

/** Fixed instants: nothing here depends on the day the tests run. */
export const at = (minutes: number): string => new Date(Date.parse('2024-03-04T02:00:00.000Z') + minutes * 60_000).toISOString();

type Check<S> = (state: S, actor: Actor, input: unknown) => unknown;
type Effect<S> = (state: S, actor: Actor, input: never, at: string) => unknown;

/**
 * A process's actions as the workflow runs them (`registerAction`): `act` runs the check, then the effect with
 * what the check returned; `refusal` is what the check throws. People are user ids of the directory.
 */
export function actionsOf<S, A extends string>(checks: Record<A, Check<S>>, effects: Record<A, Effect<S>>) {
  const who = (actor: string | Actor): Actor => (typeof actor === 'string' ? person(actor) : actor);
  return {
    act(state: S, action: A, actor: string | Actor, input: unknown, when: string): S {
      const a = who(actor);
      effects[action](state, a, checks[action](state, a, input) as never, when);
      return state;
    },
    refusal: (state: S, action: A, actor: string | Actor, input: unknown): Refusal => refusalOf(() => checks[action](state, who(actor), input)),
  };
}
