import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const env = (globalThis as Record<string, unknown>).__temporalTestEnv as TestWorkflowEnvironment | undefined;
  await env?.teardown();
  if (process.env.TEST_TMP_DIR) rmSync(process.env.TEST_TMP_DIR, { recursive: true, force: true });
}
