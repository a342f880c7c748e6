/** The worker: runs every workflow and activity of the service on the shared task queue until SIGINT/SIGTERM. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { workerOptions } from './options';

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create(workerOptions(config, connection));
    // Worker.run() finishes in-flight tasks and returns once a shutdown signal (SIGINT, SIGTERM) arrives.
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
