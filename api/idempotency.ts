/**
 * Idempotency-Key for the POSTs that start a workflow. No store of its own: the workflow id is derived from
 * the caller and the key, so a retry lands on the workflow the first attempt started (Temporal refuses a second
 * one with that id), and a hash of the request, kept in the workflow's memo, tells a true retry from a
 * different request reusing the key.
 *
 * - same caller, same key, same body: the same answer (201, same Location), no second workflow;
 * - same caller, same key, another body: 422 problem;
 * - no key: every POST starts a new workflow.
 *
 * A key is remembered as long as Temporal keeps the workflow (the namespace's retention after it closes).
 */
import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../workflows/common/actor';
import { HttpProblem } from './problem';

/** The optional request header, for a route's `headers` schema. */
export const IdempotencyHeadersSchema = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7E]{1,255}$/, 'từ 1 đến 255 ký tự ASCII in được, không có khoảng trắng')
    .optional()
    .describe('Khóa do người gọi tạo (ví dụ một UUID): gửi lại cùng yêu cầu với cùng khóa không tạo hồ sơ thứ hai'),
});

/** Memo field holding the hash of the request that started the workflow. */
export const REQUEST_HASH_MEMO = 'requestHash';

/** Response header set when the answer is that of an earlier request with the same key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** 12 hex digits derived from the caller and the key (48 bits: no collision among a district's cases). */
export function idempotentSuffix(actor: Actor, key: string): string {
  return createHash('sha256').update(`${actor.userId}\n${key}`).digest('hex').slice(0, 12).toUpperCase();
}

/** Hash of the validated request (zod output: keys in schema order, so equal inputs hash alike). */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/**
 * Starts the workflow (`start` answers what the caller answers), or, when `key` was given and a workflow with
 * that id exists, checks that it was started by the same request and answers it as it stands (`existing`).
 */
export async function startOnce<R>(opts: {
  key: string | undefined;
  hash: string;
  start: () => Promise<R>;
  handle: () => WorkflowHandle;
  existing: (handle: WorkflowHandle) => Promise<R>;
}): Promise<{ result: R; replayed: boolean }> {
  try {
    return { result: await opts.start(), replayed: false };
  } catch (err) {
    if (opts.key === undefined || !(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const handle = opts.handle();
    const { memo } = await handle.describe();
    if (memo?.[REQUEST_HASH_MEMO] !== opts.hash) {
      throw new HttpProblem(422, 'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới', [
        { field: 'headers.Idempotency-Key', message: 'đã dùng cho nội dung khác' },
      ]);
    }
    return { result: await opts.existing(handle), replayed: true };
  }
}
