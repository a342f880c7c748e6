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

/** Bytes of a string in UTF-8, as Temporal counts a payload (no TextEncoder needed in the workflow). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) (bytes += 4), i++; // a surrogate pair: one 4-byte character
    else bytes += 3;
  }
  return bytes;
}

/**
 * A case travels whole in every answer of its Updates, and Temporal refuses a payload over 2 MB: the workflow
 * task then fails on every try, and the case answers no read and no action any more (make fuzz met it; eight
 * versions of a 250 KB estimate did it by hand). A case keeps under this, half the limit, so that the action
 * that follows the growing one still fits.
 */
export const CASE_MAX_BYTES = 1_000_000;

/** Refuses (409) what would take the case past CASE_MAX_BYTES. */
export function requireRoom(state: unknown, adding: unknown, advice: string): void {
  const bytes = utf8Bytes(JSON.stringify(state)) + utf8Bytes(JSON.stringify(adding));
  if (bytes > CASE_MAX_BYTES) {
    refuse(RefusalType.Conflict, `Hồ sơ đã quá lớn để thêm nội dung này (tối đa ${CASE_MAX_BYTES / 1_000_000} MB cho cả hồ sơ, gồm mọi phiên bản); ${advice}`);
  }
}

/**
 * A decision of the leadership: whoever the API found an authority for at the moment of acting (the capacity it
 * derived from the working rules and the authority records, workflows/authority/rules.ts, carried in the
 * actor), else a leader of the leadership, as before capacities were recorded (so older histories replay alike).
 */
export function requireDecisionAuthority(actor: Actor, leadership: string, refusal: string): void {
  if (actor.capacity && actor.capacity.userId === actor.userId) return;
  if (actor.role !== 'leader' || actor.agency !== leadership) refuse(RefusalType.Forbidden, refusal);
}
