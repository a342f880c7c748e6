/**
 * The workflow bundle shares the pure modules of the workflow code across workflows (worker/workflow-bundle.ts):
 * each schema, message definition and rule is built once per worker, not once per workflow started or brought
 * back into the cache. Every such module goes through the shared registry; no workflow body does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function workflowSources(): string[] {
  return readdirSync(path.join(ROOT, 'workflows'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join('workflows', f).split(path.sep).join('/'))
    .sort();
}

test('every pure module of the workflow code is shared across workflows; the workflow bodies and the entry are not', () => {
  const code = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
  const shared = new Set([...code.matchAll(/sharedModule\("([^"]+)"/g)].map((m) => m[1]!));
  const sources = workflowSources();
  const bodies = sources.filter((f) => /\/(workflow|index|shared-modules)\.ts$/.test(f));
  const pure = sources.filter((f) => !bodies.includes(f) && code.includes(`./${f}`));
  expect(pure.length).toBeGreaterThan(25);
  expect(pure.filter((f) => !shared.has(f))).toEqual([]);
  expect(bodies.filter((f) => shared.has(f))).toEqual([]);
});
