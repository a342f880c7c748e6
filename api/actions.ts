/**
 * Runs an action (an Update) on a case's workflow. An Update cannot reach a workflow that has finished,
 * and Temporal then answers "not found"; the caller must hear that the case is closed (409), not missing.
 */
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../workflows/common/actor';
import { HttpProblem } from './problem';

export async function runAction<S, I>(
  handle: WorkflowHandle,
  update: UpdateDefinition<S, [Actor, I]>,
  actor: Actor,
  input: I,
  /** What to tell the caller when the case has finished; receives its final status if it can be read. */
  closedMessage: (handle: WorkflowHandle) => Promise<string>,
): Promise<S> {
  try {
    return await handle.executeUpdate(update, { args: [actor, input] });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const finished = await handle.describe().then(
      (d) => d.status.name !== 'RUNNING',
      () => false, // truly missing
    );
    if (finished) throw new HttpProblem(409, await closedMessage(handle));
    throw err;
  }
}
