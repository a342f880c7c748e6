/**
 * Path 5: one workflow's audit timeline. The route is found in the API's own OpenAPI document (so the bench
 * follows the audit API as it is, or skips the path while there is none). The bare side makes the same calls a
 * careful client would: describe the run (whose index says who may read it), read its history, and record the
 * read durably in the day's read log (signal-with-start), one after the other. What the service adds (the
 * timeline in the plan's terms, its digest chain, HTTP) is what the ratio measures.
 */
import type { Client } from '@temporalio/client';
import { localDate } from '../catalog/calendar';
import { AUDIT_READ_LOG_WORKFLOW_TYPE, auditReadLogWorkflowId, recordAuditReadSignal } from '../workflows/audit-read-log/messages';
import { budgetWorkflowId } from '../workflows/budget/messages';
import { actor } from './fixtures';
import { TASK_QUEUE } from './stack';
import type { BenchPath } from './paths';
import type { ApiClient } from './sides';

export interface AuditRoute {
  /** OpenAPI path, e.g. `/api/v1/audit/budgets/{id}`. */
  template: string;
  /** Its one path parameter and what to put there for an estimate's business id. */
  param: string;
  value: (id: string) => string;
}

/** The GET route of the audit API that reads one case's timeline, if the API has one. */
export async function findAuditRoute(apiUrl: string): Promise<AuditRoute | undefined> {
  const doc = (await (await fetch(`${apiUrl}/api/v1/openapi.json`)).json()) as { paths?: Record<string, { get?: unknown }> };
  const candidates = Object.entries(doc.paths ?? {})
    .filter(([p, ops]) => ops.get && /audit/i.test(p))
    .map(([p]) => ({ template: p, params: [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!) }))
    .filter((c) => c.params.length === 1);
  // The timeline (JSON) of one case: a budget-specific one if there is, else the one taking any workflow id.
  const timelines = candidates.filter((c) => /timeline$/i.test(c.template));
  const chosen = timelines.find((c) => /budget/i.test(c.template)) ?? timelines[0];
  if (!chosen) return undefined;
  const param = chosen.params[0]!;
  const byWorkflowId = /workflow/i.test(param) || !/budget/i.test(chosen.template);
  return { template: chosen.template, param, value: (id) => (byWorkflowId ? budgetWorkflowId(id) : id) };
}

export function auditPath(api: ApiClient, client: Client, route: AuditRoute, ids: readonly string[]): BenchPath<string> {
  let next = 0;
  const pick = async (_side: string, count: number) => Array.from({ length: count }, () => ids[next++ % ids.length]!);
  return {
    key: 'audit',
    title: `Read one estimate's audit timeline (${route.template})`,
    noticesPerOp: 0,
    items: pick,
    run: {
      service: (id) => api.request('GET', route.template.replace(`{${route.param}}`, encodeURIComponent(route.value(id))), 'leader', 200),
      bare: async (id) => {
        const handle = client.workflow.getHandle(budgetWorkflowId(id));
        await handle.describe();
        const history = await handle.fetchHistory();
        const at = new Date().toISOString();
        await client.workflow.signalWithStart(AUDIT_READ_LOG_WORKFLOW_TYPE, {
          workflowId: auditReadLogWorkflowId(localDate(new Date(at))),
          taskQueue: TASK_QUEUE,
          args: [{ day: localDate(new Date(at)) }],
          signal: recordAuditReadSignal,
          signalArgs: [{ at, actor: actor('leader'), action: 'timeline', target: budgetWorkflowId(id), outcome: 'served' }],
        });
        return history;
      },
    },
  };
}
