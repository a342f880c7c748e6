/**
 * `npx tsx scripts/write-openapi.ts <file>`: writes the API's OpenAPI document, as GET /api/v1/openapi.json
 * serves it, without a Temporal server (the client connects lazily, and nothing here calls it). The console's
 * types are generated from this file (npm run console:schema), so a changed schema breaks the console's build.
 */
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'node:http';
import { createDocumentStore } from '../activities/document-store';
import { createApp } from '../api/app';
import { Directory } from '../catalog/directory';
import { loadConfig } from '../config/env';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: npx tsx scripts/write-openapi.ts <file>\n');
    process.exit(2);
  }
  const config = loadConfig({});
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
  const app = createApp({
    client,
    directory: Directory.fromFile(config.DIRECTORY_FILE),
    taskQueue: 'openapi',
    budgetPolicy: { appraisalDays: 5, revisionDays: 5, decisionDays: 3, reminderBefore: 1 },
    documents: createDocumentStore({ dir: scratch, maxBytes: 1 }),
    auth: { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, secret: new Uint8Array(32) },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  const body = await new Promise<string>((resolve, reject) => {
    request.get(`http://127.0.0.1:${port}/api/v1/openapi.json`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`status ${res.statusCode}`))));
    }).on('error', reject);
  });
  server.close();
  writeFileSync(out, `${JSON.stringify(JSON.parse(body), null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
