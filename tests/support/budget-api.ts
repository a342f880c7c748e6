/** Shortcuts for driving budget estimates through the HTTP API in tests. */
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { budgetWorkflowId, type BudgetState } from '../../workflows/budget/messages';
import { militaryEstimate, type TestApi } from './api';

export function budgetApi(api: TestApi) {
  const act = async (id: string, action: string, userId: string, body: unknown) =>
    request(api.app).post(`/api/v1/budgets/${id}/${action}`).set('Authorization', await api.bearer(userId)).send(body as object);
  const submit = async (userId = 'quan-bchqs', estimate: object = militaryEstimate) => {
    const res = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer(userId)).send(estimate);
    if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as BudgetState;
  };
  const get = async (id: string, userId = 'thanh-tt') => request(api.app).get(`/api/v1/budgets/${id}`).set('Authorization', await api.bearer(userId));
  const appraiseAll = (state: BudgetState, userId = 'hoa-tckh') =>
    act(state.id, 'appraise', userId, {
      lines: state.versions[state.versions.length - 1]!.lines.map((l) => ({ lineNo: l.lineNo, recommendedAmount: l.amount })),
      opinion: 'Thống nhất với dự toán của đơn vị.',
    });
  return { act, submit, get, appraiseAll };
}

/** Updates recorded in a workflow's history, to prove a refused action left no trace. */
export async function recordedUpdates(client: Client, id: string): Promise<number> {
  const history = await client.workflow.getHandle(budgetWorkflowId(id)).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateRejectedEventAttributes).length;
}

/** Polls until `check` passes (for effects that follow an action asynchronously, like a sent email). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
