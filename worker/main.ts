/**
 * The worker: runs every workflow and activity of the service on the shared task queue, and the campaigns on
 * theirs (worker/options.ts, createWorkers), until SIGINT/SIGTERM.
 */
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { createWorkers } from './options';

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const workers = await createWorkers(config, connection);
    // Worker.run() finishes in-flight tasks and returns once a shutdown signal (SIGINT, SIGTERM) arrives.
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
