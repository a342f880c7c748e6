/**
 * Once per test run: start a Temporal CLI dev server (in memory, with the service's search attributes) and
 * bundle the workflow code. Suites find both through environment variables set here.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allSearchAttributeKeys } from '../../workflows/common/search-attributes';
import { TEMPORAL_CLI } from '../support/binaries';
import { bundleWorkflows } from '../../worker/workflow-bundle';

export default async function globalSetup(): Promise<void> {
  const [env, bundle] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: TEMPORAL_CLI },
        searchAttributes: [...allSearchAttributeKeys],
        ip: '127.0.0.1',
        log: { format: 'pretty', level: 'error' },
      },
    }),
    bundleWorkflows({ logger: { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} } as never }),
  ]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bac-son-tests-'));
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  process.env.TEST_TEMPORAL_ADDRESS = env.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.TEST_TMP_DIR = dir;
  (globalThis as Record<string, unknown>).__temporalTestEnv = env;
}
