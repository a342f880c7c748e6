/**
 * The time-skipping test server for one test file: deadlines are tested by skipping time, never by sleeping.
 * Started before the file's tests with the service's search attributes, torn down after them.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { TEMPORAL_TEST_SERVER } from './binaries';
import { quietRuntime, registerSearchAttributes } from './temporal';

export interface TimeSkipping {
  /** The environment: its client, its native connection for workers. */
  env: TestWorkflowEnvironment;
  /** Skips the server's clock forward to an instant. */
  skipTo(at: Date): Promise<void>;
  /** The server's clock. */
  now(): Promise<Date>;
  /** Registers clean-up (stopping the file's worker) that must run before the server goes. */
  beforeStop(cleanUp: () => Promise<void>): void;
}

export function useTimeSkipping(): TimeSkipping {
  const cleanUps: Array<() => Promise<void>> = [];
  const skipping = {
    beforeStop: (cleanUp) => void cleanUps.push(cleanUp),
    skipTo: async (at: Date) => skipping.env.sleep(at.getTime() - (await skipping.env.currentTimeMs())),
    now: async () => new Date(await skipping.env.currentTimeMs()),
  } as TimeSkipping;

  beforeAll(async () => {
    quietRuntime();
    skipping.env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEMPORAL_TEST_SERVER } } });
    await registerSearchAttributes(skipping.env.connection);
  });

  afterAll(async () => {
    for (const cleanUp of cleanUps) await cleanUp();
    await skipping.env?.teardown();
  });

  return skipping;
}
