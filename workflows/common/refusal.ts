/**
 * Refusals raised by Update validators. A refused action never enters the workflow history; the caller learns
 * why through the failure's type (mapped to an HTTP status by the API) and message (Vietnamese, for people).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';

/** Failure types, matched by name on the client side. */
export const RefusalType = {
  /** The input is malformed: 400. */
  InvalidInput: 'InvalidInput',
  /** The actor's role or agency may not do this: 403. */
  Forbidden: 'Forbidden',
  /** Not allowed in the current state: 409. */
  Conflict: 'Conflict',
} as const;
export type RefusalType = (typeof RefusalType)[keyof typeof RefusalType];

/** One offending field of an input, as the API reports it. */
export interface FieldProblem {
  field: string;
  message: string;
}

export function refuse(type: RefusalType, message: string, fields: FieldProblem[] = []): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: fields.length ? [fields] : [] });
}

/** Parses an action's input with its schema, refusing with every bad field named. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    refuse(
      RefusalType.InvalidInput,
      'Dữ liệu không hợp lệ',
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
    );
  }
  return parsed.data;
}
