/**
 * Replay (issue 5): every committed fixture history replays against the current workflow code; a workflow
 * whose code changed in a way that breaks running workflows fails replay; and the `replay` command says so
 * and exits non-zero.
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleWorkflows } from '../worker/workflow-bundle';
import { historyFilesUnder, loadHistoryFile, replayHistories } from '../audit/replay';
import { quietRuntime, tempDir } from './support/temporal';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(__dirname, 'fixtures/histories');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const quiet = { log() {}, info() {}, warn() {}, debug() {}, trace() {}, error: console.error };

beforeAll(() => quietRuntime());

test('every fixture history replays against the current workflow code', async () => {
  const files = historyFilesUnder([FIXTURES]).map(loadHistoryFile);
  // Other workflow types add theirs next to these (tests/fixtures/histories/record.ts).
  expect([...new Set(files.map((f) => f.workflowType))]).toEqual(
    expect.arrayContaining(['budgetEstimateWorkflow', 'auditReadLogWorkflow', 'consolidatedReportWorkflow', 'agencyInboxWorkflow', 'morningDigestWorkflow']),
  );
  expect(files.filter((f) => f.workflowType === 'budgetEstimateWorkflow').length).toBeGreaterThanOrEqual(5);

  const outcomes = await replayHistories(files, { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } });
  expect(outcomes.map((o) => [path.relative(FIXTURES, o.file), o.error?.message ?? 'ok'])).toEqual(files.map((f) => [path.relative(FIXTURES, f.file), 'ok']));
});

test('a budget workflow changed in a way that breaks running workflows fails replay of every budget fixture', async () => {
  // A copy of the budget workflow whose first step is now a timer: histories that began with other steps no longer match.
  const dir = tempDir('replay-changed');
  cpSync(path.join(ROOT, 'workflows/budget'), path.join(dir, 'workflows/budget'), { recursive: true });
  cpSync(path.join(ROOT, 'workflows/common'), path.join(dir, 'workflows/common'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'workflows/index.ts'), "export { budgetEstimateWorkflow } from './budget/workflow';\n");
  const workflowFile = path.join(dir, 'workflows/budget/workflow.ts');
  const original = readFileSync(workflowFile, 'utf8');
  const signature = /export async function budgetEstimateWorkflow\([^)]*\)[^{]*\{/;
  expect(original).toMatch(signature);
  writeFileSync(workflowFile, `import { sleep as changedSleep } from '@temporalio/workflow';\n${original.replace(signature, (m) => `${m}\n  await changedSleep('1 second');`)}`);
  const changed = await bundleWorkflows({ workflowsPath: path.join(dir, 'workflows/index.ts'), logger: quiet as never });

  const budgetFixtures = historyFilesUnder([path.join(FIXTURES, 'budgetEstimateWorkflow')]).map(loadHistoryFile);
  const outcomes = await replayHistories(budgetFixtures, { workflowBundle: changed });
  expect(outcomes).toHaveLength(budgetFixtures.length);
  for (const o of outcomes) expect(o.error?.name).toBe('DeterminismViolationError');
});

test('the replay command passes intact histories and exits 1 naming one that no longer matches the code', async () => {
  const dir = tempDir('replay-cli');
  const good = path.join(FIXTURES, 'budgetEstimateWorkflow/rejected.json');
  // The same history, but recording a different activity than the code schedules at that point.
  const doc = JSON.parse(readFileSync(good, 'utf8')) as { events: Array<{ activityTaskScheduledEventAttributes?: { activityType: { name: string } } }> };
  const scheduled = doc.events.find((e) => e.activityTaskScheduledEventAttributes?.activityType.name === 'planDeadline')!;
  scheduled.activityTaskScheduledEventAttributes!.activityType.name = 'planSomethingElse';
  const bad = path.join(dir, 'tampered.json');
  writeFileSync(bad, JSON.stringify(doc));

  // One run over an intact and a tampered history, against the run's bundle (bundling again would only cost time).
  const failed = await run(TSX, ['scripts/replay-histories.ts', '--bundle', process.env.TEST_WORKFLOW_BUNDLE!, good, bad], { cwd: ROOT }).then(
    () => {
      throw new Error('the replay command accepted a history that does not match the code');
    },
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
  expect(failed.code).toBe(1);
  expect(failed.stdout).toContain(`OK   ${good}`);
  expect(failed.stderr).toContain(`HỎNG ${bad}`);
  expect(failed.stderr).toMatch(/Nondeterminism|DeterminismViolation/i);
  expect(failed.stdout).toContain('1/2 lịch sử phát lại được');
}, 120_000);
