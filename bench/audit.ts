/**
 * Path 5: one workflow's audit timeline. The route is found in the API's own OpenAPI document (so the bench
 * follows the audit API as it is, or skips the path while there is none); the bare side reads the same
 * workflow's history, which is what a timeline is made from. What the service adds (the access check, the
 * timeline in the plan's terms, its digest chain, the record of the read) is what the ratio measures.
 */
import type { Client } from '@temporalio/client';
import { budgetWorkflowId } from '../workflows/budget/messages';
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
      bare: (id) => client.workflow.getHandle(budgetWorkflowId(id)).fetchHistory(),
    },
  };
}
