/**
 * `scripts/cluster.sh` and docker-compose.yml run this once the Temporal frontend answers: creates the
 * service's namespace (when missing) and registers its custom search attributes, the one list of
 * workflows/common/search-attributes.ts. Safe to run at every start: what is there already is left alone, and
 * an attribute registered with another type stops it (exit 1). Waits until the frontend reports every
 * attribute, then for the servers' namespace caches (refreshed every 10 s) to learn them.
 *
 * Environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE (config/env.ts), TEMPORAL_RETENTION (how long a finished
 * case's history is kept, in hours like `8760h`; applied when the namespace is created; default one year).
 */
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config/env';
import { allSearchAttributeKeys } from '../workflows/common/search-attributes';

const config = loadConfig();
const retentionHours = Number(/^(\d+)h$/.exec(process.env.TEMPORAL_RETENTION || '8760h')?.[1] ?? NaN);
if (!Number.isInteger(retentionHours) || retentionHours < 24) throw new Error('TEMPORAL_RETENTION: hours, at least 24, like 8760h');
/** Namespace caches of frontend and history refresh this often (Temporal's default). */
const NAMESPACE_CACHE_REFRESH_MS = 11_000;

async function connect(deadline: number): Promise<Connection> {
  for (;;) {
    try {
      const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: 3_000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

async function ensureNamespace(connection: Connection, namespace: string): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionHours}h`) });
    return true;
  }
}

/** The namespace's custom attributes, once the servers' namespace cache knows the namespace (a new one: up to 10 s). */
async function registeredAttributes(connection: Connection, namespace: string, deadline: number): Promise<Record<string, unknown>> {
  for (;;) {
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      return customAttributes ?? {};
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(1_000);
    }
  }
}

async function main(): Promise<void> {
  const namespace = config.TEMPORAL_NAMESPACE;
  const connection = await connect(Date.now() + 120_000);
  try {
    const created = await ensureNamespace(connection, namespace);
    console.log(created ? `namespace ${namespace}: created (retention ${retentionHours} h)` : `namespace ${namespace}: already there`);
    const customAttributes = await registeredAttributes(connection, namespace, Date.now() + 60_000);
    const missing: Record<string, number> = {};
    for (const key of allSearchAttributeKeys) {
      const wanted = encodeSearchAttributeIndexedValueType(key.type)!;
      const existing = customAttributes[key.name];
      if (existing === undefined || existing === null) missing[key.name] = wanted;
      else if (existing !== wanted) throw new Error(`search attribute ${key.name} is registered with another type (${String(existing)}) than ${key.type}`);
    }
    if (Object.keys(missing).length === 0) {
      console.log(`search attributes: all ${allSearchAttributeKeys.length} already registered`);
      return;
    }
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
    console.log(`search attributes registered: ${Object.keys(missing).join(', ')}`);
    await sleep(NAMESPACE_CACHE_REFRESH_MS);
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
