/**
 * `npm run -s replay -- <dir or file>...`: replays exported workflow histories (the audit's history exports,
 * or JSON histories from the Temporal CLI or UI) against the current workflow code. Prints one line per
 * history; exits 1 if any fails to replay (non-determinism: the code no longer matches what already ran),
 * 2 if there is nothing to replay. Default: tests/fixtures/histories. `--bundle <file>` replays against an
 * already built workflow bundle instead of bundling workflows/ (the tests pass the run's one bundle).
 */
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { bundleWorkflows } from '../worker/workflow-bundle';
import { historyFilesUnder, loadHistoryFile, replayHistories } from '../audit/replay';

async function main(argv: string[]): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const bundleAt = argv.indexOf('--bundle');
  const prebuilt = bundleAt >= 0 ? argv[bundleAt + 1] : undefined;
  if (bundleAt >= 0 && !prebuilt) {
    process.stderr.write('--bundle cần đường dẫn tới tệp bundle\n');
    return 2;
  }
  const paths = bundleAt >= 0 ? [...argv.slice(0, bundleAt), ...argv.slice(bundleAt + 2)] : argv;
  const roots = paths.length ? paths : [path.resolve(__dirname, '../tests/fixtures/histories')];
  const files = historyFilesUnder(roots).map(loadHistoryFile);
  if (!files.length) {
    process.stderr.write(`không có lịch sử nào (*.json) trong ${roots.join(', ')}\n`);
    return 2;
  }
  const quiet = { log() {}, info() {}, warn() {}, debug() {}, trace() {}, error: (m: string) => process.stderr.write(`${m}\n`) };
  const bundle = prebuilt ? { codePath: path.resolve(prebuilt) } : await bundleWorkflows({ logger: quiet as never });
  const outcomes = await replayHistories(files, { workflowBundle: bundle });
  for (const o of outcomes) {
    if (o.error) process.stderr.write(`HỎNG ${o.file} (${o.workflowType} ${o.workflowId}): ${o.error.name}: ${o.error.message}\n`);
    else process.stdout.write(`OK   ${o.file} (${o.workflowType} ${o.workflowId})\n`);
  }
  const failed = outcomes.filter((o) => o.error).length;
  process.stdout.write(`${outcomes.length - failed}/${outcomes.length} lịch sử phát lại được với mã hiện tại\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
    process.exitCode = 2;
  },
);
