/**
 * Runs an action (an Update) on a case's workflow. An Update cannot reach a workflow that has finished,
 * and Temporal then answers "not found"; the caller must hear that the case is closed (409), not missing.
 * Before anything, `admit` decides whether the caller may see the case at all (someone who may not is answered
 * as if it did not exist, so no state or refusal text tells them anything about it), then runs any check of the
 * input that needs the API's own stores (documents), so those answer only to people who may act.
 */
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../workflows/common/actor';
import { HttpProblem } from './problem';

export async function runAction<S, I>(
  handle: WorkflowHandle,
  update: UpdateDefinition<S, [Actor, I]>,
  /** Who acts; a function when admission settles it (a decision's actor gets their capacity there). */
  actor: Actor | (() => Actor),
  input: I,
  /** What to tell the caller when the case has finished; receives its final status if it can be read. */
  closedMessage: (handle: WorkflowHandle) => Promise<string>,
  /** Reads the case for the caller and checks the input; throws 404 (403 for a kind of case the role never sees) when they may not read it. */
  admit: () => Promise<unknown>,
): Promise<S> {
  await admit();
  try {
    return await handle.executeUpdate(update, { args: [typeof actor === 'function' ? actor() : actor, input] });
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
